import { noFloatingWrite } from '../../rules/no-floating-write';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noFloatingWrite, {
  valid: [
    { name: 'awaited', code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  await axios.post('/api', d);\n}` },
    { name: 'returned', code: `import axios from 'axios';\nexport function save(d: unknown) {\n  return axios.post('/api', d);\n}` },
    { name: 'arrow body returns it', code: `import axios from 'axios';\nexport const save = (d: unknown) => axios.post('/api', d);` },
    { name: 'collected into an awaited Promise.all', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function saveAll(e: [string, string][]) {\n  await Promise.all(e.map(([k, v]) => AsyncStorage.setItem(k, v)));\n}` },
    { name: 'array literal in Promise.all', code: `import localforage from 'localforage';\nexport async function save(a: string, b: string) {\n  await Promise.all([localforage.setItem('a', a), localforage.setItem('b', b)]);\n}` },
    { name: 'rejection handler attached', code: `import axios from 'axios';\nexport function save(d: unknown, report: (e: unknown) => void) {\n  axios.post('/api', d).catch(report);\n}` },
    { name: 'then with a rejection handler', code: `import axios from 'axios';\nexport function save(d: unknown, ok: () => void, fail: (e: unknown) => void) {\n  axios.post('/api', d).then(ok, fail);\n}` },
    { name: 'stored and awaited later', code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  const pending = axios.post('/api', d);\n  render();\n  await pending;\n}\ndeclare function render(): void;` },
    { name: 'handed to someone who keeps it', code: `import axios from 'axios';\nexport function save(d: unknown, queue: { add(p: Promise<unknown>): void }) {\n  queue.add(axios.post('/api', d));\n}` },
    { name: 'synchronous localStorage.setItem returns no promise', code: `export function save(v: string) {\n  localStorage.setItem('k', v);\n}` },
    { name: 'Firestore writes are queued offline by design', code: `import { doc, setDoc, getFirestore } from 'firebase/firestore';\nexport function save(id: string, d: object) {\n  setDoc(doc(getFirestore(), 'notes', id), d);\n}` },
    { name: 'a GET is not a write', code: `export function load() {\n  fetch('/api/notes');\n}` },
    { name: 'void is an explicit opt-out by default', code: `import axios from 'axios';\nexport function save(d: unknown) {\n  void axios.post('/api', d);\n}` },
    { name: 'Dexie waits for operations inside its transaction', code: `import Dexie from 'dexie';\nconst db = new Dexie('app');\nexport function save(n: object) {\n  return db.transaction('rw', 'notes', () => {\n    db.table('notes').put(n);\n  });\n}` },
    { name: 'a PouchDB write given a node-style callback reports through it', code: `import PouchDB from 'pouchdb';\nconst db = new PouchDB('x');\nexport function save(doc: object, done: (e?: unknown) => void) {\n  db.put(doc, (err: unknown) => done(err));\n}` },
    { name: 'a project function that loads (and writes as a side effect) is not a dropped save', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nasync function loadSettings() {\n  const raw = await AsyncStorage.getItem('settings');\n  if (!raw) await AsyncStorage.setItem('settings', '{}');\n  return JSON.parse(raw ?? '{}');\n}\nexport function onMount() {\n  loadSettings();\n}` },
    { name: 'a deletion nobody waits for loses nothing when it fails', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function reset() {\n  AsyncStorage.removeItem('unused-cache-key');\n}` },
    { name: 'Map.delete is not storage', code: `export function forget(m: Map<string, number>) {\n  m.delete('a');\n}` },
    { name: 'unknown project function called without await: we cannot know it is async', code: `import { syncAll } from './sync';\nexport function onResume() {\n  syncAll();\n}` },
    { name: 'credentials are not user data', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nconst PUSH_TOKEN = 'push_token';\nexport function onToken(t: string) {\n  AsyncStorage.setItem(PUSH_TOKEN, t);\n  AsyncStorage.removeItem('authToken');\n}` },
    { name: 'build scripts are not application code', filename: 'scripts/build.mjs', code: `import { rm, writeFile } from 'node:fs/promises';\nrm('dist', { recursive: true });\nwriteFile('dist/version.txt', '1');` },
    { name: 'test files are not application code', filename: 'src/__tests__/store.test.ts', code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nit('x', () => {\n  AsyncStorage.setItem('k', 'v');\n});` },
    // Project functions are judged only with reportProjectFunctions, and then by what they do.
    {
      name: 'a dropped call of a project function that saves is left to reportProjectFunctions',
      code: `import { writeFile } from 'node:fs/promises';\nasync function saveState(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n}\nexport async function onChange(s: object) {\n  saveState(s);\n}`,
    },
    {
      name: 'a project function that catches every failure of its write itself',
      code: `import { writeFile } from 'node:fs/promises';\ndeclare function showError(e: unknown): void;\nasync function saveBoard(board: object) {\n  try {\n    await writeFile('board.json', JSON.stringify(board));\n  } catch (e) {\n    showError(e);\n  }\n}\nexport function onEdit(board: object) {\n  saveBoard(board);\n}`,
      options: { reportProjectFunctions: true },
    },
    {
      name: 'a project function that deletes entries, dropped',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nasync function removeQueued(ids: string[]) {\n  const all: string[] = JSON.parse((await AsyncStorage.getItem('queue')) ?? '[]');\n  await AsyncStorage.setItem('queue', JSON.stringify(all.filter((x) => !ids.includes(x))));\n}\nexport function afterUpload(ids: string[]) {\n  removeQueued(ids);\n}`,
      options: { reportProjectFunctions: true },
    },
    {
      name: 'a project function sending a fixed hello message, dropped',
      code: `import axios from 'axios';\nasync function postPresence(message: object) {\n  await axios.post('/api/presence', message);\n}\nexport function start() {\n  postPresence({ state: 'online' });\n}`,
      options: { reportProjectFunctions: true },
    },
    {
      name: 'a dropped write of the sidebar width',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function onResize(px: number) {\n  AsyncStorage.setItem('sidebarWidth', String(px));\n}`,
    },
    {
      name: 'a dropped write of a fixed onboarding flag',
      code: `import localforage from 'localforage';\nexport function finishIntro() {\n  localforage.setItem('introStep', 3);\n}`,
    },
    {
      name: 'a dropped write into a temp folder that every caller in the file chooses',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nasync function writeProtos(dir: string, files: { name: string; text: string }[]) {\n  await Promise.all(files.map((f) => {\n    fs.promises.writeFile(path.join(dir, f.name), f.text);\n  }));\n}\nexport async function compile(id: string, files: { name: string; text: string }[]) {\n  await writeProtos(path.join(os.tmpdir(), 'protos', id), files);\n}`,
    },
    {
      name: 'a recursive arrow helper whose folder is a temp folder at every call',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\ntype Dir = { name: string; files: { name: string; text: string }[]; children: Dir[] };\nconst writeDir = async (dir: Dir, parent: string): Promise<void> => {\n  const here = path.join(parent, dir.name);\n  await Promise.all(dir.files.map((f) => {\n    fs.promises.writeFile(path.join(here, f.name), f.text);\n  }));\n  await Promise.all(dir.children.map((c) => writeDir(c, here)));\n};\nexport async function materialise(root: Dir) {\n  await writeDir(root, path.join(os.tmpdir(), 'tree'));\n}`,
    },
  ],
  invalid: [
    { name: "a template key whose text names a note, built with the active tab", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\ndeclare const activeTab: { id: string };\nexport function onType(text: string) {\n  AsyncStorage.setItem(`note-${activeTab.id}`, text);\n}", errors: [{messageId: "dropped",line: 4}] },
    { name: "a capitalised object is not a constant: its field holds the draft", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const Editor = { text: '' };\nexport function onType(t: string) {\n  Editor.text = t;\n  AsyncStorage.setItem('draft', Editor.text);\n}", errors: [{messageId: "dropped",line: 5}] },
    {
      name: 'dropped upload in an async function',
      code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  axios.post('/api', d);\n}`,
      errors: [{ messageId: 'dropped', line: 3, column: 3, suggestions: [{ messageId: 'suggestAwait', output: `import axios from 'axios';\nexport async function save(d: unknown) {\n  await axios.post('/api', d);\n}` }] }],
    },
    {
      name: 'dropped write in a sync function: no await suggestion',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function save(v: string) {\n  AsyncStorage.setItem('k', v);\n}`,
      errors: [{ messageId: 'dropped', line: 3, suggestions: [] }],
    },
    {
      name: 'then without catch',
      code: `import axios from 'axios';\nexport async function save(d: unknown) {\n  axios.post('/api', d).then(() => console.log('saved'));\n}`,
      errors: [{ messageId: 'chainWithoutCatch', line: 3 }],
    },
    {
      name: 'forEach with an async callback',
      code: `import localforage from 'localforage';\nexport function saveAll(items: Array<{ id: string }>) {\n  items.forEach(async (item) => {\n    await localforage.setItem(item.id, item);\n  });\n}`,
      errors: [{ messageId: 'asyncCallbackDropped', line: 4 }],
    },
    {
      name: 'a stored promise never awaited',
      code: `import { writeFile } from 'fs/promises';\nexport function persist(state: object) {\n  const done = writeFile('state.json', JSON.stringify(state));\n}`,
      errors: [{ messageId: 'dropped', line: 3 }],
    },
    {
      name: 'void is reported when ignoreVoid is false',
      code: `import axios from 'axios';\nexport function save(d: unknown) {\n  void axios.post('/api', d);\n}`,
      options: { ignoreVoid: false },
      errors: [{ messageId: 'voided', line: 3 }],
    },
    {
      name: 'a same-file async save function called and dropped',
      code: `import { writeFile } from 'node:fs/promises';\nasync function saveState(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n}\nexport async function onChange(s: object) {\n  saveState(s);\n}`,
      options: { reportProjectFunctions: true },
      errors: [{ messageId: 'dropped', line: 6, messageIncludes: 'saveState' }],
    },
    {
      name: 'a fetch POST fired and forgotten',
      code: `export function report(body: string) {\n  fetch('/api/events', { method: 'POST', body });\n}`,
      errors: [{ messageId: 'dropped', line: 2 }],
    },
    {
      name: 'a write inside then() on an idb promise, chain dropped',
      code: `import { openDB } from 'idb';\nconst dbp = openDB('notes', 1);\nexport function onChange(text: string) {\n  dbp.then((db) => db.put('edits', { text }));\n}`,
      errors: [{ messageId: 'chainWithoutCatch', line: 4 }],
    },
    {
      name: 'a project function that catches its failure but throws before it',
      code: `import { writeFile } from 'node:fs/promises';\ndeclare function showError(e: unknown): void;\nasync function saveBoard(board: { id?: string }) {\n  if (!board.id) throw new Error('no id');\n  try {\n    await writeFile('board.json', JSON.stringify(board));\n  } catch (e) {\n    showError(e);\n  }\n}\nexport function onEdit(board: { id?: string }) {\n  saveBoard(board);\n}`,
      options: { reportProjectFunctions: true },
      errors: [{ messageId: 'dropped', line: 12 }],
    },
    {
      name: 'a project function syncing with fixed options still sends the stored data',
      code: `import axios from 'axios';\ndeclare function pending(): unknown[];\nasync function syncNow(opts: { force: boolean }) {\n  await axios.post('/api/changes', { changes: pending(), force: opts.force });\n}\nexport function onResume() {\n  syncNow({ force: true });\n}`,
      options: { reportProjectFunctions: true },
      errors: [{ messageId: 'dropped', line: 7 }],
    },
    {
      name: 'a dropped write of a draft',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport function onType(noteId: string, text: string) {\n  AsyncStorage.setItem('draft-' + noteId, text);\n}`,
      errors: [{ messageId: 'dropped', line: 3 }],
    },
    {
      name: 'a dropped write into a folder an exported helper is given',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\nexport async function writeProtos(dir: string, files: { name: string; text: string }[]) {\n  await Promise.all(files.map((f) => {\n    fs.promises.writeFile(path.join(dir, f.name), f.text);\n  }));\n}`,
      errors: [{ messageId: 'dropped', line: 5 }],
    },
  ],
});
