// Shows: no-floating-write, no-destroy-before-backup, no-swallowed-write-error
//
// A maintenance script that moves year-old orders from `orders` to `orders_archive`.
// The inserts are not awaited, so the delete runs while they are still in flight (or after
// they failed); a duplicate-key error on re-runs is "handled" by ignoring every error.
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
const cutoff = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000);

async function archiveOrders(db) {
  const orders = db.collection('orders');
  const archive = db.collection('orders_archive');
  for await (const order of orders.find({ createdAt: { $lt: cutoff } })) {
    // no-floating-write: nobody waits for the insert or hears that it failed.
    archive.insertOne(order);
  }
  // no-destroy-before-backup: the orders are deleted before their copies are confirmed.
  await orders.deleteMany({ createdAt: { $lt: cutoff } });
}

async function archiveInvoices(db, ids) {
  const invoices = db.collection('invoices');
  const docs = await invoices.find({ _id: { $in: ids } }).toArray();
  // no-swallowed-write-error: "duplicates from an earlier run" — and every other error too.
  await db.collection('invoices_archive').insertMany(docs).catch(() => {});
  // no-destroy-before-backup: deleted even when the copy failed.
  await invoices.deleteMany({ _id: { $in: ids } });
}

async function main() {
  await client.connect();
  try {
    const db = client.db('shop');
    await archiveOrders(db);
    const stale = await db.collection('invoices').find({ paidAt: { $lt: cutoff } }).map((d) => d._id).toArray();
    await archiveInvoices(db, stale);
  } finally {
    await client.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
