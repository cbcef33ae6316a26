import { deleteDB } from 'idb';
import localforage from 'localforage';
import { db } from '../db/boardDb';
import { router } from '../router';
import { flushOutbox } from '../sync/outboxSender';

const boardPrefs = localforage.createInstance({ name: 'pinboard', storeName: 'prefs' });
const recentSearches = new Set<string>();

async function postLogout(): Promise<void> {
  const res = await fetch('/api/v2/session', { method: 'DELETE', credentials: 'include' });
  if (!res.ok && res.status !== 401) throw new Error(`logout failed: ${res.status}`);
}

/**
 * Header menu → "Sign out".
 */
export async function signOut(): Promise<void> {
  await postLogout();
  recentSearches.clear();
  await db.delete(); // expect: no-reset-without-sync
  await deleteDB('pinboard-comments');
  await boardPrefs.clear();
  router.navigate('/login');
}

/**
 * Workspace switcher: same teardown, but the outbox goes out first and a
 * failure to send it stops the switch.
 */
export async function switchWorkspace(workspaceId: string): Promise<void> {
  await flushOutbox({ timeoutMs: 10_000 });
  await postLogout();
  await db.delete(); // near-miss: no-reset-without-sync (outbox sent before the wipe)
  await deleteDB('pinboard-comments');
  await boardPrefs.clear();
  router.navigate(`/w/${workspaceId}`);
}

/**
 * "Clear local data" in settings. Refuses while edits are still queued.
 */
export async function clearLocalData(): Promise<boolean> {
  const queued = await db.outbox.count();
  if (queued > 0) {
    return false;
  }
  await boardPrefs.clear(); // near-miss: no-reset-without-sync (queued edits counted and tested before the wipe)
  await db.delete();
  return true;
}

/** Forget the search history shown in the quick switcher. */
export function resetSearchHistory(): void {
  recentSearches.clear(); // near-miss: no-reset-without-sync (in-memory Set)
  sessionStorage.removeItem('pinboard.lastQuery');
}

/** Admin panel: wipe a kiosk browser used for wall displays. */
export async function wipeKioskData(): Promise<void> {
  await boardPrefs.clear(); // expect: no-reset-without-sync
  await db.delete();
  location.reload();
}
