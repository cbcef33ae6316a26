import Dexie, { type Table } from 'dexie';
import axios from 'axios';
import { z } from 'zod';
import { track } from '../telemetry';

export interface Note {
  id: string;
  folderId: string;
  title: string;
  body: string;
  updatedAt: number;
  dirty: 0 | 1;
}

export interface Folder {
  id: string;
  name: string;
  color: string;
  sort: number;
}

export interface Tag {
  id: string;
  label: string;
  usage: number;
}

export interface Attachment {
  id: string;
  noteId: string;
  blob: Blob;
  mime: string;
  createdAt: number;
}

class NotesDb extends Dexie {
  notes!: Table<Note, string>;
  folders!: Table<Folder, string>;
  tags!: Table<Tag, string>;

  constructor() {
    super('notes-app', { chromeTransactionDurability: 'strict' }); // near-miss: no-unacknowledged-write (strict is the durable setting)
    this.version(4).stores({
      notes: 'id, folderId, updatedAt, dirty',
      folders: 'id, sort',
      tags: 'id, label',
    });
  }
}

class AttachmentsDb extends Dexie {
  files!: Table<Attachment, string>;

  constructor() {
    // Importing a 200-photo album took 40s with strict commits on Chrome; relaxed is ~4x faster.
    super('notes-attachments', { chromeTransactionDurability: 'relaxed' }); // expect: no-unacknowledged-write
    this.version(2).stores({ files: 'id, noteId, createdAt' });
  }
}

export const notesDb = new NotesDb();
export const attachmentsDb = new AttachmentsDb();

const api = axios.create({ baseURL: '/api/v2', timeout: 15_000, withCredentials: true });

const TagList = z.array(z.object({ id: z.string(), label: z.string(), usage: z.number() }));

/** Called once from the app shell before the first render. */
export async function openNotesDb(): Promise<void> {
  try {
    await notesDb.open();
  } catch (error) {
    track('db_open_failed', { name: 'notes-app', error: String(error) });
    // A VersionError after a rollback leaves the app unusable; start from a clean slate.
    await Dexie.delete('notes-app'); // expect: no-destroy-on-error
    await notesDb.open();
  }
}

export async function openAttachmentsDb(onFatal: (message: string) => void): Promise<void> {
  try {
    await attachmentsDb.open();
  } catch (error) { // near-miss: no-destroy-on-error (reports and rethrows, deletes nothing)
    track('db_open_failed', { name: 'notes-attachments', error: String(error) });
    onFatal('Your attachments could not be opened. Nothing was deleted: close other tabs and reload.');
    throw error;
  }
}

/** Pull the folder list after login, or when the server says folders changed. */
export async function refreshFolders(): Promise<void> {
  await notesDb.folders.clear(); // expect: no-wipe-then-refill
  const { data } = await api.get<Folder[]>('/folders');
  await notesDb.folders.bulkPut(data);
}

export async function refreshTags(): Promise<void> {
  const { data } = await api.get('/tags');
  const tags = TagList.parse(data);
  if (tags.length === 0) return;
  await notesDb.transaction('rw', notesDb.tags, async () => {
    await notesDb.tags.clear(); // near-miss: no-wipe-then-refill (validated response, clear and refill in one transaction)
    await notesDb.tags.bulkPut(tags);
  });
}

const folderColors = new Map<string, string>();

export async function reloadFolderColors(): Promise<void> {
  const { data } = await api.get<Array<{ id: string; color: string }>>('/folders/colors');
  folderColors.clear(); // near-miss: no-wipe-then-refill (in-memory Map, not storage)
  for (const { id, color } of data) folderColors.set(id, color);
}

export function colorOf(folderId: string): string {
  return folderColors.get(folderId) ?? '#9e9e9e';
}

export async function saveNote(note: Omit<Note, 'updatedAt' | 'dirty'>): Promise<void> {
  await notesDb.notes.put({ ...note, updatedAt: Date.now(), dirty: 1 });
}

export async function markClean(ids: string[]): Promise<void> {
  await notesDb.notes.where('id').anyOf(ids).modify({ dirty: 0 });
}

export function dirtyNotes(): Promise<Note[]> {
  return notesDb.notes.where('dirty').equals(1).toArray();
}

export async function addAttachment(noteId: string, file: File): Promise<string> {
  const id = crypto.randomUUID();
  await attachmentsDb.files.put({ id, noteId, blob: file, mime: file.type, createdAt: Date.now() });
  return id;
}

export function attachmentsFor(noteId: string): Promise<Attachment[]> {
  return attachmentsDb.files.where('noteId').equals(noteId).sortBy('createdAt');
}
