import localforage from 'localforage';
import { openDB, deleteDB, type IDBPDatabase } from 'idb';

// Whiteboard mode: strokes are queued locally and pushed to the board service.

export type StrokeOp = { id: string; boardId: string; kind: 'add' | 'erase' | 'move'; payload: unknown; at: number };
export type BoardPage = { id: string; boardId: string; title: string; strokes: unknown[]; updatedAt: number };
type BoardIndex = { boards: Record<string, { title: string; updatedAt: number; starred: boolean }> };

const BOARDS_DB = 'gridsheet-boards';
const INDEX_KEY = 'board-index';

const outbox = localforage.createInstance({ name: BOARDS_DB, storeName: 'outbox' });
const meta = localforage.createInstance({ name: BOARDS_DB, storeName: 'meta' });

const pagesDb: Promise<IDBPDatabase> = openDB('gridsheet-board-pages', 1, {
  upgrade(db) {
    db.createObjectStore('pages', { keyPath: 'id' });
  },
});

async function pushOp(op: StrokeOp): Promise<void> {
  const res = await fetch(`/api/v1/boards/${op.boardId}/ops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op),
  });
  if (!res.ok) throw new Error(`push ${op.id}: HTTP ${res.status}`);
}

async function loadBoardPreview(boardId: string): Promise<Blob> {
  const res = await fetch(`/api/v1/boards/${boardId}/preview.png`);
  if (!res.ok) throw new Error(`preview ${boardId}: HTTP ${res.status}`);
  return res.blob();
}

export async function queueOp(op: StrokeOp): Promise<void> {
  await outbox.setItem(op.id, op);
}

async function pendingOps(): Promise<StrokeOp[]> {
  const ops: StrokeOp[] = [];
  await outbox.iterate<StrokeOp, void>((op) => {
    ops.push(op);
  });
  return ops.sort((a, b) => a.at - b.at);
}

/** Timer-driven flush (every 10 s while a board is open). */
export async function flushOutboxOnTimer(): Promise<number> {
  const ops = await pendingOps();
  if (ops.length === 0) return 0;
  const results = await Promise.allSettled(ops.map((op) => pushOp(op))); // expect: no-unchecked-batch-result
  console.info(`[boards] flushed ${results.length} ops`);
  await outbox.clear();
  return ops.length;
}

/** Flush used before leaving a board or switching workspace. */
export async function flushOutbox(): Promise<{ sent: number; failed: number }> {
  const ops = await pendingOps();
  const results = await Promise.allSettled(ops.map((op) => pushOp(op))); // near-miss: no-unchecked-batch-result (status read per op)
  let sent = 0;
  for (const [i, result] of results.entries()) {
    if (result.status === 'fulfilled') {
      await outbox.removeItem(ops[i].id);
      sent++;
    } else {
      console.warn('[boards] op stays queued', ops[i].id, result.reason);
    }
  }
  return { sent, failed: ops.length - sent };
}

export async function loadPreviews(boardIds: string[]): Promise<Map<string, Blob>> {
  const settled = await Promise.allSettled(boardIds.map((id) => loadBoardPreview(id))); // near-miss: no-unchecked-batch-result (reads, not writes)
  const previews = new Map<string, Blob>();
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') previews.set(boardIds[i], r.value);
  });
  return previews;
}

/** Settings → "Reset whiteboards on this device". */
export const resetBoards = async (): Promise<void> => {
  await deleteDB(BOARDS_DB); // expect: no-reset-without-sync
  await deleteDB('gridsheet-board-pages');
};

/** Workspace switcher: the next workspace must not see this one's boards. */
export const switchWorkspace = async (next: string, setWorkspace: (id: string) => void): Promise<void> => {
  const { failed } = await flushOutbox();
  if (failed > 0) throw new Error(`${failed} whiteboard edits are not uploaded yet`);
  await deleteDB(BOARDS_DB); // near-miss: no-reset-without-sync (outbox flushed, failures stop the switch)
  await deleteDB('gridsheet-board-pages');
  setWorkspace(next);
};

export async function loadBoardIndex(): Promise<BoardIndex> {
  let index: BoardIndex = { boards: {} };
  try {
    const raw = await meta.getItem<string>(INDEX_KEY);
    if (raw) index = JSON.parse(raw);
  } catch (err) { // expect: no-read-failure-as-empty
    console.warn('[boards] index unreadable', err);
  }
  return index;
}

export async function readBoardIndexStrict(): Promise<BoardIndex> {
  const raw = await meta.getItem<string>(INDEX_KEY);
  if (raw == null) return { boards: {} };
  try {
    return JSON.parse(raw) as BoardIndex;
  } catch (err) {
    await meta.setItem(`${INDEX_KEY}.corrupt-${Date.now()}`, raw);
    throw err; // near-miss: no-read-failure-as-empty (kept aside and rethrown)
  }
}

export async function starBoard(boardId: string, starred: boolean): Promise<void> {
  const index = await loadBoardIndex();
  const entry = index.boards[boardId];
  if (!entry) return;
  entry.starred = starred;
  await meta.setItem(INDEX_KEY, JSON.stringify(index));
}

/** Team sidebar opened. */
export async function pullTeamBoards(teamId: string): Promise<void> {
  const res = await fetch(`/api/v1/teams/${teamId}/boards`);
  const pages: BoardPage[] = await res.json();
  const db = await pagesDb;
  await db.clear('pages'); // expect: no-wipe-then-refill
  const tx = db.transaction('pages', 'readwrite');
  await Promise.all([...pages.map((p) => tx.store.put(p)), tx.done]);
}

/** Team sidebar, background refresh. */
export async function refreshTeamBoards(teamId: string): Promise<number> {
  const res = await fetch(`/api/v1/teams/${teamId}/boards`);
  if (!res.ok) throw new Error(`team boards: HTTP ${res.status}`);
  const pages: BoardPage[] = await res.json();
  const db = await pagesDb;
  const tx = db.transaction('pages', 'readwrite');
  tx.store.clear(); // near-miss: no-wipe-then-refill (status checked; clear and refill in one IndexedDB transaction)
  for (const page of pages) tx.store.put(page);
  await tx.done;
  return pages.length;
}
