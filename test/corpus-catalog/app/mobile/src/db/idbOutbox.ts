// Raw IndexedDB for the inspection PWA: an outbox of pending mutations and the
// documents inspectors fill in offline. No wrapper library: the bundle budget is tight.

const OUTBOX_DB = 'inspect-outbox';
const DOCS_DB = 'inspect-documents';

export type OutboxOp = {
  id: string;
  kind: 'create' | 'update' | 'delete';
  entity: 'inspection' | 'finding' | 'signature';
  payload: unknown;
  queuedAt: number;
};

export type InspectionDoc = {
  id: string;
  siteId: string;
  answers: Record<string, string | number | boolean>;
  updatedAt: number;
};

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function txDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

function openRaw(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error(`${name}: upgrade blocked by another tab`));
  });
}

const upgradeOutbox = (db: IDBDatabase) => {
  if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id' });
};

const upgradeDocs = (db: IDBDatabase) => {
  if (!db.objectStoreNames.contains('documents')) {
    const store = db.createObjectStore('documents', { keyPath: 'id' });
    store.createIndex('bySite', 'siteId');
  }
};

let outboxPromise: Promise<IDBDatabase> | null = null;
let docsPromise: Promise<IDBDatabase> | null = null;

export function getOutboxDb(): Promise<IDBDatabase> {
  outboxPromise ??= openRaw(OUTBOX_DB, 3, upgradeOutbox).catch(async (err) => {
    console.error('[outbox] open failed, recreating', err);
    await promisify(indexedDB.deleteDatabase(OUTBOX_DB)); // expect: no-destroy-on-error
    return openRaw(OUTBOX_DB, 3, upgradeOutbox);
  });
  return outboxPromise;
}

export function getDocsDb(onFatal: (err: unknown) => void): Promise<IDBDatabase> {
  docsPromise ??= openRaw(DOCS_DB, 7, upgradeDocs).catch((err) => { // near-miss: no-destroy-on-error (reports, forgets the promise, rethrows)
    docsPromise = null;
    onFatal(err);
    throw err;
  });
  return docsPromise;
}

export async function enqueue(op: OutboxOp): Promise<void> {
  const db = await getOutboxDb();
  const tx = db.transaction('outbox', 'readwrite', { durability: 'relaxed' }); // expect: no-unacknowledged-write
  tx.objectStore('outbox').put(op);
  await txDone(tx);
}

export async function saveInspection(doc: InspectionDoc, onFatal: (err: unknown) => void): Promise<void> {
  const db = await getDocsDb(onFatal);
  const tx = db.transaction('documents', 'readwrite', { durability: 'strict' }); // near-miss: no-unacknowledged-write (strict)
  tx.objectStore('documents').put({ ...doc, updatedAt: Date.now() });
  await txDone(tx);
}

export async function pendingCount(): Promise<number> {
  const db = await getOutboxDb();
  return promisify(db.transaction('outbox').objectStore('outbox').count());
}

export async function takeBatch(limit = 50): Promise<OutboxOp[]> {
  const db = await getOutboxDb();
  return promisify(db.transaction('outbox').objectStore('outbox').getAll(undefined, limit));
}

async function closeAll(): Promise<void> {
  if (outboxPromise) (await outboxPromise).close();
  if (docsPromise) (await docsPromise).close();
  outboxPromise = null;
  docsPromise = null;
}

/** Settings → "Wipe this device" (shared tablets change hands between shifts). */
export async function wipeLocalData(): Promise<void> {
  await closeAll();
  await promisify(indexedDB.deleteDatabase(DOCS_DB)); // expect: no-reset-without-sync
  await promisify(indexedDB.deleteDatabase(OUTBOX_DB));
}

/** Account page → "Delete my data from this device". */
export async function deleteAccountData(): Promise<void> {
  const pending = await pendingCount();
  if (pending > 0) {
    throw new Error(`${pending} changes have not been sent yet. Sync before removing local data.`);
  }
  await closeAll();
  await promisify(indexedDB.deleteDatabase(DOCS_DB)); // near-miss: no-reset-without-sync (pending count checked first)
  await promisify(indexedDB.deleteDatabase(OUTBOX_DB));
}
