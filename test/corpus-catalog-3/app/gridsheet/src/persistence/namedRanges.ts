import type { Macro, NamedRange, SidebarLayout } from '../model/types';

const RANGES_KEY = 'gridsheet:named-ranges';
const MACROS_KEY = 'gridsheet:macros';
const LAYOUT_KEY = 'gridsheet:sidebarLayout';
const SCROLL_KEY = 'gridsheet:scroll-positions';

const DEFAULT_LAYOUT: SidebarLayout = { open: true, width: 280, panel: 'outline' };

export class MacrosUnreadableError extends Error {}

export type SaveResult = { ok: true } | { ok: false; reason: 'quota' | 'unavailable' };

export function loadNamedRanges(): Record<string, NamedRange> {
  try {
    return JSON.parse(localStorage.getItem(RANGES_KEY) || '{}');
  } catch {
    return {}; // expect: no-read-failure-as-empty
  }
}

export function saveNamedRanges(ranges: Record<string, NamedRange>): SaveResult {
  try {
    localStorage.setItem(RANGES_KEY, JSON.stringify(ranges));
    return { ok: true };
  } catch (err) {
    const quota = err instanceof DOMException && err.name === 'QuotaExceededError';
    return { ok: false, reason: quota ? 'quota' : 'unavailable' }; // near-miss: no-destroy-on-error (the toolbar shows the failure, nothing is freed)
  }
}

export function defineRange(name: string, range: NamedRange): SaveResult {
  const ranges = loadNamedRanges();
  ranges[name] = range;
  return saveNamedRanges(ranges);
}

export function loadMacros(): Macro[] {
  const raw = localStorage.getItem(MACROS_KEY);
  if (raw === null) return [];
  try {
    return JSON.parse(raw) as Macro[];
  } catch (err) {
    // keep the unreadable value where saveMacro cannot overwrite it
    localStorage.setItem(`${MACROS_KEY}:unreadable:${Date.now()}`, raw);
    throw new MacrosUnreadableError(`macros could not be read: ${(err as Error).message}`);
  }
}

export function saveMacro(macro: Macro): void {
  const macros = loadMacros().filter((m) => m.id !== macro.id);
  macros.push(macro);
  const payload = JSON.stringify(macros);
  try {
    localStorage.setItem(MACROS_KEY, payload);
  } catch (err) {
    // Safari private mode / 5 MB quota: drop our other keys and retry once
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('gridsheet:') && key !== MACROS_KEY) localStorage.removeItem(key); // expect: no-destroy-on-error
    }
    localStorage.setItem(MACROS_KEY, payload);
  }
}

export function loadSidebarLayout(): SidebarLayout {
  try {
    return { ...DEFAULT_LAYOUT, ...JSON.parse(localStorage.getItem(LAYOUT_KEY) ?? '{}') };
  } catch {
    return DEFAULT_LAYOUT; // near-miss: no-read-failure-as-empty (UI layout key)
  }
}

export function saveSidebarLayout(layout: SidebarLayout): void {
  try {
    localStorage.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    /* layout is cosmetic */
  }
}

export function loadScrollPositions(): Record<string, number> {
  try {
    return JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? '{}');
  } catch {
    return {}; // near-miss: no-read-failure-as-empty (sessionStorage)
  }
}

export function saveScrollPosition(sheet: string, top: number): void {
  const positions = loadScrollPositions();
  positions[sheet] = top;
  sessionStorage.setItem(SCROLL_KEY, JSON.stringify(positions));
}
