// The IndexedDB outbox done carefully: requests are replayed in order, each one is deleted
// only after the server accepted it, and the first failure stops the flush and is reported.
import { openDB, type DBSchema } from 'idb';

interface OutboxRequest {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  body: string;
  createdAt: number;
}

interface OutboxDB extends DBSchema {
  outbox: { key: number; value: OutboxRequest };
}

const dbPromise = openDB<OutboxDB>('outbox', 1, {
  upgrade(db) {
    db.createObjectStore('outbox', { autoIncrement: true });
  },
});

export async function enqueue(request: Omit<OutboxRequest, 'createdAt'>): Promise<void> {
  const db = await dbPromise;
  await db.add('outbox', { ...request, createdAt: Date.now() });
}

export async function flushOutbox(): Promise<number> {
  const db = await dbPromise;
  const keys = await db.getAllKeys('outbox');
  let sent = 0;
  for (const key of keys) {
    const r = await db.get('outbox', key);
    if (!r) continue;
    const res = await fetch(r.url, { method: r.method, body: r.body, headers: { 'Content-Type': 'application/json' } });
    if (!res.ok) {
      throw new Error(`outbox request ${key} was refused (HTTP ${res.status}); ${keys.length - sent} still queued`);
    }
    await db.delete('outbox', key);
    sent++;
  }
  return sent;
}

export function flushWhenOnline(showBanner: (message: string) => void): void {
  window.addEventListener('online', () => {
    flushOutbox().catch((err: Error) => showBanner(`Some changes are not synced yet: ${err.message}`));
  });
}
