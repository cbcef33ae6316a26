// The archive script done carefully: copy and delete run in one transaction, the copy is
// awaited before the delete, only the documents that were copied are deleted, and re-runs
// are idempotent instead of ignoring errors.
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
const cutoff = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000);

async function archiveOrders(db) {
  const orders = db.collection('orders');
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      const docs = await orders.find({ createdAt: { $lt: cutoff } }, { session }).toArray();
      if (docs.length === 0) return;
      await db.collection('orders_archive').insertMany(docs, { session });
      await orders.deleteMany({ _id: { $in: docs.map((d) => d._id) } }, { session });
    });
  } finally {
    await session.endSession();
  }
}

async function archiveInvoices(db, ids) {
  const invoices = db.collection('invoices');
  const docs = await invoices.find({ _id: { $in: ids } }).toArray();
  if (docs.length === 0) return 0;
  // Upserts make a re-run after an interrupted run harmless, so no error needs to be ignored.
  await db.collection('invoices_archive').bulkWrite(
    docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
    { ordered: true },
  );
  const { deletedCount } = await invoices.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
  return deletedCount;
}

async function main() {
  await client.connect();
  try {
    const db = client.db('shop');
    await archiveOrders(db);
    const stale = await db.collection('invoices').find({ paidAt: { $lt: cutoff } }).map((d) => d._id).toArray();
    console.log(`archived ${await archiveInvoices(db, stale)} invoices`);
  } finally {
    await client.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
