import { Pool, type PoolClient } from 'pg';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Account, ExportSchedule, LedgerEntry, MerchantReport, Statement, StatementLine } from '../entities';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  statement_timeout: 30_000,
});

/**
 * Bank statement import: inserts a few hundred thousand ledger entries per
 * file. Commit latency dominated, so the session stopped waiting for the WAL flush.
 */
export async function withImportSession<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SET synchronous_commit = off'); // expect: no-unacknowledged-write
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Statement rendering: writes only derived PDFs' metadata, waits for the local flush. */
export async function withRenderSession<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL synchronous_commit = 'local'"); // near-miss: no-unacknowledged-write (local still waits for the local disk)
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

// Redis holds the incoming webhook queue (bank notifications) until workers ack them.
export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', { maxRetriesPerRequest: 3 });

/** Replaying a day of webhooks after an incident: AOF rewrites made it crawl. */
export async function prepareForReplay(): Promise<void> {
  await redis.config('SET', 'appendonly', 'no'); // expect: no-unacknowledged-write
  await redis.config('SET', 'maxmemory-policy', 'noeviction');
}

/** Run at worker start-up. */
export async function ensurePersistence(): Promise<void> {
  const [, mode] = (await redis.config('GET', 'appendonly')) as [string, string];
  if (mode !== 'yes') {
    await redis.config('SET', 'appendonly', 'yes'); // near-miss: no-unacknowledged-write (turns persistence on)
  }
  await redis.config('SET', 'appendfsync', 'everysec');
  await redis.config('SET', 'maxmemory-policy', 'noeviction'); // near-miss: no-unacknowledged-write (not a persistence setting)
}

export const ledgerDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [Account, LedgerEntry, Statement, StatementLine],
  migrations: ['dist/migrations/*.js'],
  migrationsRun: false,
  synchronize: process.env.NODE_ENV === 'development', // near-miss: no-destructive-migration (development only)
});

/** Local development and CI only: a throwaway schema built straight from the entities. */
export const localDataSource =
  process.env.NODE_ENV !== 'production'
    ? new DataSource({
        type: 'postgres',
        url: process.env.LOCAL_DATABASE_URL ?? 'postgres://ledgerline@localhost:5432/ledgerline_dev',
        entities: [Account, LedgerEntry, Statement, StatementLine],
        synchronize: true, // near-miss: no-destructive-migration (behind a non-production guard)
      })
    : null;

/** Merchant portal: saved reports and export schedules. Nobody wrote migrations for it. */
export const dashboardDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DASHBOARD_DATABASE_URL,
  entities: [MerchantReport, ExportSchedule],
  synchronize: true, // expect: no-destructive-migration
  logging: ['error'],
});

export async function initDataSources(): Promise<void> {
  await Promise.all([ledgerDataSource.initialize(), dashboardDataSource.initialize()]);
}
