// Offline-first notes: every note lives in localStorage, ids of notes changed since the
// last sync are kept in a "dirty" list and pushed in one request.
export type Note = { id: string; title: string; body: string; updatedAt: number };

const NOTES_KEY = 'notes';
const DIRTY_KEY = 'notes:dirty';
const HEADERS = { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' };

function readNotes(): Record<string, Note> {
  return JSON.parse(localStorage.getItem(NOTES_KEY) ?? '{}');
}

function readDirty(): string[] {
  return JSON.parse(localStorage.getItem(DIRTY_KEY) ?? '[]');
}

export function saveNoteLocally(note: Note): void {
  const notes = readNotes();
  notes[note.id] = { ...note, updatedAt: Date.now() };
  localStorage.setItem(NOTES_KEY, JSON.stringify(notes)); // near-miss: no-floating-write
  const dirty = new Set(readDirty());
  dirty.add(note.id);
  localStorage.setItem(DIRTY_KEY, JSON.stringify([...dirty])); // near-miss: no-floating-write
}

export async function pushDirtyNotes(): Promise<void> {
  const notes = readNotes();
  const dirty = readDirty();
  localStorage.removeItem(DIRTY_KEY); // expect: no-destroy-before-backup
  const res = await fetch('/api/notes/bulk', { // near-miss: no-unchecked-upload-response
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(dirty.map((id) => notes[id]).filter(Boolean)),
  });
  if (!res.ok) throw new Error(`note sync failed: ${res.status}`);
}

export async function syncDirtyNotes(): Promise<number> {
  const notes = readNotes();
  const dirty = readDirty();
  if (dirty.length === 0) return 0;
  const res = await fetch('/api/notes/bulk', { // near-miss: no-unchecked-upload-response
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(dirty.map((id) => notes[id]).filter(Boolean)),
  });
  if (!res.ok) throw new Error(`note sync failed: ${res.status}`);
  const sent = new Set(dirty);
  const remaining = readDirty().filter((id) => !sent.has(id));
  if (remaining.length > 0) localStorage.setItem(DIRTY_KEY, JSON.stringify(remaining));
  else localStorage.removeItem(DIRTY_KEY); // near-miss: no-destroy-before-backup
  return dirty.length;
}

export async function pullNotes(since: number): Promise<void> {
  const remote: Note[] = await (await fetch(`/api/notes?since=${since}`, { headers: HEADERS })).json(); // near-miss: no-unchecked-upload-response
  const local = readNotes();
  for (const note of remote) {
    if (!local[note.id] || local[note.id].updatedAt < note.updatedAt) local[note.id] = note;
  }
  localStorage.setItem(NOTES_KEY, JSON.stringify(local));
}

export async function signOut(): Promise<void> {
  await fetch('/api/notes/bulk', { method: 'POST', headers: HEADERS, body: JSON.stringify(Object.values(readNotes())) }); // expect: no-unchecked-upload-response
  window.localStorage.clear(); // expect: no-destroy-before-backup
  location.assign('/login');
}

export async function signOutAfterSync(): Promise<void> {
  await syncDirtyNotes();
  localStorage.clear(); // near-miss: no-destroy-before-backup
  sessionStorage.clear(); // near-miss: no-destroy-before-backup
  location.assign('/login');
}
