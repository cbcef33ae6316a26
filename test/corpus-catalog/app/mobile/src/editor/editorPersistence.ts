import { set } from 'idb-keyval';
import type { EditorState, OutlineNode } from './types';

const DRAFTS_KEY = 'editor.drafts.v3';
const SEARCHES_KEY = 'editor.recentSearches';
const WIZARD_KEY = 'onboarding.wizard';

export interface Draft {
  id: string;
  docId: string;
  text: string;
  savedAt: number;
}

// ---------------------------------------------------------------------------
// Drafts and recent searches (localStorage)
// ---------------------------------------------------------------------------

export function loadDrafts(): Draft[] {
  try {
    const raw = localStorage.getItem(DRAFTS_KEY);
    return raw ? (JSON.parse(raw) as Draft[]) : [];
  } catch (err) {
    console.warn('[editor] drafts unreadable, starting fresh', err);
    return []; // expect: no-read-failure-as-empty
  }
}

export function saveDraft(draft: Draft): void {
  const drafts = loadDrafts().filter((d) => d.id !== draft.id);
  drafts.push(draft);
  try {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  } catch (err) {
    // QuotaExceededError (Safari private mode, or a full origin): free the space and try again.
    localStorage.clear(); // expect: no-destroy-on-error
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  }
}

export function loadRecentSearches(): string[] {
  const raw = localStorage.getItem(SEARCHES_KEY);
  if (raw === null) return [];
  try {
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    localStorage.setItem(`${SEARCHES_KEY}.corrupt`, raw);
    return []; // near-miss: no-read-failure-as-empty (the damaged value is kept under a backup key first)
  }
}

export function rememberSearch(query: string): boolean {
  const next = [query, ...loadRecentSearches().filter((q) => q !== query)].slice(0, 20);
  try {
    localStorage.setItem(SEARCHES_KEY, JSON.stringify(next));
    return true;
  } catch { // near-miss: no-destroy-on-error (over quota: keeps what is stored and tells the caller)
    return false;
  }
}

// The onboarding wizard lives for one tab only.
export function loadWizard(): Record<string, unknown> {
  try {
    return JSON.parse(sessionStorage.getItem(WIZARD_KEY) ?? '{}');
  } catch {
    return {}; // near-miss: no-read-failure-as-empty (sessionStorage dies with the tab by design)
  }
}

export function saveWizard(state: Record<string, unknown>): void {
  sessionStorage.setItem(WIZARD_KEY, JSON.stringify(state));
}

// ---------------------------------------------------------------------------
// Leaving the page
// ---------------------------------------------------------------------------

export function installLeaveHandlers(getState: () => EditorState, isDirty: () => boolean): () => void {
  const onPageHide = () => {
    const state = getState();
    fetch(`/api/documents/${state.docId}/draft`, { // expect: no-unfinished-write-at-exit
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: state.text, rev: state.rev }),
    });
    navigator.sendBeacon('/api/telemetry/leave', JSON.stringify({ docId: state.docId, dwellMs: state.dwellMs })); // near-miss: no-unfinished-write-at-exit (sendBeacon survives the page)
  };

  const onVisibilityChange = () => {
    if (document.visibilityState !== 'hidden') return;
    const state = getState();
    fetch('/api/presence', { method: 'POST', body: JSON.stringify({ docId: state.docId, away: true }), keepalive: true }); // near-miss: no-unfinished-write-at-exit (keepalive)
    void set(`editor-state:${state.docId}`, state); // near-miss: no-unfinished-write-at-exit (local IndexedDB write completes while the page is only hidden)
    fetch(`/api/documents/${state.docId}/cursor`, { method: 'PATCH', body: JSON.stringify(state.cursor) }); // expect: no-unfinished-write-at-exit
  };

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!isDirty()) return;
    // Ask the user to stay; the autosave below finishes while the dialog is open.
    event.preventDefault();
    event.returnValue = '';
    void set(`editor-state:${getState().docId}`, getState()); // near-miss: no-unfinished-write-at-exit (beforeunload with preventDefault)
  };

  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('beforeunload', onBeforeUnload);

  return () => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibilityChange);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

export function persistOutlineOnUnload(docId: string, getOutline: () => OutlineNode[]): void {
  window.addEventListener('beforeunload', async () => {
    await set(`outline:${docId}`, getOutline()); // expect: no-unfinished-write-at-exit
  });

  window.addEventListener('unload', () => {
    localStorage.setItem(`scroll:${docId}`, String(window.scrollY)); // near-miss: no-unfinished-write-at-exit (synchronous localStorage)
  });
}
