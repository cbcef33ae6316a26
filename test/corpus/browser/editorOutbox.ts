// Rich-text editor storage: drafts and an outbox of API calls made while offline, in Dexie.
import Dexie, { type Table } from 'dexie';

export interface OutboxItem {
  id?: number;
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  payload: unknown;
  attempts: number;
}

export interface Draft {
  id: string;
  html: string;
  updatedAt: number;
}

class EditorDB extends Dexie {
  outbox!: Table<OutboxItem, number>;
  drafts!: Table<Draft, string>;

  constructor() {
    super('editor');
    this.version(3).stores({ outbox: '++id', drafts: 'id, updatedAt' });
  }
}

export const db = new EditorDB();
const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function queueRequest(url: string, method: OutboxItem['method'], payload: unknown): void {
  db.outbox.add({ url, method, payload, attempts: 0 }); // expect: no-floating-write
}

export function queue(url: string, method: OutboxItem['method'], payload: unknown): Promise<number> {
  return db.outbox.add({ url, method, payload, attempts: 0 }); // near-miss: no-floating-write
}

export async function flushOutboxBatch(): Promise<void> {
  const items = await db.outbox.toArray();
  await Promise.all(
    items.map((item) =>
      fetch(item.url, { method: item.method, headers: JSON_HEADERS, body: JSON.stringify(item.payload) }), // expect: no-unchecked-upload-response
    ),
  );
  await db.outbox.bulkDelete(items.map((i) => i.id!)); // expect: no-destroy-before-backup
}

export async function flushOutbox(): Promise<void> {
  const items = await db.outbox.orderBy('id').toArray();
  for (const item of items) {
    const res = await fetch(item.url, { method: item.method, headers: JSON_HEADERS, body: JSON.stringify(item.payload) }); // near-miss: no-unchecked-upload-response
    if (!res.ok) {
      await db.outbox.update(item.id!, { attempts: item.attempts + 1 });
      throw new Error(`outbox item ${item.id} rejected with ${res.status}`);
    }
    await db.outbox.delete(item.id!); // near-miss: no-destroy-before-backup
  }
}

export async function saveDraft(id: string, html: string): Promise<void> {
  await db.drafts.put({ id, html, updatedAt: Date.now() });
}

export async function publishDraft(id: string): Promise<void> {
  const draft = await db.drafts.get(id);
  if (!draft) return;
  const res = await fetch(`/api/posts/${encodeURIComponent(id)}`, { // near-miss: no-unchecked-upload-response
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({ html: draft.html }),
  });
  if (!res.ok) throw new Error(`publish failed: ${res.status}`);
  await db.drafts.delete(id); // near-miss: no-destroy-before-backup
}
