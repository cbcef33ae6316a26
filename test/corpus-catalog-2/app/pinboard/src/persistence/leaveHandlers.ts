import { openDB, type IDBPDatabase } from 'idb';
import type { BoardSnapshot, CardDraft } from '../types';

type SnapshotDb = IDBPDatabase<{
  snapshots: { key: string; value: BoardSnapshot };
  drafts: { key: string; value: CardDraft };
}>;

let snapshotDbPromise: Promise<SnapshotDb> | null = null;

function snapshotDb(): Promise<SnapshotDb> {
  snapshotDbPromise ??= openDB('pinboard-snapshots', 2, {
    upgrade(database) {
      if (!database.objectStoreNames.contains('snapshots')) database.createObjectStore('snapshots');
      if (!database.objectStoreNames.contains('drafts')) database.createObjectStore('drafts');
    },
  }) as Promise<SnapshotDb>;
  return snapshotDbPromise;
}

async function saveBoardSnapshot(snapshot: BoardSnapshot): Promise<void> {
  const database = await snapshotDb();
  await database.put('snapshots', snapshot, snapshot.boardId);
}

async function saveCardDraft(draft: CardDraft): Promise<void> {
  const database = await snapshotDb();
  await database.put('drafts', draft, draft.cardId);
}

export interface LeaveHooks {
  currentSnapshot(): BoardSnapshot | null;
  openDraft(): CardDraft | null;
  hasUnsavedChanges(): boolean;
}

/**
 * First version, still used by the embedded (iframe) board widget.
 */
export function installWidgetLeaveHandlers(hooks: LeaveHooks): void {
  window.addEventListener('beforeunload', () => {
    const snapshot = hooks.currentSnapshot();
    if (snapshot) {
      void saveBoardSnapshot(snapshot); // expect: no-unfinished-write-at-exit
    }
  });

  window.addEventListener('pagehide', () => {
    const draft = hooks.openDraft();
    if (!draft) return;
    fetch(`/api/v2/cards/${draft.cardId}/draft`, { // expect: no-unfinished-write-at-exit
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    });
  });
}

/**
 * The main app: same three moments, with requests that outlive the page.
 */
export function installLeaveHandlers(hooks: LeaveHooks): void {
  window.addEventListener('beforeunload', (event) => {
    if (!hooks.hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = '';
    const snapshot = hooks.currentSnapshot();
    if (snapshot) void saveBoardSnapshot(snapshot); // near-miss: no-unfinished-write-at-exit (beforeunload handler calls preventDefault first)
  });

  window.addEventListener('pagehide', () => {
    const draft = hooks.openDraft();
    if (!draft) return;
    const body = new Blob([JSON.stringify(draft)], { type: 'application/json' });
    navigator.sendBeacon(`/api/v2/cards/${draft.cardId}/draft`, body); // near-miss: no-unfinished-write-at-exit (sendBeacon survives the page)
    localStorage.setItem('pinboard.lastDraft', JSON.stringify(draft)); // near-miss: no-unfinished-write-at-exit (synchronous localStorage)
  });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    const draft = hooks.openDraft();
    if (!draft) return;
    void saveCardDraft(draft); // near-miss: no-unfinished-write-at-exit (local IndexedDB write while the page is only hidden)
    fetch(`/api/v2/cards/${draft.cardId}/draft`, { // near-miss: no-unfinished-write-at-exit (keepalive request)
      method: 'PUT',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    }).catch(() => undefined);
  });
}
