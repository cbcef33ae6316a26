import { noSwallowedWriteError } from '../../rules/no-swallowed-write-error';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noSwallowedWriteError, {
  valid: [
    { name: "a key whose fixed text names UI state ('tab-width-' + id) stays silent", code: "declare const activeTab: { id: string };\nexport function keep(width: string) {\n  try {\n    localStorage.setItem('tab-width-' + activeTab.id, width);\n  } catch {}\n}" },
    { name: 'rethrows', code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  try {\n    await axios.post('/api', d);\n  } catch (e) {\n    throw new Error('save failed', { cause: e });\n  }\n}` },
    { name: 'tells the user', code: `import axios from 'axios';\nexport async function save(d: unknown, toast: (m: string) => void) {\n  try {\n    await axios.post('/api', d);\n  } catch {\n    toast('Could not save: your changes are kept on this device.');\n  }\n}` },
    { name: 'returns a failure value', code: `export function save(v: string): boolean {\n  try {\n    localStorage.setItem('k', v);\n    return true;\n  } catch {\n    return false;\n  }\n}` },
    { name: 'log-only is not reported by default', code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  try {\n    await axios.post('/api', d);\n  } catch (e) {\n    console.error(e);\n  }\n}` },
    { name: 'a catch around a read only', code: `export function load() {\n  try {\n    return JSON.parse(localStorage.getItem('k') ?? '{}');\n  } catch {\n    return {};\n  }\n}` },
    { name: 'a .catch that reports', code: `import axios from 'axios';\nexport function save(d: unknown, onError: (e: unknown) => void) {\n  return axios.post('/api', d).catch((e) => onError(e));\n}` },
    { name: 'a node callback that passes err on', code: `import * as fs from 'fs';\nexport function save(p: string, d: string, cb: (e: Error | null) => void) {\n  fs.writeFile(p, d, (err) => cb(err));\n}` },
    { name: 'a write not awaited inside try is not caught there (floating-write reports it)', code: `import axios from 'axios';\nexport function save(d: unknown) {\n  try {\n    return axios.post('/api', d);\n  } catch {}\n}` },
    { name: 'deleting, not writing', code: `export function forget() {\n  try {\n    localStorage.removeItem('k');\n  } catch {}\n}` },
    { name: 'writing an empty list cannot lose anything', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function clearNotifications() {\n  try {\n    await AsyncStorage.setItem('notifications', JSON.stringify([]));\n  } catch (_) {}\n}` },
    // What is written: UI state, settings, logs and fixed values hold nothing the user made.
    {
      name: 'a comment-only catch around saving the editor layout mode',
      code: `const LAYOUT_MODE_KEY = 'editor-layout-mode';\nexport function rememberLayout(mode: 'compact' | 'wide') {\n  try {\n    window.localStorage.setItem(LAYOUT_MODE_KEY, mode);\n  } catch (err) {\n    // storage may be blocked (private browsing); the default layout is fine\n  }\n}`,
    },
    {
      name: 'an empty catch around appending to an error log file',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\nexport function recordCrash(dir: string, text: string) {\n  try {\n    fs.appendFileSync(path.join(dir, 'renderer-errors.log'), text);\n  } catch {}\n}`,
    },
    {
      name: 'a comment-only catch around rewriting the stored settings without one field',
      code: `export function forgetAccountName() {\n  const raw = localStorage.getItem('appConfig');\n  if (!raw) return;\n  try {\n    const { accountName, ...remainingSettings } = JSON.parse(raw);\n    localStorage.setItem('appConfig', JSON.stringify(remainingSettings));\n  } catch (e) {\n    // not important if this fails\n  }\n}`,
    },
    {
      name: 'a dropped failure of a fixed "seen" flag',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function markIntroShown() {\n  try {\n    await AsyncStorage.setItem('introShown', 'true');\n  } catch {}\n}`,
    },
    {
      name: 'a .catch(() => {}) on a project function sending a fixed signal message',
      code: `async function postSignal(message: object) {\n  await fetch('/api/signals', { method: 'POST', body: JSON.stringify(message) }).then((r) => { if (!r.ok) throw new Error(String(r.status)); });\n}\nexport async function askPeersToResync() {\n  await postSignal({ kind: 'resync' }).catch(() => {});\n}`,
    },
    {
      name: 'a .catch(() => {}) on a project function that deletes sent entries',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nasync function removeSentIds(ids: string[]) {\n  const all: string[] = JSON.parse((await AsyncStorage.getItem('pending')) ?? '[]');\n  await AsyncStorage.setItem('pending', JSON.stringify(all.filter((x) => !ids.includes(x))));\n}\nexport function afterSend(ids: string[]) {\n  removeSentIds(ids).catch(() => {});\n}`,
    },
    {
      name: 'a failed copy in a move skips the delete, so the data stays where it was',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nimport RNSecureKeyStore from 'react-native-secure-key-store';\nexport async function moveKeys(keys: string[]) {\n  for (const key of keys) {\n    try {\n      const value = await RNSecureKeyStore.get(key);\n      await AsyncStorage.setItem(key, value);\n      await RNSecureKeyStore.remove(key);\n    } catch {}\n  }\n}`,
    },
    {
      name: 'a function that only registers a listener which uploads does not upload when called',
      code: `import { EventEmitter } from 'node:events';\ndeclare const channel: EventEmitter;\nasync function upload(body: string) {\n  const r = await fetch('/api/messages', { method: 'POST', body });\n  if (!r.ok) throw new Error(String(r.status));\n}\nasync function readInbox() {\n  const r = await fetch('/api/inbox');\n  channel.on('outgoing', async (text: string) => {\n    await upload(text);\n  });\n  return r.json();\n}\nexport function poll() {\n  readInbox().catch(() => {});\n}`,
    },
  ],
  invalid: [
    { name: "a food log kept under a storage key is what the user entered, not a log file", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function addMeal(entries: object[]) {\n  try {\n    await AsyncStorage.setItem('food-log', JSON.stringify(entries));\n  } catch {}\n}", errors: [{messageId: "swallowed",line: 5}] },
    { name: "a key's fixed text names what is stored: 'note-' + activeTab.id is a note, not the tab", code: "declare const activeTab: { id: string };\nexport function keep(text: string) {\n  try {\n    localStorage.setItem('note-' + activeTab.id, text);\n  } catch {}\n}", errors: [{messageId: "swallowed",line: 5}] },
    { name: "a later delete of another key is not a move of the saved data", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function saveNotes(notes: object[]) {\n  try {\n    await AsyncStorage.setItem('notes', JSON.stringify(notes));\n    await AsyncStorage.removeItem('lastSyncError');\n  } catch {}\n}", errors: [{messageId: "swallowed",line: 6}] },
    { name: "a capitalised object is not a constant: the draft it holds is lost", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nimport { Session } from './session';\nexport async function keep() {\n  try {\n    await AsyncStorage.setItem('draft', Session.currentDraft);\n  } catch {}\n}", errors: [{messageId: "swallowed",line: 6}] },
    {
      name: 'empty catch around a write',
      code: `export function save(v: string) {\n  try {\n    localStorage.setItem('k', v);\n  } catch {}\n}`,
      errors: [{ messageId: 'swallowed', line: 4, column: 5, suggestions: [{ messageId: 'suggestRethrow', output: `export function save(v: string) {\n  try {\n    localStorage.setItem('k', v);\n  } catch (error) { throw error; }\n}` }] }],
    },
    {
      name: 'comment-only catch around an upload',
      code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  try {\n    await axios.post('/api', d);\n  } catch (e) {\n    // offline, try later\n  }\n}`,
      errors: [{ messageId: 'swallowed', line: 5, suggestions: [] }],
    },
    {
      name: 'log-only reported with reportLogOnly',
      code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  try {\n    await axios.post('/api', d);\n  } catch (e) {\n    console.error('sync failed', e);\n  }\n}`,
      options: { reportLogOnly: true },
      errors: [{ messageId: 'logOnly', line: 5 }],
    },
    {
      name: '.catch(() => {})',
      code: `import localforage from 'localforage';\nexport function save(v: unknown) {\n  localforage.setItem('k', v).catch(() => {});\n}`,
      errors: [{ messageId: 'swallowed', line: 3 }],
    },
    {
      name: '.catch(noop) later in the chain',
      code: `import axios from 'axios';\ndeclare const noop: () => void;\nexport function save(d: unknown) {\n  return axios.post('/api', d).then(() => true).catch(noop);\n}`,
      errors: [{ messageId: 'swallowed', line: 4 }],
    },
    {
      name: 'then(ok, () => undefined)',
      code: `import axios from 'axios';\nexport function save(d: unknown) {\n  return axios.put('/api', d).then(() => true, () => undefined);\n}`,
      errors: [{ messageId: 'swallowed', line: 3 }],
    },
    {
      name: 'node callback with no err parameter',
      code: `const fs = require('fs');\nfunction save(p, d) {\n  fs.writeFile(p, d, () => {});\n}`,
      filename: 'save.js',
      errors: [{ messageId: 'ignoredCallbackError', line: 3 }],
    },
    {
      name: 'node callback that never reads err',
      code: `import { appendFile } from 'fs';\nexport function log(p: string, line: string) {\n  appendFile(p, line, (err) => {\n    done();\n  });\n}\ndeclare function done(): void;`,
      errors: [{ messageId: 'ignoredCallbackError', line: 3 }],
    },
    {
      name: 'a same-file save function inside an empty catch',
      code: `import { writeFile } from 'node:fs/promises';\nasync function persist(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n}\nexport async function onQuit(s: object) {\n  try {\n    await persist(s);\n  } catch {}\n}`,
      errors: [{ messageId: 'swallowed', line: 8 }],
    },
    {
      name: '.catch(() => {}) after a then that writes',
      code: `import localforage from 'localforage';\nexport function cache(key: string, load: () => Promise<string>) {\n  return load()\n    .then((value) => localforage.setItem(key, value))\n    .catch(() => {});\n}`,
      errors: [{ messageId: 'swallowed', line: 5 }],
    },
    {
      name: 'an awaited Firestore write inside a comment-only catch',
      code: `import { doc, setDoc, getFirestore } from 'firebase/firestore';\nexport async function save(id: string, d: object) {\n  try {\n    await setDoc(doc(getFirestore(), 'notes', id), d);\n  } catch {\n    // offline: it will sync later\n  }\n}`,
      errors: [{ messageId: 'swallowed', line: 5 }],
    },
    {
      name: 'a PouchDB callback that ignores err',
      code: `import PouchDB from 'pouchdb';\nconst db = new PouchDB('x');\nexport function save(doc: object, done: () => void) {\n  db.put(doc, function (err: unknown) {\n    done();\n  });\n}`,
      errors: [{ messageId: 'ignoredCallbackError', line: 4 }],
    },
    // Near misses of the "what is written" exemptions: the user's own data still counts.
    {
      name: 'a comment-only catch around saving a draft note',
      code: `export function keepDraft(noteId: string, text: string) {\n  try {\n    window.localStorage.setItem('draft:' + noteId, text);\n  } catch (err) {\n    // storage may be blocked (private browsing)\n  }\n}`,
      errors: [{ messageId: 'swallowed', line: 4 }],
    },
    {
      name: 'UI state and a document written in one try: the document counts',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function onLeave(doc: string, zoom: number) {\n  try {\n    await AsyncStorage.setItem('canvasZoom', String(zoom));\n    await AsyncStorage.setItem('document', doc);\n  } catch {}\n}`,
      errors: [{ messageId: 'swallowed', line: 6, messageIncludes: 'AsyncStorage.setItem' }],
    },
    {
      name: 'a layout write is reported with reportPreferenceWrites',
      code: `const LAYOUT_MODE_KEY = 'editor-layout-mode';\nexport function rememberLayout(mode: 'compact' | 'wide') {\n  try {\n    window.localStorage.setItem(LAYOUT_MODE_KEY, mode);\n  } catch (err) {\n    // storage may be blocked\n  }\n}`,
      options: { reportPreferenceWrites: true },
      errors: [{ messageId: 'swallowed', line: 5 }],
    },
    {
      name: 'a sync with fixed options still sends what it keeps',
      code: `import axios from 'axios';\ndeclare function pendingChanges(): unknown[];\nasync function syncChanges(opts: { force: boolean }) {\n  await axios.post('/api/changes', { changes: pendingChanges(), force: opts.force });\n}\nexport function onResume() {\n  syncChanges({ force: true }).catch(() => {});\n}`,
      errors: [{ messageId: 'swallowed', line: 7 }],
    },
    {
      name: 'a copy whose source is deleted after the catch is not a move',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nimport RNSecureKeyStore from 'react-native-secure-key-store';\nexport async function moveKey(key: string) {\n  const value = await RNSecureKeyStore.get(key);\n  try {\n    await AsyncStorage.setItem(key, value);\n  } catch {}\n  await RNSecureKeyStore.remove(key);\n}`,
      errors: [{ messageId: 'swallowed', line: 7 }],
    },
    {
      name: 'a function that uploads itself, its failure dropped',
      code: `async function upload(body: string) {\n  const r = await fetch('/api/messages', { method: 'POST', body });\n  if (!r.ok) throw new Error(String(r.status));\n}\nexport function send(text: string) {\n  upload(text).catch(() => {});\n}`,
      errors: [{ messageId: 'swallowed', line: 6 }],
    },
  ],
});
