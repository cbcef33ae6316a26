// migrate-mongo: editor v2 stores documents as block trees.

const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;

function toBlocks(text) {
  return String(text ?? '')
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => ({ type: 'paragraph', children: [{ text: para }] }));
}

function migrateTemplate(t) {
  return {
    _id: t._id,
    ownerId: t.ownerId,
    title: t.title,
    blocks: toBlocks(t.body),
    createdAt: t.createdAt,
    migratedAt: new Date(),
  };
}

module.exports = {
  async up(db) {
    await db.createCollection('drafts_v2', {
      validator: { $jsonSchema: { bsonType: 'object', required: ['ownerId', 'blocks'] } },
    });
    await db.collection('drafts_v2').createIndex({ ownerId: 1, updatedAt: -1 });
    // v1 drafts cannot be opened by the v2 editor
    await db.collection('drafts').deleteMany({}); // expect: no-destructive-migration

    await db.createCollection('templates_v2');
    const templates = await db.collection('templates').find({}).toArray();
    if (templates.length > 0) {
      await db.collection('templates_v2').insertMany(templates.map(migrateTemplate));
    }
    await db.collection('templates').deleteMany({}); // near-miss: no-destructive-migration (read and re-inserted into templates_v2 first)

    await db.collection('autosaves').deleteMany({ savedAt: { $lt: new Date(Date.now() - THIRTY_DAYS) } }); // near-miss: no-destructive-migration (filtered delete)
    await db.collection('documents').updateMany({ format: { $exists: false } }, { $set: { format: 'blocks-v2' } });
  },

  async down(db) {
    await db.collection('documents').updateMany({ format: 'blocks-v2' }, { $unset: { format: '' } }); // near-miss: no-destructive-migration (down is exempt)
    await db.collection('templates_v2').drop();
    await db.collection('drafts_v2').drop();
  },
};
