// The log shipper done carefully: axios rejects on HTTP errors, so an awaited post is a
// confirmed upload; the segment is deleted only after it; the loop retries until success or
// shutdown; failures are collected and reported to the caller.
import { appendFile, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';

const SPOOL = process.env.SPOOL_DIR ?? '/var/spool/shipper';
const INGEST = process.env.INGEST_URL ?? 'https://logs.example.com/ingest';
const STATE_LOG = path.join(SPOOL, 'shipped.log');

async function shipSegment(file: string, signal: AbortSignal): Promise<void> {
  const full = path.join(SPOOL, file);
  const body = await readFile(full);
  let delay = 1000;
  while (true) {
    try {
      await axios.post(INGEST, body, { headers: { 'Content-Type': 'application/x-ndjson' }, signal });
      break;
    } catch (err) {
      if (signal.aborted) throw err;
      await sleep(delay);
      delay = Math.min(delay * 2, 60_000);
    }
  }
  await unlink(full);
  await appendFile(STATE_LOG, `${new Date().toISOString()} ${file}\n`);
}

export async function shipAll(signal: AbortSignal): Promise<{ shipped: string[]; failed: Map<string, Error> }> {
  const files = (await readdir(SPOOL)).filter((f) => f.endsWith('.ndjson')).sort();
  const shipped: string[] = [];
  const failed = new Map<string, Error>();
  for (const file of files) {
    try {
      await shipSegment(file, signal);
      shipped.push(file);
    } catch (err) {
      failed.set(file, err as Error);
      if (signal.aborted) break;
    }
  }
  return { shipped, failed };
}
