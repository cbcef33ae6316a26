'use strict';

/**
 * Recipe Box social service (MongoDB, migrate-mongo).
 * "Favorites" become a regular collection named Favorites; ratings move to
 * their own collection.
 */
module.exports = {
  async up(db, client) {
    await db.createCollection('recipe_collections');
    await db.collection('recipe_collections').createIndex({ userId: 1, name: 1 }, { unique: true });

    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        const favorites = db.collection('favorites').find({}, { session });
        for await (const fav of favorites) {
          await db.collection('recipe_collections').updateOne(
            { userId: fav.userId, name: 'Favorites' },
            { $addToSet: { recipeIds: fav.recipeId }, $setOnInsert: { createdAt: fav.createdAt ?? new Date() } },
            { upsert: true, session },
          );
        }
      });
    } finally {
      await session.endSession();
    }
    await db.collection('favorites').drop(); // near-miss: no-destructive-migration (read and written to recipe_collections above)

    await db.createCollection('ratings');
    await db.collection('ratings').createIndex({ recipeId: 1, userId: 1 }, { unique: true });
    await db.collection('recipes').updateMany({}, { $unset: { legacyRatings: '' } }); // expect: no-destructive-migration
  },

  async down(db) {
    await db.createCollection('favorites');
    const collections = db.collection('recipe_collections').find({ name: 'Favorites' });
    for await (const c of collections) {
      const docs = (c.recipeIds ?? []).map((recipeId) => ({ userId: c.userId, recipeId, createdAt: c.createdAt }));
      if (docs.length) await db.collection('favorites').insertMany(docs);
    }
    await db.collection('recipe_collections').drop(); // near-miss: no-destructive-migration (down)
    await db.collection('ratings').drop();
  },
};
