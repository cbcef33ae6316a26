import Dexie, { type Table } from 'dexie';
import { showBanner } from '../ui/banner';
import type { Board, Card, Column, Label, Member, OutboxEntry } from '../types';

export class PinboardDb extends Dexie {
  boards!: Table<Board, string>;
  columns!: Table<Column, string>;
  cards!: Table<Card, string>;
  labels!: Table<Label, string>;
  members!: Table<Member, string>;
  outbox!: Table<OutboxEntry, number>;

  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(4).stores({
      boards: 'id, updatedAt',
      columns: 'id, boardId, position',
      cards: 'id, boardId, columnId, position, updatedAt',
      labels: 'id, boardId',
      members: 'id, boardId',
      outbox: '++seq, entity, entityId',
    });
    this.version(5)
      .stores({ cards: 'id, boardId, columnId, position, updatedAt, dueAt' })
      .upgrade((tx) =>
        tx
          .table('cards')
          .toCollection()
          .modify((card) => {
            card.dueAt = card.due ? Date.parse(card.due) : null;
            delete card.due;
          }),
      );
  }
}

// Boards, columns and cards the user edits offline; the outbox holds unsent edits.
export const db = new PinboardDb('pinboard', {
  chromeTransactionDurability: 'relaxed', // expect: no-unacknowledged-write
});

// Read-only mirror of archived boards, opened from the archive view.
export const archiveDb = new PinboardDb('pinboard-archive', {
  chromeTransactionDurability: 'strict', // near-miss: no-unacknowledged-write (strict durability)
});

export async function openBoardDb(): Promise<PinboardDb> {
  try {
    await db.open();
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'VersionError' || name === 'UpgradeError') {
      // schema got out of step after a deploy; start over with a clean database
      await Dexie.delete('pinboard'); // expect: no-destroy-on-error
      await db.open();
    } else {
      throw err;
    }
  }
  return db;
}

export function openArchiveDb(): Promise<PinboardDb> {
  return archiveDb.open().catch((err: Error) => {
    if (err.name === 'VersionError' || err.name === 'UpgradeError') {
      showBanner({
        kind: 'error',
        text: 'Pinboard was updated in another tab. Reload this tab to keep working; nothing was deleted.',
      });
    }
    throw err; // near-miss: no-destroy-on-error (reports and rethrows, deletes nothing)
  });
}

export async function addCardWithRetry(card: Card): Promise<void> {
  try {
    await db.cards.put(card);
  } catch (err) {
    if ((err as Error).name !== 'QuotaExceededError') throw err;
    // Make room by dropping the server-side search snippets we cache on cards.
    await db.cards.toCollection().modify((c) => { // near-miss: no-destroy-on-error (drops only a cached server-side snippet field)
      delete c.searchSnippet;
    });
    await db.cards.put(card);
  }
}

export async function recordOutbox(entry: Omit<OutboxEntry, 'seq'>): Promise<void> {
  await db.outbox.add(entry as OutboxEntry);
}
