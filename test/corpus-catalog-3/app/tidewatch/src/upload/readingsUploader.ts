import Database from 'better-sqlite3';
import { existsSync, unlinkSync } from 'node:fs';
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';

type Reading = { id: number; station: string; at: number; levelMm: number; quality: number };

const BUFFER_DB = process.env.TIDEWATCH_BUFFER ?? '/var/lib/tidewatch/buffer.db';
const READINGS_TABLE = process.env.TIDEWATCH_TABLE ?? 'tidewatch-readings';
const RAW_BUCKET = process.env.TIDEWATCH_RAW_BUCKET ?? 'tidewatch-raw-captures';

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION ?? 'eu-west-1' });
const s3 = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1' });

/** First version, still called by the watchdog when it restarts the uploader. */
export function openBufferAfterCrash(): Database.Database {
  try {
    const db = new Database(BUFFER_DB);
    db.pragma('journal_mode = WAL');
    db.pragma('integrity_check');
    return db;
  } catch (err) {
    console.error('buffer.db looks damaged, recreating it', err);
    unlinkSync(BUFFER_DB); // expect: no-destroy-on-error
    return new Database(BUFFER_DB);
  }
}

export function openBuffer(): Database.Database {
  try {
    const db = new Database(BUFFER_DB, { fileMustExist: existsSync(BUFFER_DB) });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
    return db;
  } catch (err) {
    throw new Error(`cannot open ${BUFFER_DB}: ${(err as Error).message}; buffered readings were left in place`); // near-miss: no-destroy-on-error (nothing deleted)
  }
}

export async function countPending(db = openBuffer()): Promise<number> {
  const row = db.prepare('SELECT COUNT(*) AS n FROM readings WHERE uploaded = 0').get() as { n: number };
  return row.n;
}

function markUploaded(db: Database.Database, ids: number[]): void {
  if (ids.length === 0) return;
  db.prepare(`UPDATE readings SET uploaded = 1 WHERE id IN (${ids.map(() => '?').join(',')})`).run(...ids);
}

function toPut(r: Reading): WriteRequest {
  return { PutRequest: { Item: marshall({ pk: r.station, sk: r.at, level: r.levelMm, q: r.quality, rid: r.id }) } };
}

/** Batch of 25 used by the 1-minute uploader loop on the old gauges. */
export async function uploadBatch(db: Database.Database): Promise<number> {
  const rows = db.prepare('SELECT * FROM readings WHERE uploaded = 0 ORDER BY at LIMIT 25').all() as Reading[];
  if (rows.length === 0) return 0;
  await ddb.send(new BatchWriteItemCommand({ RequestItems: { [READINGS_TABLE]: rows.map(toPut) } })); // expect: no-unchecked-batch-result
  markUploaded(db, rows.map((r) => r.id));
  return rows.length;
}

export async function uploadPending(db = openBuffer(), maxAttempts = 6): Promise<number> {
  let uploaded = 0;
  for (;;) {
    const rows = db.prepare('SELECT * FROM readings WHERE uploaded = 0 ORDER BY at LIMIT 25').all() as Reading[];
    if (rows.length === 0) return uploaded;
    let pending: Record<string, WriteRequest[]> | undefined = { [READINGS_TABLE]: rows.map(toPut) };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt === maxAttempts) throw new Error('DynamoDB kept readings unprocessed; will retry on the next run');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      const result = await ddb.send(new BatchWriteItemCommand({ RequestItems: pending })); // near-miss: no-unchecked-batch-result (UnprocessedItems retried)
      pending = result.UnprocessedItems;
    }
    markUploaded(db, rows.map((r) => r.id));
    uploaded += rows.length;
  }
}

/** Raw waveform captures older than the retention window. */
export async function pruneRawCaptures(db: Database.Database, station: string, olderThan: Date): Promise<number> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: RAW_BUCKET, Prefix: `${station}/` }));
  const stale = (listed.Contents ?? []).filter((o) => o.Key && o.LastModified && o.LastModified < olderThan);
  if (stale.length === 0) return 0;
  await s3.send(new DeleteObjectsCommand({ Bucket: RAW_BUCKET, Delete: { Objects: stale.map((o) => ({ Key: o.Key! })) } })); // expect: no-unchecked-batch-result
  db.prepare('UPDATE captures SET archived_at = ? WHERE station = ? AND captured_at < ?').run(Date.now(), station, olderThan.getTime());
  return stale.length;
}

/** Station decommissioned: erase its raw captures and record which keys are gone. */
export async function eraseStationCaptures(db: Database.Database, station: string): Promise<{ deleted: number; failed: string[] }> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: RAW_BUCKET, Prefix: `${station}/` }));
  const keys = (listed.Contents ?? []).map((o) => o.Key!).filter(Boolean);
  if (keys.length === 0) return { deleted: 0, failed: [] };
  const result = await s3.send(new DeleteObjectsCommand({ Bucket: RAW_BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })) } })); // near-miss: no-unchecked-batch-result (Errors read)
  const failed = (result.Errors ?? []).map((e) => e.Key!);
  const gone = keys.filter((k) => !failed.includes(k));
  const mark = db.prepare('UPDATE captures SET erased_at = ? WHERE s3_key = ?');
  for (const key of gone) mark.run(Date.now(), key);
  return { deleted: gone.length, failed };
}
