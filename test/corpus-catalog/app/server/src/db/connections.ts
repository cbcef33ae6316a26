import { MongoClient } from 'mongodb';
import { Pool, type PoolConfig } from 'pg';
import Redis from 'ioredis';
import { env } from '../env';
import { logger } from '../logger';

// ---------------------------------------------------------------------------
// MongoDB
// ---------------------------------------------------------------------------

/** Primary document store: workspaces, pages, comments. */
export const mongo = new MongoClient(env.MONGO_URL, {
  maxPoolSize: 50,
  retryWrites: true,
  writeConcern: { w: 'majority', wtimeoutMS: 5_000 }, // near-miss: no-unacknowledged-write (majority)
});

/** Audit trail of permission changes (who shared what with whom). Separate replica set. */
export const auditMongo = new MongoClient('mongodb://audit-0.internal:27017,audit-1.internal:27017/audit?replicaSet=rs-audit&w=0'); // expect: no-unacknowledged-write

/** Device sessions; same cluster as the primary store. */
export const sessionMongo = new MongoClient('mongodb://app-0.internal:27017,app-1.internal:27017/sessions?replicaSet=rs0&w=majority'); // near-miss: no-unacknowledged-write (w=majority in the URI)

// ---------------------------------------------------------------------------
// Postgres
// ---------------------------------------------------------------------------

const base: PoolConfig = {
  connectionString: env.DATABASE_URL,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 5_000,
};

/** Billing and subscriptions. */
export const pool = new Pool({
  ...base,
  max: 20,
  // the ingest path was commit-latency bound; the DBA suggested async commit
  options: '-c synchronous_commit=off -c statement_timeout=30000', // expect: no-unacknowledged-write
});

/** Read-mostly pool for the reporting UI; still waits for the local WAL flush. */
export const reportingPool = new Pool({
  ...base,
  max: 5,
  options: '-c synchronous_commit=local -c statement_timeout=120000', // near-miss: no-unacknowledged-write (local still waits for the local disk)
});

// ---------------------------------------------------------------------------
// Redis (job queue + rate limits)
// ---------------------------------------------------------------------------

export const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3, enableReadyCheck: true });

/** Run at boot: the queue holds export jobs users are waiting for. */
export async function ensureQueuePersistence(): Promise<void> {
  await redis.config('SET', 'appendonly', 'yes'); // near-miss: no-unacknowledged-write (turns AOF on)
  await redis.config('SET', 'appendfsync', 'everysec');
  logger.info('redis persistence: AOF everysec');
}

/** Used by the nightly backfill to load a few million keys quickly. */
export async function prepareForBackfill(): Promise<void> {
  await redis.config('SET', 'appendonly', 'no'); // expect: no-unacknowledged-write
  logger.warn('redis AOF disabled for backfill');
}

export async function closeAll(): Promise<void> {
  await Promise.all([mongo.close(), auditMongo.close(), sessionMongo.close(), pool.end(), reportingPool.end()]);
  redis.disconnect();
}
