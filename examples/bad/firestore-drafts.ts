// Shows: no-swallowed-write-error, no-destroy-before-backup
//
// A web editor that keeps the text being typed in localStorage and commits it to Firestore.
// The commit swallows a rejected write (permission denied, document too large) and then
// deletes the local draft as if the commit had worked.
import { initializeApp } from 'firebase/app';
import { doc, getFirestore, serverTimestamp, setDoc } from 'firebase/firestore';

const app = initializeApp({ apiKey: 'AIza-example', projectId: 'editor-example' });
const db = getFirestore(app);

const draftKey = (docId: string) => `draft:${docId}`;

export function keepDraft(docId: string, text: string): void {
  localStorage.setItem(draftKey(docId), text);
}

export async function commit(docId: string, uid: string): Promise<void> {
  const text = localStorage.getItem(draftKey(docId));
  if (text == null) return;
  try {
    await setDoc(doc(db, 'users', uid, 'docs', docId), { text, updatedAt: serverTimestamp() });
  } catch (e) {
    // no-swallowed-write-error: nobody is told the document was not saved.
  }
  // no-destroy-before-backup: the draft is deleted even when setDoc was rejected.
  localStorage.removeItem(draftKey(docId));
}
