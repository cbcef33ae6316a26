// Main process: nightly backup of the local library to the account's cloud storage through a
// pre-signed URL; the local edit history is pruned once the snapshot is stored.
import { app, Notification } from 'electron';
import { readFile, rm } from 'fs/promises';
import * as path from 'path';
import log from 'electron-log/main';

import { zipDirectory } from './zip';

const API = 'https://api.inkwell.app/v2';
const DAY = 24 * 60 * 60 * 1000;

class BackupError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function requestUploadUrl(token: string, size: number): Promise<{ uploadUrl: string; snapshotId: string }> {
  const res = await fetch(`${API}/backups`, { // near-miss: no-unchecked-upload-response
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ size, device: app.getName() }),
  });
  if (!res.ok) throw new BackupError(res.status, `could not start a backup (HTTP ${res.status})`);
  return res.json();
}

export async function backupAndPruneLegacy(libraryDir: string, token: string): Promise<void> {
  const snapshot = await zipDirectory(libraryDir);
  const { uploadUrl } = await requestUploadUrl(token, snapshot.byteLength);
  const res = await fetch(uploadUrl, { method: 'PUT', body: snapshot }); // expect: no-unchecked-upload-response
  log.info(`backup uploaded, etag ${res.headers.get('etag')}`);
  await rm(path.join(libraryDir, 'history'), { recursive: true, force: true }); // expect: no-destroy-before-backup
}

export async function backupAndPrune(libraryDir: string, token: string): Promise<string> {
  const snapshot = await zipDirectory(libraryDir);
  const { uploadUrl, snapshotId } = await requestUploadUrl(token, snapshot.byteLength);
  const res = await fetch(uploadUrl, { method: 'PUT', body: snapshot }); // near-miss: no-unchecked-upload-response
  if (!res.ok) {
    throw new BackupError(res.status, `snapshot upload was refused (HTTP ${res.status})`);
  }
  await rm(path.join(libraryDir, 'history'), { recursive: true, force: true }); // near-miss: no-destroy-before-backup
  return snapshotId;
}

export async function lastBackupInfo(token: string): Promise<{ at: string } | null> {
  const res = await fetch(`${API}/backups/latest`, { headers: { Authorization: `Bearer ${token}` } }); // near-miss: no-unchecked-upload-response
  return res.status === 404 ? null : res.json();
}

export async function readBackupSettings(): Promise<{ enabled: boolean }> {
  const raw = await readFile(path.join(app.getPath('userData'), 'backup.json'), 'utf8');
  return JSON.parse(raw);
}

export function scheduleBackups(libraryDir: string, getToken: () => string): NodeJS.Timeout {
  return setInterval(() => {
    backupAndPrune(libraryDir, getToken()).catch((err: Error) => { // near-miss: no-floating-write
      log.error('nightly backup failed', err);
      new Notification({ title: 'Backup failed', body: `${err.message}. Your history was kept.` }).show();
    });
  }, DAY);
}
