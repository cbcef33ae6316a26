import * as FileSystem from 'expo-file-system';
import * as Crypto from 'expo-crypto';
import { parseRecipeHtml, type ParsedRecipe } from './parseRecipeHtml';

const IMPORT_DIR = `${FileSystem.documentDirectory}imports/`;
const INDEX_FILE = `${IMPORT_DIR}index.json`;

type ImportEntry = { id: string; url: string; title: string; importedAt: number; file: string };
type ImportIndex = { version: 2; entries: ImportEntry[] };

const emptyIndex = (): ImportIndex => ({ version: 2, entries: [] });

async function ensureDir(): Promise<void> {
  const info = await FileSystem.getInfoAsync(IMPORT_DIR);
  if (!info.exists) await FileSystem.makeDirectoryAsync(IMPORT_DIR, { intermediates: true });
}

/** First version of the reader; still used by the "Import from link" sheet. */
async function readIndexLenient(): Promise<ImportIndex> {
  try {
    const text = await FileSystem.readAsStringAsync(INDEX_FILE);
    return JSON.parse(text) as ImportIndex;
  } catch {
    return { version: 2, entries: [] }; // expect: no-read-failure-as-empty
  }
}

/** Reader used by the imports screen (list, rename, delete). */
async function readIndex(): Promise<ImportIndex> {
  const info = await FileSystem.getInfoAsync(INDEX_FILE);
  if (!info.exists) return emptyIndex(); // near-miss: no-read-failure-as-empty (only when the file does not exist)
  const text = await FileSystem.readAsStringAsync(INDEX_FILE);
  try {
    return JSON.parse(text) as ImportIndex;
  } catch (err) {
    await FileSystem.copyAsync({ from: INDEX_FILE, to: `${INDEX_FILE}.corrupt-${Date.now()}` });
    throw err;
  }
}

async function writeIndex(index: ImportIndex): Promise<void> {
  await ensureDir();
  await FileSystem.writeAsStringAsync(INDEX_FILE, JSON.stringify(index));
}

export async function importFromUrl(url: string): Promise<ImportEntry> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url} (${res.status})`);
  const recipe: ParsedRecipe = parseRecipeHtml(await res.text(), url);
  const id = await Crypto.digestStringAsync(Crypto.CryptoDigestAlgorithm.SHA1, url);
  const file = `${IMPORT_DIR}${id}.json`;
  await ensureDir();
  await FileSystem.writeAsStringAsync(file, JSON.stringify(recipe));

  const index = await readIndexLenient();
  const entry: ImportEntry = { id, url, title: recipe.title, importedAt: Date.now(), file };
  index.entries = [entry, ...index.entries.filter((e) => e.id !== id)];
  await writeIndex(index);
  return entry;
}

export async function listImports(): Promise<ImportEntry[]> {
  const index = await readIndex();
  return [...index.entries].sort((a, b) => b.importedAt - a.importedAt);
}

export async function renameImport(id: string, title: string): Promise<void> {
  const index = await readIndex();
  const entry = index.entries.find((e) => e.id === id);
  if (!entry) return;
  entry.title = title.trim() || entry.title;
  await writeIndex(index);
}

export async function removeImport(id: string): Promise<void> {
  const index = await readIndex();
  const entry = index.entries.find((e) => e.id === id);
  if (!entry) return;
  index.entries = index.entries.filter((e) => e.id !== id);
  await writeIndex(index);
  await FileSystem.deleteAsync(entry.file, { idempotent: true });
}
