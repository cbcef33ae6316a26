import PouchDB from 'pouchdb';
import { PrismaClient } from '@prisma/client';
import axios from 'axios';
import { z } from 'zod';

type TakingDoc = PouchDB.Core.PutDocument<{ type: 'taking'; till: string; amountCents: number; method: string; at: number }>;

const branchOutbox = new PouchDB<TakingDoc>('branch-outbox');
const hqLedger = new PouchDB<TakingDoc>(`${process.env.HQ_COUCH_URL ?? 'http://hq.internal:5984'}/ledger`, {
  auth: { username: process.env.HQ_COUCH_USER ?? '', password: process.env.HQ_COUCH_PASSWORD ?? '' },
});
const prisma = new PrismaClient();

const FeeRuleSchema = z.object({ method: z.enum(['cash', 'card']), minCents: z.number().int(), feeBasisPoints: z.number().int() });

function withoutRev(doc: PouchDB.Core.ExistingDocument<TakingDoc>): TakingDoc {
  const { _rev, ...rest } = doc;
  return rest as TakingDoc;
}

export async function queueTaking(doc: TakingDoc): Promise<void> {
  await branchOutbox.put(doc);
}

/** Shipped with the 2023 till image; still runs on branches that missed the upgrade. */
export async function shipOutboxLegacy(): Promise<number> {
  const { rows } = await branchOutbox.allDocs({ include_docs: true });
  if (rows.length === 0) return 0;
  await hqLedger.bulkDocs(rows.map((r) => withoutRev(r.doc!))); // expect: no-unchecked-batch-result
  await Promise.all(rows.map((r) => branchOutbox.remove(r.id, r.value.rev)));
  return rows.length;
}

export async function shipOutbox(): Promise<{ shipped: number; rejected: Array<{ id: string; reason: string }> }> {
  const { rows } = await branchOutbox.allDocs({ include_docs: true });
  if (rows.length === 0) return { shipped: 0, rejected: [] };
  const results = await hqLedger.bulkDocs(rows.map((r) => withoutRev(r.doc!))); // near-miss: no-unchecked-batch-result (per-document errors read)
  const rejected: Array<{ id: string; reason: string }> = [];
  for (const [i, result] of results.entries()) {
    if ('error' in result && result.error) {
      rejected.push({ id: rows[i].id, reason: result.name ?? 'unknown' });
      continue;
    }
    await branchOutbox.remove(rows[i].id, rows[i].value.rev);
  }
  return { shipped: rows.length - rejected.length, rejected };
}

/** Used by the admin console, which shows per-document results itself. */
export function pushDocsToHq(docs: TakingDoc[]): Promise<Array<PouchDB.Core.Response | PouchDB.Core.Error>> {
  return hqLedger.bulkDocs(docs); // near-miss: no-unchecked-batch-result (result returned to the caller)
}

/** HQ publishes card fee rules; branches mirror them for the end-of-day report. */
export async function refreshFeeRules(): Promise<number> {
  const { data } = await axios.get(`${process.env.HQ_API ?? 'http://hq.internal'}/fee-rules`, { timeout: 10_000 });
  const rules = z.array(FeeRuleSchema).parse(data);
  if (rules.length === 0) throw new Error('HQ returned no fee rules; keeping the current ones');
  await prisma.$transaction([
    prisma.feeRule.deleteMany(), // near-miss: no-wipe-then-refill (validated; delete and refill in one $transaction)
    prisma.feeRule.createMany({ data: rules }),
  ]);
  return rules.length;
}
