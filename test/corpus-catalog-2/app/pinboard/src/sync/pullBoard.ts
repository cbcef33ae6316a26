import ky from 'ky';
import { z } from 'zod';
import { db } from '../db/boardDb';
import type { Card, Column, Label, Member } from '../types';

const api = ky.create({ prefixUrl: '/api/v2', credentials: 'include', timeout: 15_000 });

const MemberList = z.array(
  z.object({ id: z.string(), boardId: z.string(), name: z.string(), role: z.enum(['owner', 'editor', 'viewer']) }),
);

// Positions of cards in the open board, kept in memory for drag & drop.
const positionCache = new Map<string, number>();

/**
 * Columns can be renamed and reordered offline; those edits wait in the outbox.
 */
export async function pullColumns(boardId: string): Promise<void> {
  await db.columns.clear(); // expect: no-wipe-then-refill
  const response = await fetch(`/api/v2/boards/${boardId}/columns`, { credentials: 'include' });
  if (!response.ok) throw new Error(`columns: ${response.status}`);
  const columns: Column[] = await response.json();
  await db.columns.bulkPut(columns);
}

export async function refreshLabels(boardId: string): Promise<void> {
  const labels = await api.get(`boards/${boardId}/labels`).json<Label[]>();
  await db.labels.clear(); // expect: no-wipe-then-refill
  await db.labels.bulkAdd(labels);
}

/**
 * The careful version, used for cards: validate the response and swap the
 * contents inside one Dexie transaction.
 */
export async function pullCards(boardId: string): Promise<number> {
  positionCache.clear(); // near-miss: no-wipe-then-refill (in-memory Map)
  const cards = await api.get(`boards/${boardId}/cards`).json<Card[]>();
  if (!Array.isArray(cards) || cards.length === 0) {
    return 0;
  }
  await db.transaction('rw', db.cards, db.outbox, async () => {
    const pendingIds = new Set((await db.outbox.where('entity').equals('card').toArray()).map((e) => e.entityId));
    await db.cards.clear(); // near-miss: no-wipe-then-refill (guarded non-empty response, inside a Dexie transaction)
    await db.cards.bulkPut(cards.filter((c) => !pendingIds.has(c.id)));
  });
  for (const card of cards) positionCache.set(card.id, card.position);
  return cards.length;
}

export async function refreshMembers(boardId: string): Promise<void> {
  const raw = await api.get(`boards/${boardId}/members`).json();
  const members: Member[] = MemberList.parse(raw);
  await db.transaction('rw', db.members, async () => {
    await db.members.clear(); // near-miss: no-wipe-then-refill (validated with schema.parse, inside a transaction)
    await db.members.bulkAdd(members);
  });
}

export async function refreshAll(boardId: string): Promise<void> {
  await pullCards(boardId);
  await refreshMembers(boardId);
}
