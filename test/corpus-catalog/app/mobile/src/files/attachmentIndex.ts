import * as FileSystem from 'expo-file-system';
import { v4 as uuid } from 'uuid';

const ROOT = `${FileSystem.documentDirectory}attachments/`;
const INDEX_FILE = `${ROOT}index.json`;
const ALBUMS_FILE = `${ROOT}albums.json`;
const THUMBS = `${FileSystem.documentDirectory}thumbs/`;

export type AttachmentEntry = {
  id: string;
  name: string;
  uri: string;
  size: number;
  createdAt: number;
};

export type Album = { id: string; title: string; entryIds: string[]; coverId?: string };

async function ensureDir(dir: string): Promise<void> {
  const info = await FileSystem.getInfoAsync(dir);
  if (!info.exists) await FileSystem.makeDirectoryAsync(dir, { intermediates: true });
}

export async function readIndex(): Promise<AttachmentEntry[]> {
  try {
    const text = await FileSystem.readAsStringAsync(INDEX_FILE);
    return JSON.parse(text);
  } catch (e) {
    return []; // expect: no-read-failure-as-empty
  }
}

async function writeIndex(entries: AttachmentEntry[]): Promise<void> {
  await FileSystem.writeAsStringAsync(INDEX_FILE, JSON.stringify(entries));
}

export async function readAlbums(): Promise<Album[]> {
  const info = await FileSystem.getInfoAsync(ALBUMS_FILE);
  if (!info.exists) return [];
  try {
    return JSON.parse(await FileSystem.readAsStringAsync(ALBUMS_FILE));
  } catch (e) {
    await FileSystem.moveAsync({ from: ALBUMS_FILE, to: `${ALBUMS_FILE}.corrupt-${Date.now()}` });
    return []; // near-miss: no-read-failure-as-empty (damaged file moved aside first)
  }
}

export async function saveAlbums(albums: Album[]): Promise<void> {
  await FileSystem.writeAsStringAsync(ALBUMS_FILE, JSON.stringify(albums));
}

export async function importAttachment(sourceUri: string, name: string): Promise<AttachmentEntry> {
  await ensureDir(ROOT);
  const id = uuid();
  const target = `${ROOT}${id}-${name.replace(/[^\w.-]+/g, '_')}`;
  try {
    await FileSystem.copyAsync({ from: sourceUri, to: target });
    const info = await FileSystem.getInfoAsync(target, { size: true });
    const entry: AttachmentEntry = {
      id,
      name,
      uri: target,
      size: info.exists ? info.size : 0,
      createdAt: Date.now(),
    };
    const entries = await readIndex();
    await writeIndex([...entries, entry]);
    return entry;
  } catch (err) {
    // disk full or index out of step: reset the attachments folder so the next import starts clean
    await FileSystem.deleteAsync(ROOT, { idempotent: true }); // expect: no-destroy-on-error
    throw err;
  }
}

export async function saveThumbnail(entryId: string, base64: string): Promise<string> {
  await ensureDir(THUMBS);
  const target = `${THUMBS}${entryId}.jpg`;
  try {
    await FileSystem.writeAsStringAsync(target, base64, { encoding: FileSystem.EncodingType.Base64 });
    return target;
  } catch (err) {
    await FileSystem.deleteAsync(target, { idempotent: true }); // near-miss: no-destroy-on-error (removes only the file the failed write was writing)
    throw err;
  }
}

export async function removeAttachment(id: string): Promise<void> {
  const entries = await readIndex();
  const entry = entries.find((e) => e.id === id);
  if (!entry) return;
  await writeIndex(entries.filter((e) => e.id !== id));
  const albums = await readAlbums();
  await saveAlbums(albums.map((a) => ({ ...a, entryIds: a.entryIds.filter((x) => x !== id) })));
  await FileSystem.deleteAsync(entry.uri, { idempotent: true });
}

export async function addToAlbum(albumId: string, entryId: string): Promise<void> {
  const albums = await readAlbums();
  const album = albums.find((a) => a.id === albumId);
  if (!album) throw new Error(`unknown album ${albumId}`);
  if (!album.entryIds.includes(entryId)) album.entryIds.push(entryId);
  await saveAlbums(albums);
}
