// Shows: no-destroy-before-backup, no-unchecked-upload-response
//
// An offline notes web app. Notes live in Dexie; the ids of notes changed offline are kept in
// localStorage. The sync clears the "dirty" list before uploading, and deletes synced
// attachments after a fetch whose status nobody checks.
import Dexie, { type Table } from 'dexie';

interface Note { id: string; title: string; body: string; updatedAt: number }
interface Attachment { id?: number; noteId: string; name: string; blob: Blob }

class NotesDB extends Dexie {
  notes!: Table<Note, string>;
  attachments!: Table<Attachment, number>;
  constructor() {
    super('offline-notes');
    this.version(1).stores({ notes: 'id, updatedAt', attachments: '++id, noteId' });
  }
}

const db = new NotesDB();
const DIRTY_KEY = 'notes:dirty';

export async function saveNote(note: Note): Promise<void> {
  await db.notes.put({ ...note, updatedAt: Date.now() });
  const dirty = new Set<string>(JSON.parse(localStorage.getItem(DIRTY_KEY) ?? '[]'));
  dirty.add(note.id);
  localStorage.setItem(DIRTY_KEY, JSON.stringify([...dirty]));
}

export async function syncNotes(): Promise<void> {
  const dirty: string[] = JSON.parse(localStorage.getItem(DIRTY_KEY) ?? '[]');
  // no-destroy-before-backup: the list of unsynced notes is gone before the upload even starts.
  localStorage.removeItem(DIRTY_KEY);
  const notes = await db.notes.bulkGet(dirty);
  const res = await fetch('/api/notes/bulk', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(notes.filter(Boolean)),
  });
  if (!res.ok) throw new Error(`sync failed: ${res.status}`);
}

export async function uploadAttachments(noteId: string): Promise<void> {
  const attachments = await db.attachments.where('noteId').equals(noteId).toArray();
  const form = new FormData();
  for (const a of attachments) form.append('files', a.blob, a.name);
  // no-unchecked-upload-response: a 413 for a too-large batch resolves like a 200.
  await fetch(`/api/notes/${noteId}/attachments`, { method: 'POST', body: form });
  // no-destroy-before-backup: the attachments are deleted whatever the server answered.
  await db.attachments.bulkDelete(attachments.map((a) => a.id!));
}
