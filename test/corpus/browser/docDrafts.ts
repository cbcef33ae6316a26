// Collaborative docs: the editor keeps a local draft in localStorage so nothing typed is
// lost on reload; committing writes it to Firestore.
import { initializeApp, type FirebaseError } from 'firebase/app';
import {
  addDoc,
  collection,
  doc,
  getFirestore,
  serverTimestamp,
  setDoc,
  writeBatch,
} from 'firebase/firestore';

const app = initializeApp({ apiKey: 'AIza-example', authDomain: 'docs-example.firebaseapp.com', projectId: 'docs-example' });
const db = getFirestore(app);

const draftKey = (docId: string) => `draft:${docId}`;

export function autosave(docId: string, content: string): void {
  localStorage.setItem(draftKey(docId), content); // near-miss: no-floating-write
  setDoc(doc(db, 'docs', docId), { content, updatedAt: serverTimestamp() }, { merge: true }); // near-miss: no-floating-write
}

export function logOpen(docId: string, uid: string): void {
  addDoc(collection(db, 'docs', docId, 'opens'), { uid, at: serverTimestamp() }); // near-miss: no-floating-write
}

export async function commitDraft(docId: string): Promise<void> {
  const content = localStorage.getItem(draftKey(docId));
  if (content == null) return;
  try {
    await setDoc(doc(db, 'docs', docId), { content, committed: true, updatedAt: serverTimestamp() }, { merge: true });
  } catch {} // expect: no-swallowed-write-error
  localStorage.removeItem(draftKey(docId)); // expect: no-destroy-before-backup
}

export async function commitDraftOrKeep(docId: string, notify: (message: string) => void): Promise<void> {
  const content = localStorage.getItem(draftKey(docId));
  if (content == null) return;
  try {
    await setDoc(doc(db, 'docs', docId), { content, committed: true, updatedAt: serverTimestamp() }, { merge: true });
  } catch (err) { // near-miss: no-swallowed-write-error
    notify(`Could not save "${docId}" (${(err as FirebaseError).code}). Your draft is kept on this device.`);
    return;
  }
  localStorage.removeItem(draftKey(docId)); // near-miss: no-destroy-before-backup
}

export async function commitAll(docIds: string[]): Promise<void> {
  const batch = writeBatch(db);
  const committed: string[] = [];
  for (const id of docIds) {
    const content = localStorage.getItem(draftKey(id));
    if (content == null) continue;
    batch.set(doc(db, 'docs', id), { content, committed: true, updatedAt: serverTimestamp() }, { merge: true });
    committed.push(id);
  }
  await batch.commit();
  for (const id of committed) localStorage.removeItem(draftKey(id)); // near-miss: no-destroy-before-backup
}

export async function fetchTemplates(): Promise<{ id: string; name: string }[]> {
  const res = await fetch('/templates.json', { cache: 'no-cache' }); // near-miss: no-unchecked-upload-response
  return res.json();
}
