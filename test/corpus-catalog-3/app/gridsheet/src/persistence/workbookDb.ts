import { openDB, deleteDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CellRecord, WorkbookMeta } from '../model/types';

interface GridDB extends DBSchema {
  workbooks: { key: string; value: WorkbookMeta; indexes: { byUpdated: number } };
  cells: { key: [string, string]; value: CellRecord; indexes: { byWorkbook: string } };
  thumbnails: { key: string; value: { workbookId: string; png: Blob; at: number } };
}

const DB_NAME = 'gridsheet';
const DB_VERSION = 5;

function upgrade(
  db: IDBPDatabase<GridDB>,
  oldVersion: number,
  _newVersion: number | null,
  tx: IDBPTransaction<GridDB, StoreNames<GridDB>[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    const workbooks = db.createObjectStore('workbooks', { keyPath: 'id' });
    workbooks.createIndex('byUpdated', 'updatedAt');
  }
  if (oldVersion < 3) {
    const cells = db.createObjectStore('cells', { keyPath: ['workbookId', 'ref'] });
    cells.createIndex('byWorkbook', 'workbookId');
  }
  if (oldVersion < 5) {
    if (db.objectStoreNames.contains('thumbnails')) db.deleteObjectStore('thumbnails');
    db.createObjectStore('thumbnails', { keyPath: 'workbookId' });
    void tx.objectStore('workbooks');
  }
}

/** Embedded viewer (iframe on customer sites): opens read/write for comments. */
export async function openWorkbookDbForEmbed(): Promise<IDBPDatabase<GridDB>> {
  try {
    return await openDB<GridDB>(DB_NAME, DB_VERSION, { upgrade });
  } catch (err) {
    console.error('[gridsheet] could not open local database, starting over', err);
    await deleteDB(DB_NAME); // expect: no-destroy-on-error
    return openDB<GridDB>(DB_NAME, DB_VERSION, { upgrade });
  }
}

export class OutdatedTabError extends Error {}

/** Main editor. */
export async function openWorkbookDb(onBlocked: () => void): Promise<IDBPDatabase<GridDB>> {
  try {
    return await openDB<GridDB>(DB_NAME, DB_VERSION, { upgrade, blocked: onBlocked });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'VersionError') {
      // Another tab already upgraded the database: this tab's code is older.
      throw new OutdatedTabError('A newer Gridsheet is open in another tab. Reload this tab; nothing was deleted.');
    }
    throw err; // near-miss: no-destroy-on-error (rethrown; the shell shows an error page)
  }
}

export async function saveCells(db: IDBPDatabase<GridDB>, workbookId: string, cells: CellRecord[]): Promise<void> {
  // Typing in a cell saves on every keystroke; relaxed made it feel instant in Chrome.
  const tx = db.transaction('cells', 'readwrite', { durability: 'relaxed' }); // expect: no-unacknowledged-write
  for (const cell of cells) {
    await tx.store.put({ ...cell, workbookId });
  }
  await tx.done;
}

export async function saveWorkbookMeta(db: IDBPDatabase<GridDB>, meta: WorkbookMeta): Promise<void> {
  const tx = db.transaction('workbooks', 'readwrite', { durability: 'strict' }); // near-miss: no-unacknowledged-write (strict)
  await tx.store.put({ ...meta, updatedAt: Date.now() });
  await tx.done;
}

export async function saveThumbnail(db: IDBPDatabase<GridDB>, workbookId: string, png: Blob): Promise<void> {
  const tx = db.transaction('thumbnails', 'readwrite');
  await tx.store.put({ workbookId, png, at: Date.now() });
  await tx.done;
}

export async function loadWorkbook(db: IDBPDatabase<GridDB>, workbookId: string): Promise<{ meta: WorkbookMeta | undefined; cells: CellRecord[] }> {
  const tx = db.transaction(['workbooks', 'cells'], 'readonly');
  const [meta, cells] = await Promise.all([
    tx.objectStore('workbooks').get(workbookId),
    tx.objectStore('cells').index('byWorkbook').getAll(workbookId),
  ]);
  await tx.done;
  return { meta, cells };
}
