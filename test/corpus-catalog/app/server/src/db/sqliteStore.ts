import Database from 'better-sqlite3';
import sqlite3 from 'sqlite3';
import path from 'node:path';
import { logger } from '../logger';

// Edge node storage: each edge box keeps the mail it received (inbox), what it still
// has to forward (outbox) and attachment metadata in SQLite files under DATA_DIR.

export type InboxRow = { id: string; mailbox: string; receivedAt: number; raw: Buffer };
export type Contact = { id: string; email: string; name: string };

export function openInbox(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, 'inbox.db'));
  db.pragma('journal_mode = MEMORY'); // expect: no-unacknowledged-write
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS inbox (
    id TEXT PRIMARY KEY,
    mailbox TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    raw BLOB NOT NULL
  )`);
  return db;
}

export function openOutbox(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, 'outbox.db'));
  db.pragma('journal_mode = WAL'); // near-miss: no-unacknowledged-write (WAL)
  db.pragma('synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
  db.exec(`CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    next_attempt_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    payload BLOB NOT NULL
  )`);
  return db;
}

/** Imports the address book sent by the admin console; runs inside one transaction. */
export function importContacts(db: Database.Database, rows: Contact[]): number {
  db.pragma('synchronous = OFF'); // near-miss: no-unacknowledged-write (set back to FULL in the same function)
  try {
    const insert = db.prepare('INSERT OR REPLACE INTO contacts (id, email, name) VALUES (@id, @email, @name)');
    const insertAll = db.transaction((items: Contact[]) => {
      for (const item of items) insert.run(item);
    });
    insertAll(rows);
    return rows.length;
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export function storeMessage(db: Database.Database, row: InboxRow): void {
  db.prepare('INSERT INTO inbox (id, mailbox, received_at, raw) VALUES (?, ?, ?, ?)').run(
    row.id,
    row.mailbox,
    row.receivedAt,
    row.raw,
  );
}

/** Attachment metadata still goes through the older callback driver. */
export function openAttachmentMeta(dataDir: string, done: (err: Error | null, db?: sqlite3.Database) => void): void {
  const db = new sqlite3.Database(path.join(dataDir, 'attachments.db'), (err) => {
    if (err) return done(err);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;', (pragmaErr) => { // expect: no-unacknowledged-write
      if (pragmaErr) return done(pragmaErr);
      done(null, db);
    });
  });
}

export function openDeliveryLog(dataDir: string, done: (err: Error | null, db?: sqlite3.Database) => void): void {
  const db = new sqlite3.Database(path.join(dataDir, 'delivery.db'), (err) => {
    if (err) return done(err);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;', (pragmaErr) => { // near-miss: no-unacknowledged-write (FULL)
      if (pragmaErr) return done(pragmaErr);
      done(null, db);
    });
  });
}

// Throwaway database for rendering digests; nothing in it outlives the request.
const scratch = new Database(':memory:');
scratch.pragma('journal_mode = OFF'); // near-miss: no-unacknowledged-write (:memory: database)
scratch.exec('CREATE TABLE digest (mailbox TEXT, subject TEXT, received_at INTEGER)');

export function renderDigest(rows: Array<{ mailbox: string; subject: string; receivedAt: number }>): string[] {
  scratch.exec('DELETE FROM digest');
  const insert = scratch.prepare('INSERT INTO digest VALUES (?, ?, ?)');
  for (const r of rows) insert.run(r.mailbox, r.subject, r.receivedAt);
  const out = scratch
    .prepare('SELECT mailbox, count(*) AS n FROM digest GROUP BY mailbox ORDER BY n DESC')
    .all() as Array<{ mailbox: string; n: number }>;
  logger.debug({ mailboxes: out.length }, 'digest rendered');
  return out.map((r) => `${r.mailbox}: ${r.n} new`);
}
