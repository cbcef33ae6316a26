// Mail compose drafts: written to an encrypted MMKV instance on every keystroke,
// synced to the mail server when the app goes to the background.
import { MMKV as KeyValueStore } from 'react-native-mmkv';
import axios, { isAxiosError } from 'axios';
import Toast from 'react-native-toast-message';

import { getEncryptionKey } from './secureKeys';

export interface Draft {
  id: string;
  to: string[];
  subject: string;
  body: string;
  updatedAt: number;
}

const drafts = new KeyValueStore({ id: 'compose-drafts', encryptionKey: getEncryptionKey() });
const api = axios.create({ baseURL: 'https://mail.example.com/api', timeout: 15_000 });

function allDrafts(): Draft[] {
  return drafts.getAllKeys().flatMap((key) => {
    const raw = drafts.getString(key);
    return raw ? [JSON.parse(raw) as Draft] : [];
  });
}

function describe(err: unknown): string {
  if (isAxiosError(err)) return err.response ? `server said ${err.response.status}` : 'no connection';
  return String(err);
}

export function saveDraftLocally(draft: Draft): void {
  drafts.set(draft.id, JSON.stringify({ ...draft, updatedAt: Date.now() })); // near-miss: no-floating-write
}

export async function syncDrafts(token: string): Promise<void> {
  const payload = allDrafts();
  if (payload.length === 0) return;
  try {
    await api.put('/drafts', payload, { headers: { Authorization: `Bearer ${token}` } });
  } catch (e) { // expect: no-swallowed-write-error
    // the server catches up on next launch
  }
  drafts.clearAll(); // expect: no-destroy-before-backup
}

export async function syncDraftsKeepingFailures(token: string): Promise<boolean> {
  const payload = allDrafts();
  if (payload.length === 0) return true;
  try {
    await api.put('/drafts', payload, { headers: { Authorization: `Bearer ${token}` } }); // near-miss: no-unchecked-upload-response
  } catch (e) { // near-miss: no-swallowed-write-error
    Toast.show({ type: 'error', text1: 'Drafts not synced', text2: describe(e) });
    return false;
  }
  for (const draft of payload) drafts.delete(draft.id); // near-miss: no-destroy-before-backup
  return true;
}

export async function sendDraft(id: string, token: string): Promise<void> {
  const raw = drafts.getString(id);
  if (!raw) throw new Error(`draft ${id} not found`);
  const draft = JSON.parse(raw) as Draft;
  await api.post('/messages', { to: draft.to, subject: draft.subject, body: draft.body }, { // near-miss: no-unchecked-upload-response
    headers: { Authorization: `Bearer ${token}` },
  });
  drafts.delete(id); // near-miss: no-destroy-before-backup
}

export async function markDraftSeen(id: string): Promise<void> {
  try {
    await api.patch(`/drafts/${id}`, { seen: true });
  } catch (err) { // near-miss: no-swallowed-write-error (log-only handler, reportLogOnly is off by default)
    console.warn('markDraftSeen failed', err);
  }
}
