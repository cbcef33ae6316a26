import { noDestroyBeforeBackup } from '../../rules/no-destroy-before-backup';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noDestroyBeforeBackup, {
  valid: [
    {
      name: 'a checked fetch confirms the upload',
      code: `
export async function logout(notes: string[]) {
  const res = await fetch('/api/notes', { method: 'POST', body: JSON.stringify(notes) });
  if (!res.ok) throw new Error('upload failed');
  localStorage.clear();
}`,
    },
    {
      name: 'status range check confirms the upload',
      code: `
export async function logout(body: string) {
  const response = await fetch('/api/notes', { method: 'PUT', body });
  if (response.status < 200 || response.status >= 300) {
    return;
  }
  localStorage.removeItem('notes');
}`,
    },
    {
      name: 'the destroy sits inside the ok branch',
      code: `
export async function flush(body: string) {
  const res = await fetch('/api/outbox', { method: 'POST', body });
  if (res.ok) {
    sessionStorage.removeItem('outbox');
  }
}`,
    },
    {
      name: 'axios rejects on HTTP errors, so awaiting it confirms',
      code: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function signOut(notes: unknown[]) {
  await axios.post('/api/notes', notes);
  await AsyncStorage.clear();
}`,
    },
    {
      name: 'a destroy in .then after an axios upload',
      code: `
import axios from 'axios';
export function archive(data: unknown) {
  return axios.put('/api/archive', data).then(() => localStorage.removeItem('archive'));
}`,
    },
    {
      name: 'Map.clear is not storage',
      code: `
export function reset(cache: Map<string, string>) {
  fetch('/api/ping', { method: 'POST', body: 'x' });
  cache.clear();
}`,
    },
    {
      name: 'a Set and an array are not storage either',
      code: `
export async function reset(seen: Set<string>, items: string[]) {
  const res = await fetch('/api/x', { method: 'POST', body: '1' });
  seen.clear();
  items.length = 0;
  items.splice(0);
}`,
    },
    {
      name: 'a retry loop that only exits on success',
      code: `
import axios from 'axios';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function drain(items: unknown[]) {
  while (true) {
    try {
      await axios.post('/api/sync', items);
      break;
    } catch {
      await sleep(1000);
    }
  }
  localStorage.removeItem('outbox');
}`,
    },
    {
      name: 'Firestore writes are queued offline by design',
      code: `
import { doc, setDoc, getFirestore } from 'firebase/firestore';
export async function save(id: string, data: object) {
  setDoc(doc(getFirestore(), 'notes', id), data);
  localStorage.removeItem('draft:' + id);
}`,
    },
    {
      name: 'no upload in the function: nothing to wait for',
      code: `
export function clearDraft() {
  localStorage.removeItem('draft');
}`,
    },
    {
      name: 'a GET is not a backup',
      code: `
export async function refresh() {
  localStorage.removeItem('cache');
  const res = await fetch('/api/notes');
  return res.json();
}`,
    },
    {
      name: 'a failed upload that returns before the destroy',
      code: `
import axios from 'axios';
export async function flush(items: unknown[]) {
  try {
    await axios.post('/api/sync', items);
  } catch (error) {
    console.warn('sync failed, keeping the outbox', error);
    return;
  }
  localStorage.removeItem('outbox');
}`,
    },
    {
      name: 'a same-file backup that checks and rejects',
      code: `
async function pushOutbox(items: unknown[]) {
  const res = await fetch('/sync', { method: 'POST', body: JSON.stringify(items) });
  if (!res.ok) throw new Error(\`sync failed: \${res.status}\`);
}
export async function flush(items: unknown[]) {
  await pushOutbox(items);
  localStorage.removeItem('outbox');
}`,
    },
    {
      name: 'node callback that checks err before deleting the source (a move)',
      code: `
import * as fs from 'fs';
export function move(src: string, dest: string) {
  fs.copyFile(src, dest, (err) => {
    if (err) {
      console.error(err);
      return;
    }
    fs.unlink(src, () => undefined);
  });
}`,
    },
    {
      name: 'awaited copy then delete with fs/promises',
      code: `
import { copyFile, unlink } from 'node:fs/promises';
export async function move(src: string, dest: string) {
  await copyFile(src, dest);
  await unlink(src);
}`,
    },
    {
      name: 'cleaning the destination before a local copy is not "destroy before backup"',
      code: `
const fs = require('fs');
fs.rmSync('dist', { recursive: true, force: true });
fs.cpSync('public', 'dist', { recursive: true });`,
      filename: 'build.cjs',
    },
    {
      name: 'Promise.all of uploads awaited before the destroy',
      code: `
import axios from 'axios';
export async function flushAll(batches: unknown[][]) {
  await Promise.all(batches.map((b) => axios.post('/api/sync', b)));
  localStorage.removeItem('outbox');
}`,
    },
    {
      name: 'a promisified upload resolved only on success',
      code: `
import * as fs from 'fs';
export async function move(src: string, dest: string) {
  await new Promise<void>((resolve, reject) => fs.copyFile(src, dest, (err) => (err ? reject(err) : resolve())));
  fs.unlinkSync(src);
}`,
    },
    {
      name: 'a destroy in an unrelated click handler',
      code: `
export function setup(button: HTMLButtonElement) {
  button.addEventListener('click', () => localStorage.removeItem('theme'));
}`,
    },
    {
      name: 'the upload is skipped when there is nothing to upload',
      code: `
import axios from 'axios';
export async function flush(pending: unknown[]) {
  if (pending.length > 0) {
    await axios.post('/api/sync', pending);
  }
  localStorage.removeItem('outbox');
}`,
    },

    {
      name: 'removing a temp file in finally is cleanup',
      code: `
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
export async function uploadArchive(data: Buffer) {
  const tmpFile = path.join(os.tmpdir(), 'archive.zip');
  try {
    await fsp.writeFile(tmpFile, data);
    await fetch('https://backup.test/upload', { method: 'PUT', body: await fsp.readFile(tmpFile) }).then((r) => {
      if (!r.ok) throw new Error('upload failed');
    });
  } finally {
    await fsp.rm(tmpFile, { force: true });
  }
}`,
    },
    {
      name: 'deleting a partial copy after the copy failed',
      code: `
import { copyFile, unlink } from 'node:fs/promises';
export async function backupDb(src: string, dest: string) {
  try {
    await copyFile(src, dest);
  } catch (error) {
    await unlink(dest).catch(() => undefined);
    throw error;
  }
}`,
    },
    {
      name: 'service worker cache cleanup next to a queued POST',
      code: `
export async function onActivate(keep: string[], body: string) {
  fetch('/api/sync', { method: 'POST', body }).catch(() => undefined);
  for (const name of await caches.keys()) {
    if (!keep.includes(name)) await caches.delete(name);
  }
}`,
    },
    {
      name: 'clearing the session token before calling logout',
      code: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function signOut() {
  await AsyncStorage.removeItem('authToken');
  await axios.post('/api/auth/logout');
}`,
    },
    {
      name: 'a same-file function that uploads then deletes, called in a loop, is judged inside',
      code: `
import axios from 'axios';
import { unlink } from 'node:fs/promises';
async function shipOne(file: string) {
  await axios.post('/ingest', file);
  await unlink(file);
}
export async function shipAll(files: string[]) {
  for (const f of files) {
    try {
      await shipOne(f);
    } catch {
      console.warn('will retry', f);
    }
  }
  fetch('/api/done', { method: 'POST', body: 'x' }).catch(() => undefined);
}`,
    },
    {
      name: 'switch on the status: deleting only in the 2xx cases',
      code: `
declare const db: { delete(store: string, id: string): Promise<void> };
export async function replay(entry: { id: string; url: string; body: string }) {
  const res = await fetch(entry.url, { method: 'POST', body: entry.body });
  switch (res.status) {
    case 200:
    case 204:
      await db.delete('requests', entry.id);
      localStorage.removeItem(entry.id);
      break;
    default:
      throw new Error(String(res.status));
  }
}`,
    },
    {
      name: 'allSettled results checked before deleting',
      code: `
import axios from 'axios';
import { rm } from 'node:fs/promises';
export async function offboard(dir: string, files: string[]) {
  const results = await Promise.allSettled(files.map((f) => axios.put('/archive/' + f, f)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new AggregateError(failed, 'exports failed');
  await rm(dir, { recursive: true });
}`,
    },
    {
      name: 'a status-checking function passed to then',
      code: `
declare function checkStatus(res: Response): Response;
export function upload(key: string, raw: string) {
  return fetch('/api/entries', { method: 'POST', body: raw })
    .then(checkStatus)
    .then(() => localStorage.removeItem(key));
}`,
    },
    {
      name: 'a race against a timeout that can only reject',
      code: `
import axios from 'axios';
import { rm } from 'node:fs/promises';
function deadline(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}
export async function archive(dir: string, zip: Buffer) {
  await Promise.race([axios.put('/archive', zip), deadline(60_000)]);
  await rm(dir, { recursive: true });
}`,
    },
    {
      name: 'an upload handed to waitUntil is not judged by this handler',
      code: `
declare const self: { addEventListener(t: string, f: (e: { waitUntil(p: Promise<unknown>): void }) => void): void };
async function replay(): Promise<void> {
  const res = await fetch('/api/outbox', { method: 'POST', body: 'x' });
  if (!res.ok) throw new Error('replay failed');
}
self.addEventListener('sync', (event) => {
  event.waitUntil(replay());
  localStorage.removeItem('last-sync-error');
});`,
    },
    {
      name: '409 means the server already has it',
      code: `
import got from 'got';
import { unlink } from 'node:fs/promises';
async function push(scans: unknown[]) {
  const res = await got.post('https://api.test/scans', { json: { scans }, throwHttpErrors: false });
  if (res.statusCode === 409) return;
  if (!res.ok) throw new Error('push failed');
}
export async function flush(file: string, scans: unknown[]) {
  await push(scans);
  await unlink(file);
}`,
    },
    {
      name: 'a function that writes local copies before deleting preserves the data',
      code: `
import { writeFile, unlink } from 'node:fs/promises';
async function splitAndRequeue(file: string, lines: string[]) {
  await writeFile(file + '.a', lines.slice(0, 10).join('\\n'));
  await writeFile(file + '.b', lines.slice(10).join('\\n'));
  await unlink(file);
}
export async function ship(file: string, body: string, lines: string[]) {
  const res = await fetch('https://ingest.test', { method: 'POST', body });
  if (res.status === 413) return splitAndRequeue(file, lines);
  if (res.status >= 400) throw new Error(String(res.status));
  await unlink(file);
}`,
    },
    {
      name: 'two self-contained upload-then-delete helpers in a loop',
      code: `
import { unlink, readFile } from 'node:fs/promises';
async function shipFile(file: string) {
  const res = await fetch('https://ingest.test', { method: 'POST', body: await readFile(file) });
  if (!res.ok) throw new Error('failed');
  await unlink(file);
}
async function shipOther(file: string) {
  const res = await fetch('https://ingest.test/other', { method: 'POST', body: await readFile(file) });
  if (res.status >= 400) throw new Error('failed');
  await unlink(file);
}
export async function loop(files: string[]) {
  for (;;) {
    await Promise.allSettled(files.map((f) => shipFile(f)));
    await shipOther('x.log');
  }
}`,
    },
    {
      name: 'a helper that only copies files is no upload the cleaning precedes',
      code: `
import { rm, cp } from 'node:fs/promises';
async function copyFiles(from: string, to: string) {
  await cp(from, to, { recursive: true });
}
export async function assemble(buildFolder: string) {
  await rm(buildFolder, { recursive: true, force: true });
  await copyFiles('../bin', buildFolder);
}`,
    },
    {
      name: 'a getter named like a sync is no backup',
      code: `
import * as fs from 'fs-extra';
declare const reg: { syncTarget(): { isEnabled(): boolean } };
export function boot(flagFile: string) {
  fs.removeSync(flagFile);
  if (reg.syncTarget().isEnabled()) console.log('sync on');
}`,
    },
  ],
  invalid: [
    {
      name: 'clear after an unchecked fetch',
      code: `
export async function logout(notes: string[]) {
  const res = await fetch('/api/notes', { method: 'POST', body: JSON.stringify(notes) });
  localStorage.clear();
}`,
      errors: [
        {
          messageId: 'unchecked',
          line: 4,
          column: 3,
          messageIncludes: 'fetch',
          suggestions: [
            {
              messageId: 'suggestCheck',
              output: `
export async function logout(notes: string[]) {
  const res = await fetch('/api/notes', { method: 'POST', body: JSON.stringify(notes) });
  if (!res.ok) throw new Error(\`Upload failed: HTTP \${res.status}\`);
  localStorage.clear();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'destroy while the upload floats',
      code: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function signOut(notes: unknown[]) {
  axios.post('/api/notes', notes);
  await AsyncStorage.clear();
}`,
      errors: [
        {
          messageId: 'floating',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestAwait',
              output: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function signOut(notes: unknown[]) {
  await axios.post('/api/notes', notes);
  await AsyncStorage.clear();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'destroy in .finally runs after a failure too',
      code: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export function signOut(notes: unknown[]) {
  return axios.post('/api/notes', notes).finally(() => AsyncStorage.clear());
}`,
      errors: [{ messageId: 'failurePath', line: 5 }],
    },
    {
      name: 'destroy in the catch of the upload',
      code: `
import axios from 'axios';
export async function flush(items: unknown[]) {
  try {
    await axios.post('/api/sync', items);
  } catch (error) {
    localStorage.removeItem('outbox');
    throw error;
  }
}`,
      errors: [{ messageId: 'failurePath', line: 7 }],
    },
    {
      name: 'destroy after a swallowed failure',
      code: `
import axios from 'axios';
export async function flush(items: unknown[]) {
  try {
    await axios.post('/api/sync', items);
  } catch (error) {
    console.error(error);
  }
  localStorage.removeItem('outbox');
}`,
      errors: [{ messageId: 'swallowed', line: 9 }],
    },
    {
      name: 'destroy before the upload',
      code: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function migrate(notes: unknown[]) {
  await AsyncStorage.removeItem('notes');
  await axios.post('/api/notes', notes);
}`,
      errors: [
        {
          messageId: 'precedes',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestMove',
              output: `
import axios from 'axios';
import AsyncStorage from '@react-native-async-storage/async-storage';
export async function migrate(notes: unknown[]) {
  await axios.post('/api/notes', notes);
  await AsyncStorage.removeItem('notes');
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a same-file backup that swallows its failure',
      code: `
async function pushOutbox(items: unknown[]) {
  try {
    await fetch('/sync', { method: 'POST', body: JSON.stringify(items) });
  } catch {}
}
export async function flush(items: unknown[]) {
  await pushOutbox(items);
  localStorage.removeItem('outbox');
}`,
      errors: [{ messageId: 'summarySwallowed', line: 9, messageIncludes: 'pushOutbox' }],
    },
    {
      name: 'a retry loop that gives up and deletes anyway',
      code: `
import axios from 'axios';
export async function drain(items: unknown[]) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await axios.post('/api/sync', items);
      break;
    } catch {
      continue;
    }
  }
  localStorage.removeItem('outbox');
}`,
      errors: [{ messageId: 'swallowed', line: 12 }],
    },
    {
      name: 'a move whose callback ignores err',
      code: `
import * as fs from 'fs';
export function move(src: string, dest: string) {
  fs.copyFile(src, dest, () => {
    fs.unlinkSync(src);
  });
}`,
      errors: [{ messageId: 'swallowed', line: 5 }],
    },
    {
      name: 'the err branch deletes the source',
      code: `
const fs = require('fs');
function move(src, dest) {
  fs.copyFile(src, dest, (err) => {
    if (err) {
      fs.unlinkSync(src);
    }
  });
}`,
      filename: 'move.js',
      errors: [{ messageId: 'failurePath', line: 6 }],
    },
    {
      name: 'a fetch chain that never checks the status',
      code: `
export function flush(body: string) {
  return fetch('/api/sync', { method: 'POST', body }).then(() => {
    localStorage.removeItem('outbox');
  });
}`,
      errors: [{ messageId: 'unchecked', line: 4 }],
    },
    {
      name: 'window.localStorage and a destructured require of fs.promises',
      code: `
const { unlink } = require('fs').promises;
async function ship(path, body) {
  fetch('https://logs.example.com/ingest', { method: 'POST', body });
  await unlink(path);
  window.localStorage.removeItem('shipped');
}`,
      filename: 'ship.js',
      errors: [
        { messageId: 'floating', line: 5 },
        { messageId: 'floating', line: 6 },
      ],
    },
    {
      name: 'Dexie table clear through a subclass while the upload floats',
      code: `
import Dexie, { type Table } from 'dexie';
class NotesDb extends Dexie {
  notes!: Table<{ id: string }>;
}
const db = new NotesDb('notes');
export async function syncAndClear(notes: unknown[]) {
  fetch('/api/notes', { method: 'POST', body: JSON.stringify(notes) }).catch(() => undefined);
  await db.notes.clear();
}`,
      errors: [{ messageId: 'floating', line: 9 }],
    },
    {
      name: 'an unchecked response of a same-file upload helper',
      code: `
async function upload(body: string) {
  return fetch('/api/backup', { method: 'POST', body });
}
export async function backupThenWipe(body: string) {
  await upload(body);
  indexedDB.deleteDatabase('app');
}`,
      errors: [{ messageId: 'summaryUnchecked', line: 7 }],
    },
    {
      name: 'the source path built by a helper call is the same file',
      code: `
import * as fs from 'fs';
declare function docPath(name: string): string;
export function archive(name: string, target: string) {
  fs.copyFile(docPath(name), target, (err) => {
    if (err) {
      fs.unlink(docPath(name), () => undefined);
    }
  });
}`,
      errors: [{ messageId: 'failurePath', line: 7 }],
    },
    {
      name: 'a race against a timer that resolves: the upload may still be running',
      code: `
import axios from 'axios';
import { rm } from 'node:fs/promises';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function archive(dir: string, zip: Buffer) {
  await Promise.race([axios.put('/archive', zip), wait(60_000)]);
  await rm(dir, { recursive: true });
}`,
      errors: [{ messageId: 'floating', line: 7 }],
    },
    {
      name: 'a Realm delete inside write() before the upload',
      code: `
import Realm from 'realm';
export async function publish(realm: Realm, draft: Realm.Object & { title: string }) {
  const payload = { title: draft.title };
  realm.write(() => realm.delete(draft));
  const res = await fetch('/api/posts', { method: 'POST', body: JSON.stringify(payload) });
  if (!res.ok) throw new Error('publish failed');
}`,
      errors: [{ messageId: 'precedes', line: 5 }],
    },
    {
      name: 'deleting after allSettled without looking at the results',
      code: `
import axios from 'axios';
import { rm } from 'node:fs/promises';
export async function offboard(dir: string, files: string[]) {
  await Promise.allSettled(files.map((f) => axios.put('/archive/' + f, f)));
  await rm(dir, { recursive: true });
}`,
      errors: [{ messageId: 'swallowed', line: 6 }],
    },
    {
      name: 'an XMLHttpRequest upload still in flight',
      code: `
export function sync(notes: string) {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/notes');
  xhr.send(notes);
  localStorage.removeItem('notes');
}`,
      errors: [{ messageId: 'floating', line: 6 }],
    },
    {
      name: 'AsyncStorage from react-native and rimraf',
      code: `
import { AsyncStorage } from 'react-native';
import { rimraf } from 'rimraf';
import axios from 'axios';
export async function reset(dir: string, data: unknown) {
  axios.post('/api/backup', data);
  await AsyncStorage.clear();
  await rimraf(dir);
}`,
      errors: [
        { messageId: 'floating', line: 7 },
        { messageId: 'floating', line: 8 },
      ],
    },
  ],
});
