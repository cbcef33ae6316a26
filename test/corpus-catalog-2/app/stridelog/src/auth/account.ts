import { MMKV } from 'react-native-mmkv';
import { Database } from '@nozbe/watermelondb';
import { synchronize } from '@nozbe/watermelondb/sync';
import * as SecureStore from 'expo-secure-store';
import { pullChanges, pushChanges } from '../sync/watermelonAdapter';
import { queryClient } from '../api/queryClient';
import { analytics } from '../telemetry';

export const userStorage = new MMKV({ id: 'stridelog-user' });

let database: Database;
export function attachDatabase(db: Database): void {
  database = db;
}

async function syncNow(): Promise<void> {
  await synchronize({
    database,
    pullChanges,
    pushChanges,
    migrationsEnabledAtVersion: 3,
  });
}

function countUnsyncedChanges(): Promise<number> {
  return database
    .get('workouts')
    .query()
    .fetch()
    .then((rows) => rows.filter((r) => r._raw._status !== 'synced').length);
}

/**
 * Signs out from the profile screen. Workouts recorded without signal are only
 * in WatermelonDB until the next successful `synchronize`.
 */
export async function logout(): Promise<void> {
  analytics.track('logout');
  queryClient.clear();
  userStorage.clearAll(); // expect: no-reset-without-sync
  await database.write(async () => {
    await database.unsafeResetDatabase();
  });
  await SecureStore.deleteItemAsync('refreshToken');
}

/**
 * Same job from the account switcher: push what is local first.
 */
export async function switchAccount(nextUserId: string): Promise<void> {
  analytics.track('switch_account');
  await syncNow();
  queryClient.clear();
  userStorage.clearAll(); // near-miss: no-reset-without-sync (a sync runs before the wipe)
  await database.write(async () => {
    await database.unsafeResetDatabase();
  });
  userStorage.set('activeUserId', nextUserId);
}

/**
 * "Sign out of all devices": the server revokes every token; this device must
 * not throw away workouts that never made it to the server.
 */
export async function signOutEverywhere(confirmDiscard: (count: number) => Promise<boolean>): Promise<void> {
  const unsynced = await countUnsyncedChanges();
  if (unsynced > 0 && !(await confirmDiscard(unsynced))) {
    return;
  }
  await fetch('https://api.stridelog.app/v1/sessions', { method: 'DELETE' });
  userStorage.clearAll(); // near-miss: no-reset-without-sync (unsynced count tested in an if before the wipe)
  await database.write(() => database.unsafeResetDatabase());
}

/** Clears the in-memory query cache after a server-side schema bump. */
export function resetQueryCache(): void {
  queryClient.clear(); // near-miss: no-reset-without-sync (in-memory cache, no stored user data)
}
