// Ships rotated, gzipped log segments from the local spool directory to the ingest service.
import { readdir, readFile, unlink as removeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';

const SPOOL_DIR = process.env.SPOOL_DIR ?? '/var/spool/shipper';
const INGEST_URL = process.env.INGEST_URL ?? 'https://logs.internal.example/ingest';
const HEADERS = { 'Content-Type': 'application/x-ndjson', 'Content-Encoding': 'gzip' };

export async function shipSegmentLenient(file: string): Promise<void> {
  const full = path.join(SPOOL_DIR, file);
  const body = await readFile(full);
  await axios.post(INGEST_URL, body, { headers: HEADERS, validateStatus: () => true }); // expect: no-unchecked-upload-response
  await removeFile(full); // expect: no-destroy-before-backup
}

export async function shipSegment(file: string): Promise<void> {
  const full = path.join(SPOOL_DIR, file);
  const body = await readFile(full);
  await axios.post(INGEST_URL, body, { headers: HEADERS, timeout: 30_000 }); // near-miss: no-unchecked-upload-response
  await removeFile(full); // near-miss: no-destroy-before-backup
}

export async function shipUntilAccepted(file: string, signal: AbortSignal): Promise<void> {
  const full = path.join(SPOOL_DIR, file);
  const body = await readFile(full);
  let delay = 1000;
  while (true) {
    try {
      await axios.post(INGEST_URL, body, { headers: HEADERS, signal });
      break;
    } catch (err) {
      if (signal.aborted) throw err;
      await sleep(delay);
      delay = Math.min(delay * 2, 60_000);
    }
  }
  await removeFile(full); // near-miss: no-destroy-before-backup
}

export async function shipAll(): Promise<{ shipped: number; failed: string[] }> {
  const files = (await readdir(SPOOL_DIR)).filter((f) => f.endsWith('.log.gz')).sort();
  const failed: string[] = [];
  let shipped = 0;
  for (const file of files) {
    try {
      await shipSegment(file);
      shipped++;
    } catch (err) { // near-miss: no-swallowed-write-error
      failed.push(file);
      process.emitWarning(`segment ${file} not shipped: ${(err as Error).message}`);
    }
  }
  return { shipped, failed };
}
