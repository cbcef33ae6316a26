// Shows: no-swallowed-write-error, no-destroy-before-backup
//
// React Native mail drafts kept in MMKV and synced with axios. The sync ignores a failed
// upload, and the local drafts are wiped in a `.finally`, which runs on failure too.
import { MMKV } from 'react-native-mmkv';
import axios from 'axios';

interface Draft {
  id: string;
  to: string[];
  subject: string;
  body: string;
  updatedAt: number;
}

const drafts = new MMKV({ id: 'mail-drafts' });
const api = axios.create({ baseURL: 'https://mail.example.com/api', timeout: 15_000 });

function allDrafts(): Draft[] {
  return drafts.getAllKeys().flatMap((key) => {
    const raw = drafts.getString(key);
    return raw ? [JSON.parse(raw) as Draft] : [];
  });
}

export function saveDraft(draft: Draft): void {
  drafts.set(draft.id, JSON.stringify({ ...draft, updatedAt: Date.now() }));
}

export async function markAllRead(token: string): Promise<void> {
  try {
    await api.post('/drafts/read-all', null, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    // no-swallowed-write-error: the server never learns, and nobody is told.
  }
}

export function syncAndClear(token: string): Promise<void> {
  return api
    .put('/drafts', allDrafts(), { headers: { Authorization: `Bearer ${token}` } })
    .then(() => undefined)
    // no-destroy-before-backup: `.finally` also runs when the upload failed.
    .finally(() => drafts.clearAll());
}
