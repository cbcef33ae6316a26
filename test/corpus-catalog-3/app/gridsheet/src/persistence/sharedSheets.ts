import Dexie, { type Table } from 'dexie';
import ky from 'ky';

export interface SharedSheet {
  id: string;
  ownerId: string;
  title: string;
  cells: Record<string, string>;
  localEdits: number;
  updatedAt: string;
}

export interface SheetComment {
  id: string;
  sheetId: string;
  cellRef: string;
  author: string;
  body: string;
  createdAt: string;
  pending?: 0 | 1;
}

class SharedDb extends Dexie {
  sheets!: Table<SharedSheet, string>;
  comments!: Table<SheetComment, string>;

  constructor() {
    super('gridsheet-shared');
    this.version(3).stores({
      sheets: 'id, ownerId, updatedAt',
      comments: 'id, sheetId, createdAt, pending',
    });
  }
}

export const sharedDb = new SharedDb();
const api = ky.create({ prefixUrl: '/api/v1', timeout: 20_000, credentials: 'include' });

function isSharedSheet(value: unknown): value is SharedSheet {
  return !!value && typeof value === 'object' && typeof (value as SharedSheet).id === 'string' && typeof (value as SharedSheet).cells === 'object';
}

/** "Shared with me" sidebar: reload button. */
export async function reloadSharedWithMe(): Promise<void> {
  await sharedDb.sheets.clear(); // expect: no-wipe-then-refill
  const sheets = await api.get('shared-with-me').json<SharedSheet[]>();
  await sharedDb.sheets.bulkPut(sheets.map((s) => ({ ...s, localEdits: 0 })));
}

/** "Shared with me" sidebar: periodic refresh every five minutes. */
export async function refreshSharedWithMe(): Promise<number> {
  const sheets = await api.get('shared-with-me').json<unknown[]>();
  if (!Array.isArray(sheets) || !sheets.every(isSharedSheet)) {
    throw new Error('shared-with-me: unexpected response');
  }
  await sharedDb.transaction('rw', sharedDb.sheets, async () => {
    const edited = await sharedDb.sheets.filter((s) => s.localEdits > 0).toArray();
    await sharedDb.sheets.clear(); // near-miss: no-wipe-then-refill (validated, inside a Dexie transaction, local edits kept)
    await sharedDb.sheets.bulkPut(sheets.map((s) => ({ ...s, localEdits: 0 })));
    await sharedDb.sheets.bulkPut(edited);
  });
  return sheets.length;
}

/** Comment panel opened on a sheet. */
export async function loadCommentsForSheet(sheetId: string): Promise<SheetComment[]> {
  const res = await fetch(`/api/v1/sheets/${encodeURIComponent(sheetId)}/comments`, { credentials: 'include' });
  const comments: SheetComment[] = await res.json();
  await sharedDb.comments.clear(); // expect: no-wipe-then-refill
  await sharedDb.comments.bulkAdd(comments);
  return comments;
}

export class CommentThread {
  constructor(private readonly sheetId: string) {}

  refresh(): Promise<number> {
    return fetch(`/api/v1/sheets/${encodeURIComponent(this.sheetId)}/comments`, { credentials: 'include' })
      .then((res) => {
        if (!res.ok) throw new Error(`comments: HTTP ${res.status}`);
        return res.json() as Promise<SheetComment[]>;
      })
      .then((comments) =>
        sharedDb.transaction('rw', sharedDb.comments, async () => {
          const unsent = await sharedDb.comments.where('pending').equals(1).toArray();
          await sharedDb.comments.clear(); // near-miss: no-wipe-then-refill (status checked, Dexie transaction, unsent comments re-added)
          await sharedDb.comments.bulkAdd([...comments, ...unsent]);
          return comments.length;
        }),
      );
  }

  async add(cellRef: string, author: string, body: string): Promise<SheetComment> {
    const comment: SheetComment = {
      id: crypto.randomUUID(),
      sheetId: this.sheetId,
      cellRef,
      author,
      body,
      createdAt: new Date().toISOString(),
      pending: 1,
    };
    await sharedDb.comments.add(comment);
    return comment;
  }
}
