import type { Board, CardTemplate, FilterState } from '../types';

/**
 * Guest mode: before signing up, a visitor's boards live only in localStorage.
 */
const GUEST_BOARDS_KEY = 'pinboard.guest.boards';
const TEMPLATES_KEY = 'pinboard.cardTemplates';
const COLLAPSED_KEY = 'pinboard.collapsedColumns';
const FILTERS_KEY = 'pinboard.filters';

type GuestState = { boards: Board[]; activeBoardId: string | null };

let guestState: GuestState = { boards: [], activeBoardId: null };

export function hydrateGuestState(): GuestState {
  try {
    const stored = localStorage.getItem(GUEST_BOARDS_KEY);
    if (stored) {
      guestState = JSON.parse(stored) as GuestState;
    }
  } catch { // expect: no-read-failure-as-empty
    // ignore: corrupted entry, start with a blank workspace
  }
  return guestState;
}

export function persistGuestState(next: GuestState): void {
  guestState = next;
  const value = JSON.stringify(next);
  try {
    localStorage.setItem(GUEST_BOARDS_KEY, value);
  } catch (err) {
    if ((err as DOMException).name !== 'QuotaExceededError') throw err;
    // 5 MB is plenty for a guest; whatever else is in there can go
    localStorage.clear(); // expect: no-destroy-on-error
    localStorage.setItem(GUEST_BOARDS_KEY, value);
  }
}

export function addGuestBoard(board: Board): void {
  persistGuestState({ ...guestState, boards: [...guestState.boards, board], activeBoardId: board.id });
}

// ---------------------------------------------------------------------------

export function loadCardTemplates(): CardTemplate[] {
  const raw = localStorage.getItem(TEMPLATES_KEY);
  if (raw === null) return [];
  try {
    const parsed = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new TypeError('templates is not an array');
    return parsed as CardTemplate[];
  } catch (error) {
    console.warn('card templates unreadable, moved aside', error);
    localStorage.setItem(`${TEMPLATES_KEY}.broken-${new Date().toISOString()}`, raw);
    return []; // near-miss: no-read-failure-as-empty (damaged value kept under a backup key)
  }
}

export class StorageQuotaError extends Error {}

export function saveCardTemplates(templates: CardTemplate[]): void {
  try {
    localStorage.setItem(TEMPLATES_KEY, JSON.stringify(templates));
  } catch (err) {
    if ((err as DOMException).name === 'QuotaExceededError') {
      // surfaced as "Browser storage is full" with a link to export boards
      throw new StorageQuotaError('card templates could not be saved'); // near-miss: no-destroy-on-error (reports the quota error, deletes nothing)
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------
// UI state: which columns are folded. Losing it costs one click per column.

export function loadCollapsedColumns(): string[] {
  try {
    return JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]');
  } catch {
    return []; // near-miss: no-read-failure-as-empty (UI-state key)
  }
}

export function saveCollapsedColumns(ids: string[]): void {
  localStorage.setItem(COLLAPSED_KEY, JSON.stringify(ids));
}

// Per-tab filters: sessionStorage dies with the tab by design.

export function loadFilters(): FilterState {
  try {
    return JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? '{}');
  } catch {
    return {}; // near-miss: no-read-failure-as-empty (sessionStorage)
  }
}

export function saveFilters(filters: FilterState): void {
  sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
}

// Generic accessor used by feature flags and small widgets.

export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback; // near-miss: no-read-failure-as-empty (generic accessor returns the caller's fallback)
  }
}

export function writeJson(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}
