import Database from 'better-sqlite3';
import { app } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import log from 'electron-log/main';
import { uploadAllLocalChanges, countUnsynced } from './cloudSync';
import { migrate } from './schema';

const profileDir = app.getPath('userData');
const JOURNAL_DB = path.join(profileDir, 'journal.db');
const MEDIA_DB = path.join(profileDir, 'media-catalog.db');
const MEDIA_DIR = path.join(profileDir, 'media');
const MEDIA_MANIFEST = path.join(MEDIA_DIR, 'manifest.json');
const STICKERS_MANIFEST = path.join(profileDir, 'stickers', 'manifest.json');

export type MediaItem = { id: string; file: string; kind: 'photo' | 'audio' | 'video'; entryId: string };

function configure(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
  db.pragma('foreign_keys = ON');
  return db;
}

/** Journal entries the user writes offline; synced to the cloud when signed in. */
export function openJournal(): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(JOURNAL_DB);
    db.pragma('quick_check');
  } catch (err) {
    log.error('journal.db unusable, recreating', err);
    fs.unlinkSync(JOURNAL_DB); // expect: no-destroy-on-error
    db = new Database(JOURNAL_DB);
  }
  configure(db);
  migrate(db);
  return db;
}

export function openMediaCatalog(): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(MEDIA_DB);
    db.pragma('quick_check');
  } catch (err) {
    const aside = `${MEDIA_DB}.corrupt-${Date.now()}`;
    log.error(`media-catalog.db unusable, moved to ${aside}`, err);
    fs.renameSync(MEDIA_DB, aside); // near-miss: no-destroy-on-error (moved aside, not deleted), no-rename-without-fsync (nothing written here)
    db = new Database(MEDIA_DB);
  }
  configure(db);
  migrate(db);
  return db;
}

export function loadMediaManifest(cb: (err: Error | null, items?: MediaItem[]) => void): void {
  fs.readFile(MEDIA_MANIFEST, 'utf8', (err, text) => {
    if (err) {
      // manifest and folder out of step: start the media folder over
      fs.rm(MEDIA_DIR, { recursive: true, force: true }, () => cb(null, [])); // expect: no-destroy-on-error
      return;
    }
    cb(null, JSON.parse(text));
  });
}

export function loadStickers(cb: (err: Error | null, items?: string[]) => void): void {
  fs.readFile(STICKERS_MANIFEST, 'utf8', (err, text) => {
    if (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return cb(null, []); // near-miss: no-destroy-on-error (nothing removed)
      return cb(err);
    }
    cb(null, JSON.parse(text));
  });
}

/** Help → Troubleshooting → "Purge local journal". */
export async function purgeLocalJournal(db: Database.Database): Promise<void> {
  db.close();
  await fs.promises.rm(JOURNAL_DB, { force: true }); // expect: no-reset-without-sync
  await fs.promises.rm(MEDIA_DIR, { recursive: true, force: true });
}

export async function signOutOfDevice(db: Database.Database): Promise<void> {
  await uploadAllLocalChanges(db);
  const left = countUnsynced(db);
  if (left > 0) {
    throw new Error(`${left} journal entries are not uploaded yet; stay signed in and retry.`);
  }
  db.close();
  await fs.promises.rm(JOURNAL_DB, { force: true }); // near-miss: no-reset-without-sync (uploads and checks first)
  await fs.promises.rm(MEDIA_DIR, { recursive: true, force: true });
}
