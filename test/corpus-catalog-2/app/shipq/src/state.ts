import { readFile, writeFile, appendFile, rename, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import writeFileAtomic from 'write-file-atomic';

/**
 * shipq keeps its queue of pending deploy jobs in ~/.shipq. The queue is the
 * only record of jobs that were accepted but not yet run.
 */
export const STATE_DIR = process.env.SHIPQ_HOME ?? join(homedir(), '.shipq');
const QUEUE_FILE = join(STATE_DIR, 'queue.json');
const HISTORY_FILE = join(STATE_DIR, 'history.json');
const CURSOR_FILE = join(STATE_DIR, 'cursor.json');
const JOURNAL_FILE = join(STATE_DIR, 'journal.ndjson');
const LOCK_FILE = join(STATE_DIR, 'shipq.lock');
const PID_FILE = join(STATE_DIR, 'worker.pid');

export type Job = { id: string; target: string; ref: string; requestedBy: string; queuedAt: string };
export type Queue = { jobs: Job[] };
export type HistoryEntry = { jobId: string; status: 'ok' | 'failed'; finishedAt: string };
export type Cursor = { lastJobId: string | null; runs: number };

export async function loadQueue(): Promise<Queue> {
  try {
    return JSON.parse(await readFile(QUEUE_FILE, 'utf8')) as Queue;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.name === 'SyntaxError') {
      return { jobs: [] }; // expect: no-read-failure-as-empty
    }
    throw err;
  }
}

export async function saveQueue(queue: Queue): Promise<void> {
  await writeFileAtomic(QUEUE_FILE, JSON.stringify(queue, null, 2), { fsync: true });
}

export async function loadHistory(): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(HISTORY_FILE, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    return JSON.parse(text) as HistoryEntry[];
  } catch (err) {
    const aside = `${HISTORY_FILE}.corrupt-${Date.now()}`;
    await rename(HISTORY_FILE, aside);
    process.emitWarning(`history.json was damaged and was moved to ${aside}`);
    return []; // near-miss: no-read-failure-as-empty (damaged file renamed aside first)
  }
}

export async function saveHistory(entries: HistoryEntry[]): Promise<void> {
  await writeFileAtomic(HISTORY_FILE, JSON.stringify(entries.slice(-500)));
}

export async function readCursor(): Promise<Cursor> {
  if (!existsSync(CURSOR_FILE)) return { lastJobId: null, runs: 0 };
  return JSON.parse(await readFile(CURSOR_FILE, 'utf8')) as Cursor;
}

export async function advanceCursor(jobId: string): Promise<Cursor> {
  const cursor = await readCursor();
  const next: Cursor = { lastJobId: jobId, runs: cursor.runs + 1 };
  await writeFile(CURSOR_FILE, JSON.stringify(next)); // expect: no-non-atomic-overwrite
  return next;
}

export async function journal(event: string, data: Record<string, unknown>): Promise<void> {
  await appendFile(JOURNAL_FILE, `${JSON.stringify({ at: new Date().toISOString(), event, ...data })}\n`); // near-miss: no-non-atomic-overwrite (append-only journal)
}

export async function replayJournal(): Promise<Array<Record<string, unknown>>> {
  if (!existsSync(JOURNAL_FILE)) return [];
  const text = await readFile(JOURNAL_FILE, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

export async function acquireLock(): Promise<boolean> {
  try {
    await writeFile(LOCK_FILE, String(process.pid), { flag: 'wx' }); // near-miss: no-non-atomic-overwrite (create-exclusive lock)
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export async function lockOwner(): Promise<number | null> {
  try {
    return Number(await readFile(LOCK_FILE, 'utf8'));
  } catch {
    return null;
  }
}

export async function releaseLock(): Promise<void> {
  await unlink(LOCK_FILE).catch(() => undefined);
}

export async function writePidFile(): Promise<void> {
  await writeFile(PID_FILE, String(process.pid)); // near-miss: no-non-atomic-overwrite (pid file)
}

export async function readPidFile(): Promise<number | null> {
  if (!existsSync(PID_FILE)) return null;
  return Number((await readFile(PID_FILE, 'utf8')).trim());
}
