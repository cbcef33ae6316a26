import Database from 'better-sqlite3';
import path from 'node:path';

// Branch offices run an offline-capable till server: takings are recorded
// locally and shipped to HQ when the line is up (see sync/branchSync.ts).

const DATA_DIR = process.env.LEDGERLINE_DATA ?? path.join(process.cwd(), 'data');

export type Taking = { id: string; till: string; amountCents: number; method: 'cash' | 'card'; at: number };
export type Receipt = { id: string; takingId: string; pdf: Buffer; at: number };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS takings (
    id TEXT PRIMARY KEY, till TEXT NOT NULL, amount_cents INTEGER NOT NULL,
    method TEXT NOT NULL, at INTEGER NOT NULL, shipped INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS takings_unshipped ON takings (shipped, at);
`;

export function openBranchLedger(file = path.join(DATA_DIR, 'branch-ledger.db')): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}

/** Scanned receipts; large blobs made the journal slow on the till's SD card. */
export function openReceiptsDb(file = path.join(DATA_DIR, 'receipts.db')): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = MEMORY'); // expect: no-unacknowledged-write
  db.exec('CREATE TABLE IF NOT EXISTS receipts (id TEXT PRIMARY KEY, taking_id TEXT NOT NULL, pdf BLOB NOT NULL, at INTEGER NOT NULL)');
  return db;
}

export function recordTaking(db: Database.Database, taking: Taking): void {
  db.prepare('INSERT INTO takings (id, till, amount_cents, method, at) VALUES (@id, @till, @amountCents, @method, @at)').run(taking);
}

export function storeReceipt(db: Database.Database, receipt: Receipt): void {
  db.prepare('INSERT OR REPLACE INTO receipts (id, taking_id, pdf, at) VALUES (?, ?, ?, ?)').run(receipt.id, receipt.takingId, receipt.pdf, receipt.at);
}

/** End-of-day import of the card terminal's batch file. */
export function importTerminalBatch(db: Database.Database, takings: Taking[]): number {
  db.pragma('synchronous = OFF'); // near-miss: no-unacknowledged-write (set back below, bounded bulk load)
  try {
    const insert = db.prepare('INSERT OR IGNORE INTO takings (id, till, amount_cents, method, at) VALUES (@id, @till, @amountCents, @method, @at)');
    const insertAll = db.transaction((rows: Taking[]) => {
      let n = 0;
      for (const row of rows) n += insert.run(row).changes;
      return n;
    });
    return insertAll(takings);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/** Scratch database for the reconciliation report; rebuilt on every run. */
export function reconcile(db: Database.Database, terminalTotals: Map<string, number>): Array<{ till: string; diffCents: number }> {
  const scratch = new Database(':memory:');
  scratch.pragma('journal_mode = OFF'); // near-miss: no-unacknowledged-write (in-memory database)
  scratch.exec('CREATE TABLE totals (till TEXT PRIMARY KEY, ledger INTEGER, terminal INTEGER)');
  const rows = db.prepare('SELECT till, SUM(amount_cents) AS total FROM takings WHERE method = ? GROUP BY till').all('card') as Array<{ till: string; total: number }>;
  const put = scratch.prepare('INSERT INTO totals (till, ledger, terminal) VALUES (?, ?, ?)');
  for (const r of rows) put.run(r.till, r.total, terminalTotals.get(r.till) ?? 0);
  const diffs = scratch.prepare('SELECT till, terminal - ledger AS diffCents FROM totals WHERE terminal <> ledger').all() as Array<{ till: string; diffCents: number }>;
  scratch.close();
  return diffs;
}

export function unshipped(db: Database.Database, limit = 500): Taking[] {
  return db
    .prepare('SELECT id, till, amount_cents AS amountCents, method, at FROM takings WHERE shipped = 0 ORDER BY at LIMIT ?')
    .all(limit) as Taking[];
}
