import axios from 'axios';
import { set } from 'idb-keyval';
import type { CellOp, Workbook } from '../model/types';
import { serializeWorkbook } from '../model/serialize';

let current: Workbook | null = null;
let selection: { sheet: string; range: string } | null = null;

export function trackWorkbook(workbook: Workbook | null): void {
  current = workbook;
}

export function trackSelection(next: { sheet: string; range: string } | null): void {
  selection = next;
}

async function persistSnapshot(workbook: Workbook): Promise<void> {
  await set(`snapshot:${workbook.id}`, serializeWorkbook(workbook));
  workbook.dirty = false;
}

function opsUrl(workbookId: string): string {
  return `/api/v1/workbooks/${encodeURIComponent(workbookId)}/ops`;
}

/** Offline mode: keep a local snapshot of the open workbook when the tab closes. */
export function installSnapshotOnClose(): void {
  window.addEventListener('beforeunload', () => {
    if (current?.dirty) {
      persistSnapshot(current); // expect: no-unfinished-write-at-exit
    }
  });
}

/** Online mode: warn about unsaved changes; the snapshot is written while the dialog is up. */
export function installUnsavedChangesPrompt(): void {
  window.addEventListener('beforeunload', (event) => {
    if (!current?.dirty) return;
    event.preventDefault();
    event.returnValue = '';
    void persistSnapshot(current); // near-miss: no-unfinished-write-at-exit (preventDefault: the user is asked to stay)
  });
}

/** Collaboration: push queued cell edits when the page goes away. */
export function installOpsFlushOnLeave(takePendingOps: () => CellOp[]): void {
  window.addEventListener('pagehide', () => {
    const ops = takePendingOps();
    if (!current || ops.length === 0) return;
    fetch(opsUrl(current.id), { // expect: no-unfinished-write-at-exit
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ops),
    });
  });
}

/** Same queue, as shipped in the mobile web build. */
export function installOpsFlushOnLeaveMobile(takePendingOps: () => CellOp[]): void {
  const flush = () => {
    const ops = takePendingOps();
    if (!current || ops.length === 0) return;
    const body = new Blob([JSON.stringify(ops)], { type: 'application/json' });
    if (!navigator.sendBeacon(opsUrl(current.id), body)) { // near-miss: no-unfinished-write-at-exit (sendBeacon survives the page)
      fetch(opsUrl(current.id), { method: 'POST', body, keepalive: true }); // near-miss: no-unfinished-write-at-exit (keepalive)
    }
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
}

/** Comment drafts typed into the side panel. */
export function installCommentDraftSave(getDraft: () => { id: string; body: string } | null): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    const draft = getDraft();
    if (!draft) return;
    axios.patch(`/api/v1/comment-drafts/${draft.id}`, { body: draft.body }); // expect: no-unfinished-write-at-exit
  });
}

/** Notes typed into the cell-notes popover. */
export function installCellNoteDraftSave(getDraft: () => { id: string; body: string } | null): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    const draft = getDraft();
    if (!draft) return;
    fetch(`/api/v1/note-drafts/${draft.id}`, { // near-miss: no-unfinished-write-at-exit (keepalive request)
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: draft.body }),
      keepalive: true,
    });
  });
}

/** Restores the last selection on reload; synchronous storage is fine on unload. */
export function installSelectionMemory(): void {
  window.onbeforeunload = () => {
    if (selection) localStorage.setItem('gridsheet:last-selection', JSON.stringify(selection)); // near-miss: no-unfinished-write-at-exit (synchronous localStorage)
  };
}
