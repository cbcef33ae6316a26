import { noResetWithoutSync } from '../../rules/no-reset-without-sync';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noResetWithoutSync, {
  valid: [
    { name: 'a reset of tab-scoped sessionStorage', code: `export function resetSearchHistory() {\n  sessionStorage.removeItem('recent-searches');\n}` },
    { name: 'purging old log files is not a reset', code: `import fs from 'node:fs';\nexport async function purgeOldLogs(file: string) {\n  await fs.promises.rm(file, { force: true });\n}` },
    { name: 'flushes the outbox first', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\ndeclare function flushOutbox(): Promise<void>;\nexport async function logout() {\n  await flushOutbox();\n  await AsyncStorage.clear();\n}` },
    { name: 'checks for unsynced changes first', code: `declare function hasUnsyncedChanges(): Promise<boolean>;\nexport async function signOut(confirm: () => Promise<boolean>) {\n  if ((await hasUnsyncedChanges()) && !(await confirm())) return;\n  localStorage.clear();\n}` },
    { name: 'Firestore: waits for pending writes', code: `import { getFirestore, waitForPendingWrites, terminate, clearIndexedDbPersistence } from 'firebase/firestore';\nexport async function logOut() {\n  const db = getFirestore();\n  await waitForPendingWrites(db);\n  await terminate(db);\n  indexedDB.deleteDatabase('firestore');\n}` },
    { name: 'uploads first (its confirmation is another rule)', code: `import axios from 'axios';\nexport async function resetApp(data: unknown) {\n  await axios.post('/api/backup', data);\n  localStorage.clear();\n}` },
    { name: 'not a reset function', code: `export function clearDraft() {\n  localStorage.removeItem('draft');\n}` },
    { name: 'clearing a cache is not user data', code: `export async function logout() {\n  await caches.delete('api-cache');\n}` },
    { name: 'a test helper resetting storage between tests', filename: 'src/plugins/test-utils/test-util.ts', code: `export async function clearAllLocalStorage() {\n  localStorage.clear();\n}` },
    { name: 'clearing an in-memory map on logout', code: `export function logout(sessions: Map<string, string>) {\n  sessions.clear();\n}` },
    { name: 'signing out removes only credentials', code: `export const GITHUB_TOKEN_STORAGE_KEY = 'github-oauth-token';\nexport function signOut() {\n  localStorage.removeItem(GITHUB_TOKEN_STORAGE_KEY);\n}` },
    {
      name: 'resetting a panel width removes a preference, not data',
      code: `const sidebarWidthKey = 'sidebar-width';\nexport function resetSidebarWidth() {\n  localStorage.removeItem(sidebarWidthKey);\n}`,
    },
    {
      name: 'clearing all data after the user confirms a warning dialog',
      code: `import { dialog, session } from 'electron';\nexport async function clearAllData() {\n  const answer = await dialog.showMessageBox({ message: 'This erases all stored data. Continue?', buttons: ['Erase', 'Cancel'] });\n  if (answer.response === 0) {\n    await session.defaultSession.clearStorageData();\n  }\n}`,
    },
  ],
  invalid: [
    { name: "resetting a workout log wipes user data", code: "export function resetWorkoutLog() {\n  localStorage.removeItem('workout-log');\n}", errors: [{messageId: "resetWithoutSync",line: 2}] },
    { name: "sendConfirmationEmail is no confirmation dialog", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\ndeclare const api: { sendConfirmationEmail(): Promise<void> };\nexport async function logout() {\n  await api.sendConfirmationEmail();\n  await AsyncStorage.clear();\n}", errors: [{messageId: "resetWithoutSync",line: 5}] },
    {
      name: 'a PouchDB database held in a field typed PouchDB.Database',
      code: `import PouchDB from 'pouchdb';\nexport class FieldStore {\n  private readonly local: PouchDB.Database;\n  constructor(userId: string) {\n    this.local = new PouchDB(\`field-\${userId}\`);\n  }\n  async logout(): Promise<void> {\n    await this.local.destroy();\n  }\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 8 }],
    },
    {
      name: 'a purge of the local journal',
      code: `import fs from 'node:fs';\nexport async function purgeLocalJournal(file: string) {\n  await fs.promises.rm(file, { force: true });\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3 }],
    },
    {
      name: 'a WatermelonDB reset through a database imported from the app',
      code: `import { database } from '../db/database';\nexport async function resetLibrary() {\n  await database.write(() => database.unsafeResetDatabase());\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3 }],
    },
    {
      name: 'logout wipes AsyncStorage straight away',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function logout() {\n  await AsyncStorage.clear();\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3, messageIncludes: 'logout' }],
    },
    {
      name: 'a signOut method on a class',
      code: `import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\nexport class Session {\n  signOut() {\n    storage.clearAll();\n    this.user = null;\n  }\n  user: unknown = null;\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 5 }],
    },
    {
      name: 'a useCallback reset handler',
      code: `import Dexie from 'dexie';\ndeclare function useCallback<T>(f: T, deps: unknown[]): T;\nconst db = new Dexie('notes');\nexport function useReset() {\n  const resetData = useCallback(async () => {\n    await db.delete();\n  }, []);\n  return resetData;\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 6 }],
    },
    {
      name: 'the wipe inside a new Promise executor belongs to the reset function',
      code: `export function clearStorage(): Promise<void> {\n  return new Promise((resolve) => {\n    localStorage.removeItem('localQueue:note');\n    const req = indexedDB.deleteDatabase('notes');\n    req.onsuccess = () => resolve();\n  });\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3 }],
    },
    {
      name: 'a reset that clears a layout key and then the notes: the notes count',
      code: `export function resetWorkspace() {\n  localStorage.removeItem('panel-layout');\n  localStorage.removeItem('notes');\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3 }],
    },
    {
      name: 'a wipe that runs before the confirmation dialog',
      code: `import { dialog, session } from 'electron';\nexport async function clearAllData() {\n  await session.defaultSession.clearStorageData();\n  await dialog.showMessageBox({ message: 'All stored data was erased.' });\n}`,
      errors: [{ messageId: 'resetWithoutSync', line: 3 }],
    },
  ],
});
