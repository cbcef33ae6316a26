// The Firestore editor done carefully. Autosave writes to Firestore without awaiting: the
// SDK applies the write locally at once and queues it for the server, so that is not a
// floating write. The explicit commit awaits the write, shows a rejection to the user, and
// deletes the local draft only after the write succeeded.
import { initializeApp, type FirebaseError } from 'firebase/app';
import { doc, getFirestore, serverTimestamp, setDoc } from 'firebase/firestore';

const app = initializeApp({ apiKey: 'AIza-example', projectId: 'editor-example' });
const db = getFirestore(app);

const draftKey = (docId: string) => `draft:${docId}`;

export function autosave(docId: string, uid: string, text: string): void {
  localStorage.setItem(draftKey(docId), text);
  setDoc(doc(db, 'users', uid, 'docs', docId), { text, updatedAt: serverTimestamp() }, { merge: true });
}

export async function commit(docId: string, uid: string, notify: (message: string) => void): Promise<boolean> {
  const text = localStorage.getItem(draftKey(docId));
  if (text == null) return true;
  try {
    await setDoc(doc(db, 'users', uid, 'docs', docId), { text, committed: true, updatedAt: serverTimestamp() });
  } catch (e) {
    notify(`Not saved (${(e as FirebaseError).code}). Your text is still on this device.`);
    return false;
  }
  localStorage.removeItem(draftKey(docId));
  return true;
}
