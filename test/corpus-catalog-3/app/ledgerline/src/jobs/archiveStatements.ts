import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import AWS from 'aws-sdk';
import { open, readFile, rename } from 'node:fs/promises';
import fse from 'fs-extra';
import path from 'node:path';
import { pool } from '../db/connections';

// Monthly job: statements older than 13 months move from Postgres to the
// DynamoDB archive table; the job can be stopped and resumed (cursor file).

type Statement = { id: string; accountId: string; month: string; totalCents: number; lines: unknown[] };
type Cursor = { month: string | null; lastStatementId: string | null };
type Progress = { startedAt: string; archived: number; failed: string[] };

const ARCHIVE_TABLE = process.env.ARCHIVE_TABLE ?? 'ledgerline-statement-archive';
const STATE_DIR = process.env.JOB_STATE_DIR ?? '/var/lib/ledgerline/jobs';
const CURSOR_FILE = path.join(STATE_DIR, 'archive-cursor.json');
const PROGRESS_FILE = path.join(STATE_DIR, 'archive-progress.json');
const MANIFEST_FILE = path.join(STATE_DIR, 'archive-manifest.json');

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const legacyDoc = new AWS.DynamoDB.DocumentClient({ region: process.env.AWS_REGION ?? 'eu-west-1' });

async function readJsonIfPresent<T>(file: string, missing: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err: any) {
    if (err.code === 'ENOENT') return missing;
    throw err;
  }
}

async function writeCursor(cursor: Cursor): Promise<void> {
  const fh = await open(CURSOR_FILE, 'w'); // expect: no-non-atomic-overwrite
  try {
    await fh.writeFile(JSON.stringify(cursor));
  } finally {
    await fh.close();
  }
}

async function writeManifest(manifest: Record<string, string[]>): Promise<void> {
  const temp = `${MANIFEST_FILE}.${process.pid}.tmp`;
  const fh = await open(temp, 'w');
  try {
    await fh.writeFile(JSON.stringify(manifest));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(temp, MANIFEST_FILE); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (temp, sync, rename)
}

async function writeProgress(progress: Progress): Promise<void> {
  const temp = `${PROGRESS_FILE}.tmp`;
  await fse.outputJson(temp, progress);
  await fse.move(temp, PROGRESS_FILE, { overwrite: true }); // expect: no-rename-without-fsync
}

function toItem(s: Statement) {
  return { pk: `ACCOUNT#${s.accountId}`, sk: `STATEMENT#${s.month}#${s.id}`, totalCents: s.totalCents, lines: s.lines };
}

async function archiveBatch(statements: Statement[]): Promise<string[]> {
  await doc.send(new BatchWriteCommand({ // expect: no-unchecked-batch-result
    RequestItems: { [ARCHIVE_TABLE]: statements.map((s) => ({ PutRequest: { Item: toItem(s) } })) },
  }));
  return statements.map((s) => s.id);
}

async function archiveBatchWithRetry(statements: Statement[]): Promise<string[]> {
  let pending: Record<string, any[]> | undefined = {
    [ARCHIVE_TABLE]: statements.map((s) => ({ PutRequest: { Item: toItem(s) } })),
  };
  for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
    if (attempt === 8) throw new Error(`archive: ${pending[ARCHIVE_TABLE]?.length ?? 0} statements still unprocessed`);
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    const out = await doc.send(new BatchWriteCommand({ RequestItems: pending })); // near-miss: no-unchecked-batch-result (UnprocessedItems retried)
    pending = out.UnprocessedItems;
  }
  return statements.map((s) => s.id);
}

/** Tags the pre-2021 statements migrated from the old system (SDK v2 path). */
export function tagLegacyStatements(ids: string[]): Promise<number> {
  const request = legacyDoc.batchWrite({ // expect: no-unchecked-batch-result
    RequestItems: { [ARCHIVE_TABLE]: ids.map((id) => ({ PutRequest: { Item: { pk: `LEGACY#${id}`, sk: 'TAG', source: 'v1' } } })) },
  });
  return request.promise().then(() => ids.length);
}

export function tagLegacyStatementsChecked(ids: string[], cb: (err: Error | null, tagged?: number) => void): void {
  const params = {
    RequestItems: { [ARCHIVE_TABLE]: ids.map((id) => ({ PutRequest: { Item: { pk: `LEGACY#${id}`, sk: 'TAG', source: 'v1' } } })) },
  };
  legacyDoc.batchWrite(params, (err, data) => { // near-miss: no-unchecked-batch-result (UnprocessedItems checked in the callback)
    if (err) return cb(err);
    const left = data.UnprocessedItems?.[ARCHIVE_TABLE]?.length ?? 0;
    if (left > 0) return cb(new Error(`${left} legacy tags were not written`));
    cb(null, ids.length);
  });
}

export async function runArchiveJob(cutoffMonth: string, opts: { retry: boolean }): Promise<Progress> {
  const cursor = await readJsonIfPresent<Cursor>(CURSOR_FILE, { month: null, lastStatementId: null });
  const progress = await readJsonIfPresent<Progress>(PROGRESS_FILE, { startedAt: new Date().toISOString(), archived: 0, failed: [] });
  const manifest = await readJsonIfPresent<Record<string, string[]>>(MANIFEST_FILE, {});
  for (;;) {
    const { rows } = await pool.query<Statement>(
      'SELECT id, account_id AS "accountId", month, total_cents AS "totalCents", lines FROM statements WHERE month < $1 AND id > $2 ORDER BY id LIMIT 25',
      [cutoffMonth, cursor.lastStatementId ?? ''],
    );
    if (rows.length === 0) break;
    const ids = opts.retry ? await archiveBatchWithRetry(rows) : await archiveBatch(rows);
    await pool.query('UPDATE statements SET archived_at = now() WHERE id = ANY($1)', [ids]);
    for (const s of rows) (manifest[s.month] ??= []).push(s.id);
    cursor.lastStatementId = rows[rows.length - 1].id;
    cursor.month = rows[rows.length - 1].month;
    progress.archived += rows.length;
    await writeCursor(cursor);
    await writeProgress(progress);
  }
  await writeManifest(manifest);
  return progress;
}
