import { Kafka, CompressionTypes, logLevel } from 'kafkajs';
import type { AnyBulkWriteOperation, Db, MongoBulkWriteError } from 'mongodb';
import { mongo } from '../db/connections';
import { env } from '../env';
import { logger } from '../logger';

const kafka = new Kafka({ clientId: 'activity-svc', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.WARN });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

export const stats = { acks: 0, retries: 0, dropped: 0 }; // near-miss: no-unacknowledged-write (counters, not a producer setting)

export type Comment = { id: string; threadId: string; authorId: string; body: string; createdAt: string };
export type Reaction = { id: string; targetId: string; userId: string; emoji: string; createdAt: string };
export type ActivityEvent = { _id: string; userId: string; kind: string; at: Date; data: Record<string, unknown> };

export async function startProducer(): Promise<void> {
  await producer.connect();
}

export async function publishComment(comment: Comment): Promise<void> {
  await producer.send({
    topic: 'comments.v1',
    acks: -1, // near-miss: no-unacknowledged-write (all in-sync replicas)
    compression: CompressionTypes.GZIP,
    messages: [{ key: comment.threadId, value: JSON.stringify(comment) }],
  });
  stats.acks++;
}

export async function publishReaction(reaction: Reaction): Promise<void> {
  await producer.send({
    topic: 'reactions.v1',
    acks: 0, // expect: no-unacknowledged-write
    messages: [{ key: reaction.targetId, value: JSON.stringify(reaction) }],
  });
}

const db = (): Db => mongo.db('activity');

/** In-app notifications ("Ana mentioned you"); users read these from the bell menu. */
export async function recordNotifications(docs: Array<{ userId: string; text: string; at: Date }>): Promise<void> {
  await db().collection('notifications').insertMany(docs, { w: 0 }); // expect: no-unacknowledged-write
}

export async function recordMentions(docs: Array<{ userId: string; commentId: string; at: Date }>): Promise<void> {
  await db().collection('mentions').insertMany(docs, { writeConcern: { w: 'majority', j: true } }); // near-miss: no-unacknowledged-write
}

export async function saveReadReceipts(receipts: Array<{ userId: string; threadId: string; readAt: Date }>): Promise<void> {
  const ops: AnyBulkWriteOperation[] = receipts.map((r) => ({
    updateOne: {
      filter: { userId: r.userId, threadId: r.threadId },
      update: { $max: { readAt: r.readAt } },
      upsert: true,
    },
  }));
  await db().collection('receipts').bulkWrite(ops, { writeConcern: { w: 1, j: false } }); // expect: no-unacknowledged-write
}

/** Re-import of a user's history after an account merge. */
export async function importHistory(events: ActivityEvent[]): Promise<number> {
  try {
    const res = await db().collection<ActivityEvent>('history').insertMany(events, { ordered: false }); // expect: no-unchecked-batch-result
    return res.insertedCount;
  } catch (err) {
    // a re-run hits the events imported last time; the rest went in
    logger.warn({ err }, 'history import finished with duplicate keys');
    return events.length;
  }
}

export async function importBookmarks(items: Array<{ _id: string; userId: string; url: string }>): Promise<number> {
  try {
    const res = await db().collection<{ _id: string; userId: string; url: string }>('bookmarks').insertMany(items, { ordered: false }); // near-miss: no-unchecked-batch-result (writeErrors read in the handler)
    return res.insertedCount;
  } catch (err) {
    const bulk = err as MongoBulkWriteError;
    const errors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : bulk.writeErrors ? [bulk.writeErrors] : [];
    const real = errors.filter((e) => e.code !== 11000);
    if (errors.length === 0 || real.length > 0) throw err;
    return bulk.result.insertedCount;
  }
}

export async function stopProducer(): Promise<void> {
  await producer.disconnect();
}
