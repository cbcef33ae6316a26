import PouchDB from 'pouchdb-browser';
import { Preferences } from '@capacitor/preferences';
import { Filesystem, Directory } from '@capacitor/filesystem';
import { remoteDbFor } from '../sync/remote';

/**
 * Fieldnotes runs as a Capacitor app on shared field tablets: volunteers sign
 * in for a survey day, record observations offline, and sign out at the end.
 */
const outbox = new PouchDB('fieldnotes-outbox');
const drafts = new PouchDB('fieldnotes-drafts');
const mapTileCache = new Map<string, Blob>();

async function pushOutbox(projectId: string): Promise<void> {
  const result = await outbox.replicate.to(remoteDbFor(projectId), { retry: false });
  if (!result.ok || result.doc_write_failures > 0) {
    throw new Error(`${result.doc_write_failures} observations could not be sent`);
  }
}

async function hasUnsyncedChanges(projectId: string): Promise<boolean> {
  const info = await outbox.info();
  const draftInfo = await drafts.info();
  return info.doc_count > 0 || draftInfo.doc_count > 0 || (await Preferences.get({ key: `pending:${projectId}` })).value !== null;
}

/**
 * Coordinator menu → "Reset tablet for next volunteer".
 */
export async function resetTablet(): Promise<void> {
  mapTileCache.clear();
  await outbox.destroy(); // expect: no-reset-without-sync
  await drafts.destroy();
  await Filesystem.rmdir({ path: 'photos', directory: Directory.Data, recursive: true });
  await Preferences.clear();
}

/**
 * Volunteer menu → "End survey day": sends everything first; a failure to
 * send, or an unfinished draft, stops the wipe and the tablet keeps the data.
 */
export async function resetAfterSurveyDay(projectId: string): Promise<void> {
  await pushOutbox(projectId);
  const { doc_count: openDrafts } = await drafts.info();
  if (openDrafts > 0) {
    throw new Error(`${openDrafts} observations are still drafts; finish or discard them first`);
  }
  mapTileCache.clear();
  await outbox.destroy(); // near-miss: no-reset-without-sync (outbox pushed and checked first)
  await drafts.destroy();
  await Filesystem.rmdir({ path: 'photos', directory: Directory.Data, recursive: true });
  await Preferences.remove({ key: 'volunteer' });
}

/**
 * Volunteer menu → "Sign out" (keeps the tablet's project, forgets the person).
 */
export async function signOutVolunteer(): Promise<void> {
  await drafts.destroy(); // expect: no-reset-without-sync
  await Preferences.remove({ key: 'volunteer' });
  await Preferences.remove({ key: 'volunteerToken' });
}

/**
 * Project switcher: asks before throwing away anything unsent.
 */
export async function switchAccount(projectId: string, confirmDiscard: () => Promise<boolean>): Promise<void> {
  if ((await hasUnsyncedChanges(projectId)) && !(await confirmDiscard())) {
    return;
  }
  await drafts.destroy(); // near-miss: no-reset-without-sync (unsynced changes checked and confirmed first)
  await outbox.destroy();
  await Preferences.set({ key: 'project', value: projectId });
}

/** Drops cached map tiles (memory only) when the tablet runs low. */
export function resetTileCache(): void {
  mapTileCache.clear(); // near-miss: no-reset-without-sync (in-memory cache)
}
