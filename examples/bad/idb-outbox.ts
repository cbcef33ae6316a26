// Shows: no-swallowed-write-error, no-destroy-before-backup
//
// A PWA outbox in IndexedDB (via `idb`). Requests made offline are stored and replayed later.
// The replay helper swallows every failure, and its caller then clears the whole outbox.
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

async function replay(requests: OutboxRequest[]): Promise<void> {
  for (const r of requests) {
    try {
      const res = await fetch(r.url, { method: r.method, body: r.body, headers: { 'Content-Type': 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch {
      // no-swallowed-write-error: still offline? it will go out next time... except it won't.
    }
  }
}

export async function flushOutbox(): Promise<void> {
  const db = await dbPromise;
  const requests = await db.getAll('outbox');
  await replay(requests);
  // no-destroy-before-backup: `replay` resolves even when every request failed.
  await db.clear('outbox');
}

window.addEventListener('online', () => {
  flushOutbox().catch((err) => console.error('outbox flush failed', err));
});
