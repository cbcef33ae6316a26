/// <reference lib="webworker" />
import { openDB, type IDBPDatabase } from 'idb';

declare const self: ServiceWorkerGlobalScope;

const SHELL_CACHE = 'gridsheet-shell-v14';
const TILE_CACHE = 'gridsheet-tiles-v3';
const SHELL_FILES = ['/', '/index.html', '/app.js', '/app.css', '/manifest.webmanifest'];

type QueuedOp = { seq?: number; workbookId: string; body: string; queuedAt: number };

let outboxPromise: Promise<IDBPDatabase> | null = null;
function outboxDb(): Promise<IDBPDatabase> {
  outboxPromise ??= openDB('gridsheet-outbox', 2, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('ops')) db.createObjectStore('ops', { keyPath: 'seq', autoIncrement: true });
    },
  });
  return outboxPromise;
}

/** Used by the message channel from pre-v14 tabs that still post ops to the worker. */
async function enqueueFromMessage(op: QueuedOp): Promise<void> {
  const db = await outboxDb();
  try {
    await db.add('ops', op);
  } catch (err) {
    // QuotaExceededError on low-storage phones: start the queue over
    console.warn('[sw] outbox full', err);
    await db.clear('ops'); // expect: no-destroy-on-error
    await db.add('ops', op);
  }
}

/** Used by the fetch handler when a POST to /ops fails offline. */
async function enqueue(op: QueuedOp): Promise<void> {
  const db = await outboxDb();
  try {
    await db.add('ops', op);
  } catch (err) {
    if ((err as DOMException).name !== 'QuotaExceededError') throw err;
    await caches.delete(TILE_CACHE); // near-miss: no-destroy-on-error (frees the tile cache, never the queued ops)
    await db.add('ops', op);
  }
}

async function replayOutbox(): Promise<void> {
  const db = await outboxDb();
  const ops: QueuedOp[] = await db.getAll('ops');
  for (const op of ops) {
    const res = await fetch(`/api/v1/workbooks/${op.workbookId}/ops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: op.body,
    });
    if (!res.ok) throw new Error(`replay stopped at op ${op.seq}: HTTP ${res.status}`);
    await db.delete('ops', op.seq!);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL_FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== SHELL_CACHE && key !== TILE_CACHE) await caches.delete(key); // near-miss: no-reset-without-sync, no-destroy-on-error (old cache versions)
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && /\/api\/v1\/workbooks\/[^/]+\/ops$/.test(url.pathname)) {
    event.respondWith(
      (async () => {
        const body = await event.request.clone().text();
        try {
          return await fetch(event.request);
        } catch {
          const workbookId = url.pathname.split('/')[4];
          await enqueue({ workbookId, body, queuedAt: Date.now() });
          await self.registration.sync.register('replay-ops');
          return new Response(JSON.stringify({ queued: true }), { status: 202, headers: { 'content-type': 'application/json' } });
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/tiles/')) {
    event.respondWith(
      caches.open(TILE_CACHE).then(async (cache) => {
        const hit = await cache.match(event.request);
        if (hit) return hit;
        const res = await fetch(event.request);
        if (res.ok) await cache.put(event.request, res.clone());
        return res;
      }),
    );
  }
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'enqueue-op') {
    event.waitUntil(enqueueFromMessage(event.data.op as QueuedOp));
  }
});

self.addEventListener('sync', (event: any) => {
  if (event.tag === 'replay-ops') event.waitUntil(replayOutbox());
});
