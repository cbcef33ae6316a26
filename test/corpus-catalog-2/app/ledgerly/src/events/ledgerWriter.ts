import { MongoClient, MongoBulkWriteError, WriteConcern, type Collection, type Db } from 'mongodb';
import pino from 'pino';

const log = pino({ name: 'ledger-writer' });

/**
 * Ledgerly: small-business bookkeeping. Two Mongo clusters:
 *  - ledger:   journal entries and imported bank statements (the books)
 *  - activity: who-did-what audit trail, which accountants rely on at year end
 */
const ledgerClient = new MongoClient(process.env.LEDGER_MONGO_URL ?? 'mongodb://ledger-0,ledger-1,ledger-2/ledgerly?replicaSet=rs0&w=majority', { // near-miss: no-unacknowledged-write (w=majority in the URI)
  retryWrites: true,
  writeConcern: { w: 'majority', j: true }, // near-miss: no-unacknowledged-write (majority + journal)
});

const activityClient = new MongoClient(
  'mongodb://activity-0,activity-1/ledgerly_activity?replicaSet=rs1&w=0&maxPoolSize=50', // expect: no-unacknowledged-write
);

export type JournalEntry = {
  _id?: string;
  companyId: string;
  date: Date;
  lines: Array<{ account: string; debit: number; credit: number }>;
  memo?: string;
};

export type StatementLine = {
  _id: string; // bank's transaction id; duplicates are expected on re-import
  companyId: string;
  bookedAt: Date;
  amount: number;
  description: string;
};

let ledgerDb: Db | undefined;
async function ledger(): Promise<Db> {
  if (!ledgerDb) {
    await ledgerClient.connect();
    ledgerDb = ledgerClient.db();
  }
  return ledgerDb;
}

function entries(db: Db): Collection<JournalEntry> {
  return db.collection<JournalEntry>('journal_entries');
}

export async function postEntry(entry: JournalEntry): Promise<void> {
  const db = await ledger();
  await entries(db).insertOne(entry, { writeConcern: { w: 1, j: false } }); // expect: no-unacknowledged-write
}

export async function postEntries(batch: JournalEntry[]): Promise<void> {
  const db = await ledger();
  const session = ledgerClient.startSession();
  try {
    await session.withTransaction(
      async () => {
        await entries(db).insertMany(batch, { session });
      },
      { writeConcern: new WriteConcern('majority', undefined, true) }, // near-miss: no-unacknowledged-write (majority, journaled)
    );
  } finally {
    await session.endSession();
  }
}

/**
 * Bank statement import. A re-import of an overlapping CSV yields duplicate
 * `_id`s, which should simply be skipped.
 */
export async function importStatementLines(lines: StatementLine[]): Promise<void> {
  const db = await ledger();
  try {
    await db.collection<StatementLine>('statement_lines').insertMany(lines, { ordered: false }); // expect: no-unchecked-batch-result
  } catch (err) {
    log.info({ err }, 'statement import finished with duplicates skipped');
  }
}

export async function importStatementLinesChecked(lines: StatementLine[]): Promise<number> {
  const db = await ledger();
  try {
    const res = await db.collection<StatementLine>('statement_lines').insertMany(lines, { ordered: false }); // near-miss: no-unchecked-batch-result (writeErrors read, non-duplicates rethrown)
    return res.insertedCount;
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) throw err;
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    const real = errors.filter((e) => e.code !== 11000);
    if (real.length > 0) throw err;
    return err.insertedCount;
  }
}

export type CategoryRule = { companyId: string; match: string; account: string };

/**
 * "Apply rule to past transactions": re-categorises existing statement lines.
 */
export function applyCategoryRule(rule: CategoryRule, lineIds: string[]): Promise<void> {
  return ledger()
    .then((db) =>
      db.collection<StatementLine & { account?: string }>('statement_lines').bulkWrite( // expect: no-unchecked-batch-result
        lineIds.map((id) => ({ updateOne: { filter: { _id: id, companyId: rule.companyId }, update: { $set: { account: rule.account } } } })),
        { ordered: false },
      ),
    )
    .then(() => undefined)
    .catch((err) => {
      log.warn({ err, rule }, 'some lines could not be re-categorised');
    });
}

/** Same operation for the bulk "Merge accounts" action: failures reach the caller. */
export async function mergeAccounts(companyId: string, from: string, to: string, lineIds: string[]): Promise<number> {
  const db = await ledger();
  const res = await db.collection<StatementLine & { account?: string }>('statement_lines').bulkWrite( // near-miss: no-unchecked-batch-result (no try: a partial failure propagates with its writeErrors)
    lineIds.map((id) => ({ updateOne: { filter: { _id: id, companyId, account: from }, update: { $set: { account: to } } } })),
    { ordered: false },
  );
  return res.modifiedCount;
}

// ---------------------------------------------------------------------------
// Activity trail
// ---------------------------------------------------------------------------

export async function recordActivity(companyId: string, actor: string, action: string): Promise<void> {
  await activityClient
    .db()
    .collection('activity')
    .insertOne({ companyId, actor, action, at: new Date() });
}

export async function recordLogin(actor: string): Promise<void> {
  await activityClient
    .db()
    .collection('logins')
    .insertOne({ actor, at: new Date() }, { writeConcern: { w: 1 } }); // near-miss: no-unacknowledged-write (w: 1 waits for the primary)
}
