import fs from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../logger';

// Local state of the change-feed consumer: which offsets were applied, per shard
// metadata, a cursor into the upstream feed, and the ids already seen (dedupe).
// A lost offset means replaying (fine); a reset offset on a compacted topic means
// skipping changes users made (not fine).

export interface ShardMeta {
  shard: string;
  lastOffset: number;
  updatedAt: string;
}

export interface Cursor {
  feed: string;
  position: string;
}

async function atomicWrite(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file); // near-miss: no-rename-without-fsync (handle.sync)
}

export async function loadOffsets(dir: string): Promise<Record<string, number>> {
  let offsets: Record<string, number> = {};
  try {
    offsets = JSON.parse(await readFile(path.join(dir, 'offsets.json'), 'utf8'));
  } catch (err) { // expect: no-read-failure-as-empty
    logger.warn({ err }, 'offsets unreadable; consuming from the earliest retained offset');
  }
  return offsets;
}

export async function saveOffsets(dir: string, offsets: Record<string, number>): Promise<void> {
  await atomicWrite(path.join(dir, 'offsets.json'), JSON.stringify(offsets));
}

export async function loadWatermarks(dir: string): Promise<Record<string, string>> {
  const file = path.join(dir, 'watermarks.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}; // near-miss: no-read-failure-as-empty (missing file only)
    throw err;
  }
  return JSON.parse(text);
}

export async function saveWatermarks(dir: string, marks: Record<string, string>): Promise<void> {
  await atomicWrite(path.join(dir, 'watermarks.json'), JSON.stringify(marks));
}

export function getMeta(options: { dir: string }): ShardMeta {
  return JSON.parse(fs.readFileSync(path.join(options.dir, 'meta.json'), 'utf8'));
}

export function setMeta(options: { dir: string }, meta: ShardMeta): void {
  fs.writeFileSync(path.join(options.dir, 'meta.json'), JSON.stringify(meta)); // expect: no-non-atomic-overwrite
}

export function getCursor(dir: string): Cursor {
  return JSON.parse(fs.readFileSync(path.join(dir, 'cursor.json'), 'utf8'));
}

export function setCursor(dir: string, cursor: Cursor): void {
  const file = path.join(dir, 'cursor.json');
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(cursor));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (temp + fsync + rename)
}

export function readSeenIds(dir: string): Set<string> {
  const file = path.join(dir, 'seen-ids.json');
  if (!fs.existsSync(file)) return new Set();
  return new Set(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeSeenIds(dir: string, ids: Set<string>): void {
  const file = path.join(dir, 'seen-ids.json');
  const temp = `${file}.tmp`;
  const fd = fs.openSync(temp, 'w');
  fs.writeSync(fd, JSON.stringify([...ids]));
  fs.closeSync(fd);
  fs.renameSync(temp, file); // expect: no-rename-without-fsync
}

/** Feeds this consumer follows, edited by admins in the console and pushed to the host. */
export class SubscriptionList {
  constructor(private readonly file: string) {}

  read(): Array<{ feed: string; filter: string; addedBy: string; addedAt: string }> {
    return fs.readFileSync(this.file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  write(entries: Array<{ feed: string; filter: string; addedBy: string; addedAt: string }>): void {
    const out = fs.createWriteStream(this.file); // expect: no-non-atomic-overwrite
    for (const e of entries) out.write(JSON.stringify(e) + '\n');
    out.end();
  }

  add(feed: string, filter: string, addedBy: string): void {
    const rest = this.read().filter((e) => e.feed !== feed);
    this.write([...rest, { feed, filter, addedBy, addedAt: new Date().toISOString() }]);
  }
}
