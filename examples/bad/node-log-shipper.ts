// Shows: no-destroy-before-backup, no-swallowed-write-error, no-floating-write
//
// A Node log shipper: rotated segments in a spool directory are posted to the ingest
// service and deleted. Three retries, then the segment is deleted anyway; the shipper's
// state file is written without waiting, and its error is dropped.
import { appendFile, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';

const SPOOL = process.env.SPOOL_DIR ?? '/var/spool/shipper';
const INGEST = process.env.INGEST_URL ?? 'https://logs.example.com/ingest';
const STATE_LOG = path.join(SPOOL, 'shipped.log');

async function shipSegment(file: string): Promise<void> {
  const full = path.join(SPOOL, file);
  const body = await readFile(full);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await axios.post(INGEST, body, { headers: { 'Content-Type': 'application/x-ndjson' } });
      break;
    } catch {
      await sleep(1000 * 2 ** attempt);
    }
  }
  // no-destroy-before-backup: after three failures the loop just ends, and the segment goes.
  await unlink(full);
  // no-floating-write: nobody waits for the state file, or hears when it fails.
  appendFile(STATE_LOG, `${new Date().toISOString()} ${file}\n`);
}

export async function shipAll(): Promise<void> {
  const files = (await readdir(SPOOL)).filter((f) => f.endsWith('.ndjson')).sort();
  for (const file of files) {
    try {
      await shipSegment(file);
    } catch (err) {
      // no-swallowed-write-error: a failed segment is skipped silently.
    }
  }
}
