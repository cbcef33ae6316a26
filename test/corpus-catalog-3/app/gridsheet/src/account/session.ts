import { syncEngine } from '../sync/engine';
import { authClient } from './authClient';
import { showDialog } from '../ui/dialog';

const LOCAL_DATABASES = ['gridsheet', 'gridsheet-shared', 'gridsheet-outbox'];

let expiredHandlerInstalled = false;
const openWorkbookIds = new Set<string>();

export function noteWorkbookOpened(id: string): void {
  openWorkbookIds.add(id);
}

function dropDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => console.warn(`[gridsheet] deleting ${name} is waiting for other tabs to close`);
  });
}

/**
 * Called by the HTTP interceptor when the server answers 401 on a refresh:
 * the session expired, so leave no data behind on a possibly shared computer.
 */
export async function logout(reason: 'expired' | 'revoked'): Promise<void> {
  localStorage.clear(); // expect: no-reset-without-sync
  for (const name of LOCAL_DATABASES) {
    const request = indexedDB.deleteDatabase(name);
    request.onblocked = () => console.warn(`[gridsheet] ${name} still open in another tab`);
  }
  await authClient.forgetToken();
  location.assign(`/signin?reason=${reason}`);
}

/** The "Sign out" item in the account menu. */
export async function signOut(): Promise<void> {
  openWorkbookIds.clear(); // near-miss: no-reset-without-sync (in-memory Set)
  await syncEngine.flush();
  if (syncEngine.pendingCount() > 0) {
    const discard = await showDialog({
      title: 'Some edits are not saved to the cloud',
      body: 'Signing out now removes them from this browser.',
      confirm: 'Sign out anyway',
      cancel: 'Stay signed in',
    });
    if (!discard) return;
  }
  localStorage.clear(); // near-miss: no-reset-without-sync (flushed, pending count checked)
  await Promise.all(LOCAL_DATABASES.map(dropDatabase));
  await authClient.forgetToken();
  location.assign('/signin');
}

export function installSessionExpiryHandler(): void {
  if (expiredHandlerInstalled) return;
  expiredHandlerInstalled = true;
  authClient.onSessionEnded((reason) => {
    void logout(reason);
  });
}
