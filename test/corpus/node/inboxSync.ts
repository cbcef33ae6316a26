// Sync agent: files dropped into the inbox folder are uploaded to the document service and
// removed locally once the service has them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ky, { HTTPError } from 'ky';

const INBOX = process.env.INBOX_DIR ?? path.join(process.cwd(), 'inbox');
const API = process.env.DOCS_API ?? 'https://docs.example.org/api';

export async function syncFileLegacy(name: string): Promise<void> {
  const full = path.join(INBOX, name);
  const payload = await fs.promises.readFile(full);
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      await ky.put(`${API}/files/${encodeURIComponent(name)}`, { body: payload, timeout: 60_000, retry: 0 });
      break;
    } catch (err) {
      if (err instanceof HTTPError && err.response.status < 500) break;
      await sleep(1000 * attempt);
    }
  }
  await fs.promises.rm(full); // expect: no-destroy-before-backup
}

export async function syncFileUntilAccepted(name: string, signal: AbortSignal): Promise<void> {
  const full = path.join(INBOX, name);
  const payload = await fs.promises.readFile(full);
  while (true) {
    try {
      await ky.put(`${API}/files/${encodeURIComponent(name)}`, { body: payload, signal, retry: 0 });
      break;
    } catch (err) {
      if (signal.aborted) throw err;
      await sleep(5000);
    }
  }
  await fs.promises.rm(full); // near-miss: no-destroy-before-backup
}

export async function syncFileWithBudget(name: string, attempts = 5): Promise<void> {
  const full = path.join(INBOX, name);
  const payload = await fs.promises.readFile(full);
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      await ky.put(`${API}/files/${encodeURIComponent(name)}`, { body: payload, retry: 0 });
      await fs.promises.rm(full); // near-miss: no-destroy-before-backup
      return;
    } catch (err) {
      lastError = err;
      await sleep(1000 * 2 ** i);
    }
  }
  throw new Error(`giving up on ${name} after ${attempts} attempts`, { cause: lastError });
}

export function watchInboxLegacy(): fs.FSWatcher {
  return fs.watch(INBOX, (_event, name) => {
    if (name && !name.startsWith('.')) syncFileLegacy(name); // expect: no-floating-write
  });
}

export function watchInbox(signal: AbortSignal, report: (name: string, err: unknown) => void): fs.FSWatcher {
  return fs.watch(INBOX, { signal }, (_event, name) => {
    if (!name || name.startsWith('.')) return;
    syncFileUntilAccepted(name, signal).catch((err) => report(name, err)); // near-miss: no-floating-write
  });
}

export async function fetchServerManifest(): Promise<string[]> {
  const res = await fetch(`${API}/files`); // near-miss: no-unchecked-upload-response
  const body = (await res.json()) as { files: string[] };
  return body.files;
}
