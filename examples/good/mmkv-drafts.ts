// The MMKV drafts done carefully: failures reach the caller, and only the drafts that were
// sent — and not edited since — are deleted, after the awaited axios upload.
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
  await api.post('/drafts/read-all', null, { headers: { Authorization: `Bearer ${token}` } });
}

export async function syncAndClear(token: string): Promise<number> {
  const sent = allDrafts();
  await api.put('/drafts', sent, { headers: { Authorization: `Bearer ${token}` } });
  let removed = 0;
  for (const draft of sent) {
    const raw = drafts.getString(draft.id);
    if (raw && (JSON.parse(raw) as Draft).updatedAt === draft.updatedAt) {
      drafts.delete(draft.id);
      removed++;
    }
  }
  return removed;
}
