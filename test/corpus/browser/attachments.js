// Attachments picked while offline are stored in a raw IndexedDB object store and
// uploaded as one multipart request when the connection returns.
const DB_NAME = 'attachments';
const STORE = 'pending';

export function openAttachmentsDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function getAll(db) {
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function toForm(attachments) {
  const form = new FormData();
  for (const a of attachments) form.append(a.id, a.blob, a.name);
  return form;
}

export function uploadPending(db, onDone) {
  const req = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
  req.onsuccess = () => {
    fetch('/api/attachments', { method: 'POST', body: toForm(req.result) }) // expect: no-floating-write, no-unchecked-upload-response
      .then(() => {
        db.transaction(STORE, 'readwrite').objectStore(STORE).clear(); // expect: no-destroy-before-backup
        onDone();
      });
  };
}

export async function uploadPendingChecked(db) {
  const attachments = await getAll(db);
  if (attachments.length === 0) return 0;
  const response = await fetch('/api/attachments', { method: 'POST', body: toForm(attachments) }); // near-miss: no-unchecked-upload-response
  if (response.status >= 400) {
    throw new Error(`attachments rejected: HTTP ${response.status}`);
  }
  await new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    for (const a of attachments) store.delete(a.id); // near-miss: no-destroy-before-backup
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  return attachments.length;
}

const inFlight = [];

export async function uploadOne(db, attachment) {
  inFlight.push(attachment.id);
  try {
    const form = toForm([attachment]);
    const res = await fetch(`/api/attachments/${attachment.id}`, { method: 'PUT', body: form }); // near-miss: no-unchecked-upload-response
    if (!res.ok) throw new Error(`upload of ${attachment.name} failed (${res.status})`);
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(attachment.id); // near-miss: no-destroy-before-backup
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    inFlight.length = 0; // near-miss: no-destroy-before-backup
  }
}
