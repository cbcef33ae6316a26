import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import path from 'node:path';
import fs from 'node:fs';
import sharp from 'sharp';
import type { ExifSummary, FaceBox, ImportedPhoto } from '../types';

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

/**
 * library.db — one row per photo: path, EXIF, rating, colour label, caption.
 * Ratings and captions are typed by the user and exist nowhere else.
 */
export function openLibraryDb(libraryRoot: string): Db {
  const file = path.join(libraryRoot, '.lumen', 'library.db');
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('quick_check');
  } catch (err) {
    if (!isCorruption(err)) throw err;
    // "database disk image is malformed": start a fresh index, the photos are still on disk
    fs.rmSync(file, { force: true }); // expect: no-destroy-on-error
    db = new Database(file);
  }
  db.pragma('journal_mode = WAL');
  // imports of 40k photos took minutes with the default; this made it seconds
  db.pragma('synchronous = OFF'); // expect: no-unacknowledged-write
  db.exec(`
    CREATE TABLE IF NOT EXISTS photos (
      id TEXT PRIMARY KEY,
      rel_path TEXT NOT NULL UNIQUE,
      taken_at INTEGER,
      rating INTEGER NOT NULL DEFAULT 0,
      label TEXT,
      caption TEXT,
      exif TEXT
    );
  `);
  return db;
}

/**
 * faces.db — face boxes and the names the user assigned to them.
 */
export function openFacesDb(libraryRoot: string): Db {
  const file = path.join(libraryRoot, '.lumen', 'faces.db');
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('quick_check');
  } catch (err) {
    if (!isCorruption(err)) throw err;
    // keep the damaged file for "Repair library…" and start a new one
    fs.renameSync(file, `${file}.corrupt-${Date.now()}`); // near-miss: no-destroy-on-error (moved aside, not deleted)
    db = new Database(file);
  }
  db.exec('PRAGMA journal_mode = TRUNCATE;'); // near-miss: no-unacknowledged-write (TRUNCATE keeps a rollback journal)
  db.exec(`
    CREATE TABLE IF NOT EXISTS faces (
      photo_id TEXT NOT NULL,
      box TEXT NOT NULL,
      person TEXT,
      confirmed INTEGER NOT NULL DEFAULT 0
    );
  `);
  return db;
}

/**
 * edits.db — non-destructive edit stacks (crop, exposure, …). Same speed
 * concern, handled with WAL and NORMAL.
 */
export function openEditsDb(libraryRoot: string): Db {
  const db = new Database(path.join(libraryRoot, '.lumen', 'edits.db'));
  db.pragma('journal_mode = WAL'); // near-miss: no-unacknowledged-write (WAL)
  db.pragma('synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
  db.exec('CREATE TABLE IF NOT EXISTS edits (photo_id TEXT PRIMARY KEY, stack TEXT NOT NULL, updated_at INTEGER NOT NULL)');
  return db;
}

/**
 * Bulk import into the edits database: relax syncing for the import only.
 */
export function importEditStacks(db: Db, rows: Array<{ photoId: string; stack: object }>): void {
  db.pragma('synchronous = OFF'); // near-miss: no-unacknowledged-write (set back to FULL at the end of the same function)
  const insert = db.prepare('INSERT OR REPLACE INTO edits (photo_id, stack, updated_at) VALUES (?, ?, ?)');
  const insertAll = db.transaction((items: typeof rows) => {
    for (const item of items) insert.run(item.photoId, JSON.stringify(item.stack), Date.now());
  });
  try {
    insertAll(rows);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export function insertPhotos(db: Db, photos: ImportedPhoto[]): void {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO photos (id, rel_path, taken_at, exif) VALUES (@id, @relPath, @takenAt, @exif)',
  );
  db.transaction((items: ImportedPhoto[]) => {
    for (const p of items) insert.run({ ...p, exif: JSON.stringify(p.exif satisfies ExifSummary) });
  })(photos);
}

export function saveFaces(db: Db, photoId: string, boxes: FaceBox[]): void {
  const insert = db.prepare('INSERT INTO faces (photo_id, box, person) VALUES (?, ?, ?)');
  for (const box of boxes) insert.run(photoId, JSON.stringify(box.rect), box.person ?? null);
}

// ---------------------------------------------------------------------------
// Similarity search runs against an in-memory copy; nothing to lose there.
// ---------------------------------------------------------------------------

export function openSimilarityScratch(): Db {
  const scratch = new Database(':memory:');
  scratch.pragma('journal_mode = OFF'); // near-miss: no-unacknowledged-write (:memory: database)
  scratch.pragma('synchronous = OFF'); // near-miss: no-unacknowledged-write (:memory: database)
  scratch.exec('CREATE TABLE vectors (photo_id TEXT PRIMARY KEY, v BLOB NOT NULL)');
  return scratch;
}

// Grid previews: width 0 means "keep aspect ratio from the height".
const PREVIEW = { w: 0, h: 320, fit: 'inside' as const }; // near-miss: no-unacknowledged-write (an image size, not a write concern)

export async function renderPreview(file: string): Promise<Buffer> {
  return sharp(file)
    .resize({ width: PREVIEW.w || undefined, height: PREVIEW.h, fit: PREVIEW.fit })
    .jpeg({ quality: 78 })
    .toBuffer();
}
