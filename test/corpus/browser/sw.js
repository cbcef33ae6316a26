/* Service worker: stale-while-revalidate for pages, and an outbox for comments posted offline. */
const OUTBOX_CACHE = 'outbox-v1';
const RUNTIME_CACHE = 'runtime-v3';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('runtime-') && k !== RUNTIME_CACHE).map((k) => caches.delete(k)))),
  );
});

async function staleWhileRevalidate(event) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await cache.match(event.request);
  const update = fetch(event.request).then(async (response) => { // near-miss: no-unchecked-upload-response
    if (response.ok) await cache.put(event.request, response.clone()); // near-miss: no-floating-write
    return response;
  });
  event.waitUntil(update); // near-miss: no-floating-write
  return cached || update;
}

async function postOrQueue(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request); // near-miss: no-unchecked-upload-response (response is handed back to the page)
  } catch (networkError) {
    const cache = await caches.open(OUTBOX_CACHE);
    await cache.put(`/outbox/${Date.now()}`, new Response(body, { headers: { 'Content-Type': 'application/json' } }));
    await self.registration.sync.register('replay-comments');
    return new Response(JSON.stringify({ queued: true }), { status: 202, headers: { 'Content-Type': 'application/json' } });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method === 'POST' && new URL(request.url).pathname === '/api/comments') {
    event.respondWith(postOrQueue(request));
    return;
  }
  if (request.method === 'GET' && request.mode === 'navigate') {
    event.respondWith(staleWhileRevalidate(event));
  }
});

// Registered by the first release of the app; some clients still have it pending.
async function replayOutbox() {
  const cache = await caches.open(OUTBOX_CACHE);
  for (const queued of await cache.keys()) {
    const stored = await cache.match(queued);
    await fetch('/api/comments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await stored.text() }); // expect: no-unchecked-upload-response
    await cache.delete(queued); // expect: no-destroy-before-backup
  }
}

async function replayComments() {
  const cache = await caches.open(OUTBOX_CACHE);
  for (const queued of await cache.keys()) {
    const stored = await cache.match(queued);
    const res = await fetch('/api/comments', { // near-miss: no-unchecked-upload-response
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: await stored.text(),
    });
    if (!res.ok) throw new Error(`comment not accepted (${res.status}); the browser will retry the sync`);
    await cache.delete(queued); // near-miss: no-destroy-before-backup
  }
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'replay-outbox') event.waitUntil(replayOutbox());
  if (event.tag === 'replay-comments') event.waitUntil(replayComments()); // near-miss: no-floating-write
});
