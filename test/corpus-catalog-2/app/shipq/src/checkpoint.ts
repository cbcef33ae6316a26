import * as fsp from 'node:fs/promises';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATE_DIR } from './state';

/**
 * A running job writes a checkpoint after every step so that `shipq run`
 * can resume a half-finished deploy (which hosts were already switched).
 */
export type Checkpoint = {
  jobId: string;
  step: number;
  switchedHosts: string[];
  artifacts: Record<string, string>;
};

const CHECKPOINT_DIR = path.join(STATE_DIR, 'checkpoints');
const LEASE_FILE = path.join(STATE_DIR, 'worker.lock');

function checkpointPath(jobId: string): string {
  return path.join(CHECKPOINT_DIR, `${jobId}.json`);
}

export async function readCheckpoint(jobId: string): Promise<Checkpoint | null> {
  try {
    return JSON.parse(await fsp.readFile(checkpointPath(jobId), 'utf8')) as Checkpoint;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Written after every step of a deploy. */
export async function writeCheckpoint(cp: Checkpoint): Promise<void> {
  await fsp.mkdir(CHECKPOINT_DIR, { recursive: true });
  const finalPath = checkpointPath(cp.jobId);
  const tmpPath = `${finalPath}.${process.pid}.tmp`;
  await fsp.writeFile(tmpPath, JSON.stringify(cp));
  await fsp.rename(tmpPath, finalPath); // expect: no-rename-without-fsync
}

/** Written once when a job finishes: the summary that `shipq report` reads. */
export async function writeSummary(cp: Checkpoint, status: 'ok' | 'failed'): Promise<void> {
  const finalPath = path.join(CHECKPOINT_DIR, `${cp.jobId}.summary.json`);
  const tmpPath = `${finalPath}.${process.pid}.tmp`;
  await fsp.writeFile(tmpPath, JSON.stringify({ ...cp, status }), { flush: true });
  await fsp.rename(tmpPath, finalPath); // near-miss: no-rename-without-fsync (writeFile with flush: true)
}

/** Sync variant used from the SIGTERM handler, where nothing async may run. */
export function writeCheckpointSync(cp: Checkpoint): void {
  fs.mkdirSync(CHECKPOINT_DIR, { recursive: true });
  const finalPath = checkpointPath(cp.jobId);
  const tmpPath = `${finalPath}.sigterm.tmp`;
  const fd = fs.openSync(tmpPath, 'w');
  fs.writeSync(fd, JSON.stringify(cp));
  fs.closeSync(fd);
  fs.renameSync(tmpPath, finalPath); // expect: no-rename-without-fsync
}

export function writeCheckpointSyncDurable(cp: Checkpoint): void {
  fs.mkdirSync(CHECKPOINT_DIR, { recursive: true });
  const finalPath = checkpointPath(cp.jobId);
  const tmpPath = `${finalPath}.sigterm.tmp`;
  const fd = fs.openSync(tmpPath, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(cp));
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmpPath, finalPath); // near-miss: no-rename-without-fsync (fdatasync before close)
}

/** Renews the worker lease. Lost on a power cut, and that is fine. */
export async function renewLease(owner: string, ttlMs: number): Promise<void> {
  const tmp = `${LEASE_FILE}.${process.pid}`;
  await fsp.writeFile(tmp, JSON.stringify({ owner, expiresAt: Date.now() + ttlMs }));
  await fsp.rename(tmp, LEASE_FILE); // near-miss: no-rename-without-fsync (rename onto a lock file)
}

/** Finished checkpoints are moved into the archive folder. */
export async function archiveCheckpoint(jobId: string): Promise<void> {
  const archiveDir = path.join(CHECKPOINT_DIR, 'archive');
  await fsp.mkdir(archiveDir, { recursive: true });
  await fsp.rename(checkpointPath(jobId), path.join(archiveDir, `${jobId}.json`)); // near-miss: no-rename-without-fsync (moves an existing file)
}
