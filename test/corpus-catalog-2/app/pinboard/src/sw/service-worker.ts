/// <reference lib="webworker" />
import { openDB, deleteDB, type IDBPDatabase } from 'idb';

declare const self: ServiceWorkerGlobalScope;

const SHELL_CACHE = 'pinboard-shell-v14';
const API_CACHE = 'pinboard-api-v3';
const SHELL_ASSETS = ['/', '/index.html', '/app.js', '/app.css', '/icons/192.png'];

type QueuedRequest = { id?: number; url: string; method: string; body: string; queuedAt: number };

// ---------------------------------------------------------------------------
// Background-sync queue: card edits made while offline are replayed from here.
// ---------------------------------------------------------------------------

function openQueueDb(): Promise<IDBPDatabase> {
  return openDB('pinboard-bg-queue', 2, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('requests')) {
        database.createObjectStore('requests', { keyPath: 'id', autoIncrement: true });
      }
    },
  }).catch(async (error) => {
    console.error('[sw] queue db failed to open, recreating', error);
    await deleteDB('pinboard-bg-queue'); // expect: no-destroy-on-error
    return openDB('pinboard-bg-queue', 2, {
      upgrade(database) {
        database.createObjectStore('requests', { keyPath: 'id', autoIncrement: true });
      },
    });
  });
}

// Same open for the offline card-edit journal, written the careful way.
function openJournalDb(): Promise<IDBPDatabase> {
  return openDB('pinboard-journal', 1, {
    upgrade(database) {
      database.createObjectStore('entries', { keyPath: 'id', autoIncrement: true });
    },
  }).catch(async (error) => {
    const clients = await self.clients.matchAll({ includeUncontrolled: true });
    for (const client of clients) {
      client.postMessage({ type: 'journal-unavailable', message: String(error) });
    }
    throw error; // near-miss: no-destroy-on-error (tells the pages, keeps the database)
  });
}

async function enqueue(request: Request): Promise<void> {
  const database = await openQueueDb();
  const entry: QueuedRequest = {
    url: request.url,
    method: request.method,
    body: await request.text(),
    queuedAt: Date.now(),
  };
  await database.add('requests', entry);
  const journal = await openJournalDb();
  await journal.add('entries', { url: entry.url, at: entry.queuedAt });
}

async function replayQueue(): Promise<void> {
  const database = await openQueueDb();
  const queued = (await database.getAll('requests')) as QueuedRequest[];
  for (const item of queued) {
    const res = await fetch(item.url, { method: item.method, body: item.body, headers: { 'content-type': 'application/json' } });
    if (!res.ok) throw new Error(`replay ${item.url}: ${res.status}`);
    await database.delete('requests', item.id!);
  }
}

// ---------------------------------------------------------------------------
// Caches
// ---------------------------------------------------------------------------

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL_ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== API_CACHE).map((k) => caches.delete(k))),
    ),
  );
});

async function cacheApiResponse(request: Request, response: Response): Promise<void> {
  try {
    const cache = await caches.open(API_CACHE);
    await cache.put(request, response);
  } catch (error) {
    // quota: the API cache is only a read-through copy of server data
    await caches.delete(API_CACHE); // near-miss: no-destroy-on-error (Cache API cache of server responses)
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') {
    if (request.url.includes('/api/v2/')) {
      event.respondWith(
        fetch(request.clone()).catch(async () => {
          await enqueue(request);
          return new Response(JSON.stringify({ queued: true }), { status: 202 });
        }),
      );
    }
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && request.url.includes('/api/v2/')) {
          event.waitUntil(cacheApiResponse(request, response.clone()));
        }
        return response;
      })
      .catch(async () => (await caches.match(request)) ?? Response.error()),
  );
});

self.addEventListener('sync', (event: any) => {
  if (event.tag === 'replay-queue') event.waitUntil(replayQueue());
});
