#!/usr/bin/env node
// Monthly maintenance: move orders older than a year to orders_archive, and abandoned
// carts to carts_cancelled, so the hot collections stay small.
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
const cutoff = new Date(Date.now() - 365 * 24 * 3600 * 1000);
const BATCH = 500;

async function archiveBatchLegacy(db, ids) {
  const orders = db.collection('orders');
  const archive = db.collection('orders_archive');
  const docs = await orders.find({ _id: { $in: ids } }).toArray();
  await archive.insertMany(docs).catch(() => {}); // expect: no-swallowed-write-error
  await orders.deleteMany({ _id: { $in: ids } }); // expect: no-destroy-before-backup
}

async function archiveBatch(db, ids) {
  const orders = db.collection('orders');
  const archive = db.collection('orders_archive');
  const docs = await orders.find({ _id: { $in: ids } }).toArray();
  if (docs.length === 0) return 0;
  await archive.insertMany(docs, { ordered: true });
  const { deletedCount } = await orders.deleteMany({ _id: { $in: docs.map((d) => d._id) } }); // near-miss: no-destroy-before-backup
  return deletedCount;
}

async function moveCancelledCartsLegacy(db) {
  const carts = db.collection('carts');
  const filter = { status: 'cancelled', updatedAt: { $lt: cutoff } };
  for await (const cart of carts.find(filter)) {
    db.collection('carts_cancelled').insertOne(cart); // expect: no-floating-write
  }
  await carts.deleteMany(filter); // expect: no-destroy-before-backup
}

async function moveCancelledCarts(db) {
  const carts = db.collection('carts');
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      const docs = await carts.find({ status: 'cancelled', updatedAt: { $lt: cutoff } }, { session }).toArray();
      if (docs.length === 0) return;
      await db.collection('carts_cancelled').insertMany(docs, { session });
      await carts.deleteMany({ _id: { $in: docs.map((d) => d._id) } }, { session }); // near-miss: no-destroy-before-backup
    });
  } finally {
    await session.endSession();
  }
}

async function main() {
  await client.connect();
  try {
    const db = client.db(process.env.MONGO_DB ?? 'shop');
    const ids = await db
      .collection('orders')
      .find({ createdAt: { $lt: cutoff } }, { projection: { _id: 1 } })
      .map((d) => d._id)
      .toArray();
    let moved = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      moved += await archiveBatch(db, ids.slice(i, i + BATCH));
    }
    await moveCancelledCarts(db);
    console.log(`archived ${moved} orders`);
  } finally {
    await client.close();
  }
}

if (process.argv.includes('--legacy')) {
  console.error('the --legacy mode was removed; see archiveBatchLegacy for the old behaviour');
  process.exitCode = 2;
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

export { archiveBatch, archiveBatchLegacy, moveCancelledCarts, moveCancelledCartsLegacy };
