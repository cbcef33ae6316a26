import { noReadFailureAsEmpty } from '../../rules/no-read-failure-as-empty';
import { runRuleTests } from '../support/rule-tester';

/** A settings module: `load` with the given catch body, and a `save` of the same file. */
const fileModule = (handler: string, param = 'err: any') => `import * as fs from 'node:fs';
const FILE = 'settings.json';
export function load() {
  try {
    return JSON.parse(fs.readFileSync(FILE, 'utf8'));
  } catch (${param}) {
${handler}
  }
}
export function save(s: object) {
  fs.writeFileSync(FILE, JSON.stringify(s));
}`;

runRuleTests(noReadFailureAsEmpty, {
  valid: [
    { name: 'only ENOENT yields the default', code: fileModule(`    if (err.code === 'ENOENT') return {};\n    throw err;`) },
    { name: 'non-ENOENT is rethrown first', code: fileModule(`    if (err.code !== 'ENOENT') throw err;\n    return {};`) },
    { name: 'optional chaining on the code', code: fileModule(`    if (err?.code === 'ENOENT') {\n      return {};\n    }\n    throw err;`) },
    { name: 'existsSync inside the handler', code: fileModule(`    if (!fs.existsSync(FILE)) return {};\n    throw err;`) },
    { name: 'the damaged file is moved aside first', code: fileModule(`    fs.renameSync(FILE, FILE + '.corrupt-' + Date.now());\n    return {};`) },
    { name: 'an unparsable MMKV value copied to a backup key first', code: `import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\nexport function loadZones() {\n  const raw = storage.getString('zones');\n  if (raw === undefined) return null;\n  try {\n    return JSON.parse(raw);\n  } catch {\n    storage.set('zones.unreadable', raw);\n    return null;\n  }\n}\nexport function saveZones(zones: object) {\n  storage.set('zones', JSON.stringify(zones));\n}` },
    { name: 'an Expo file moved aside before starting empty', code: `import * as FileSystem from 'expo-file-system';\nconst FILE = FileSystem.documentDirectory + 'albums.json';\nexport async function loadAlbums() {\n  try {\n    return JSON.parse(await FileSystem.readAsStringAsync(FILE));\n  } catch (e) {\n    await FileSystem.moveAsync({ from: FILE, to: \`\${FILE}.corrupt-\${Date.now()}\` });\n    return [];\n  }\n}\nexport async function saveAlbums(albums: unknown[]) {\n  await FileSystem.writeAsStringAsync(FILE, JSON.stringify(albums));\n}` },
    { name: 'the damaged file is copied to a backup first', code: fileModule(`    fs.copyFileSync(FILE, FILE + '.bak');\n    return {};`) },
    { name: 'rethrown with context', code: fileModule(`    throw new Error('settings.json is damaged: ' + err.message);`) },
    { name: 'an error result instead of an empty one', code: fileModule(`    return { error: err };`) },
    {
      name: 'a read-only module: defaults are never written back',
      code: `import * as fs from 'node:fs';\nexport function loadConfig() {\n  try {\n    return JSON.parse(fs.readFileSync('config.json', 'utf8'));\n  } catch {\n    return {};\n  }\n}`,
    },
    {
      name: 'a different localStorage key is written',
      code: `export function loadDraft() {\n  try {\n    return JSON.parse(localStorage.getItem('draft') ?? 'null');\n  } catch {\n    return null;\n  }\n}\nexport function saveTheme(t: string) {\n  localStorage.setItem('theme', t);\n}`,
    },
    {
      name: 'a read without a parse: only a missing key can fail',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function loadName() {\n  try {\n    return await AsyncStorage.getItem('name');\n  } catch {\n    return '';\n  }\n}\nexport async function saveName(n: string) {\n  await AsyncStorage.setItem('name', n);\n}`,
    },
    {
      name: 'parsing something that is not stored state',
      code: `import * as fs from 'node:fs';\nexport function parseArg(arg: string) {\n  try {\n    return JSON.parse(arg);\n  } catch {\n    return {};\n  }\n}\nexport function save(s: object) {\n  fs.writeFileSync('settings.json', JSON.stringify(s));\n}`,
    },
    {
      name: 'a default returned after a helper that always throws is unreachable',
      code: fileModule(`    fail(err);\n    return {};`).replace(`const FILE = 'settings.json';`, `const FILE = 'settings.json';\nfunction fail(e: Error): never {\n  throw e;\n}`),
    },
    {
      name: 'promise chain with an ENOENT-only catch',
      code: `import { readFile, writeFile } from 'node:fs/promises';\nexport function load() {\n  return readFile('db.json', 'utf8').then(JSON.parse).catch((e) => {\n    if (e.code === 'ENOENT') return [];\n    throw e;\n  });\n}\nexport async function save(items: unknown[]) {\n  await writeFile('db.json', JSON.stringify(items));\n}`,
    },
    {
      name: 'the catch keeps an initial value that is real data, not an empty default',
      code: `import * as fs from 'node:fs';\nlet settings = loadBundled();\nexport function init() {\n  try {\n    settings = JSON.parse(fs.readFileSync('settings.json', 'utf8'));\n  } catch (e) {\n    console.error(e);\n  }\n}\nexport function save() {\n  fs.writeFileSync('settings.json', JSON.stringify(settings));\n}\ndeclare function loadBundled(): object;`,
    },
    {
      name: 'mutually recursive helpers called in the try do not hang the rule',
      code: `import * as fs from 'node:fs';\nfunction ping(n: number): unknown {\n  return n ? pong(n - 1) : null;\n}\nfunction pong(n: number): unknown {\n  return ping(n);\n}\nexport function load() {\n  try {\n    return ping(3);\n  } catch {\n    return {};\n  }\n}\nexport function save(s: object) {\n  fs.writeFileSync('s.json', JSON.stringify(s));\n}`,
    },
    {
      name: 'a generic key-value file store: get hands the caller\'s default back, the caller decides',
      code: `import * as fs from 'node:fs';
import * as path from 'node:path';
export class FileStorage {
  constructor(private readonly dir: string) {}
  getItem<T>(key: string, defaultValue: T): T {
    try {
      return JSON.parse(String(fs.readFileSync(this.keyPath(key))));
    } catch {
      return defaultValue;
    }
  }
  setItem(key: string, value: unknown) {
    fs.writeFileSync(this.keyPath(key), JSON.stringify(value));
  }
  keyPath(key: string) {
    return path.join(this.dir, key);
  }
}`,
    },
    {
      name: 'a generic localStorage accessor returning null for an unreadable key',
      code: `export const Store = {\n  get<T>(key: string): T | null {\n    try {\n      const raw = window.localStorage.getItem(key);\n      return raw ? (JSON.parse(raw) as T) : null;\n    } catch {\n      return null;\n    }\n  },\n  set(key: string, value: unknown) {\n    window.localStorage.setItem(key, JSON.stringify(value));\n  },\n};`,
    },
    {
      name: 'a list of dismissed notices starts over when it does not parse',
      code: `const DISMISSED_NOTICES = 'dismissed-notices';\nexport function dismiss(id: string) {\n  let dismissed: Record<string, boolean> = {};\n  try {\n    dismissed = JSON.parse(localStorage.getItem(DISMISSED_NOTICES) ?? '{}');\n  } catch {}\n  dismissed[id] = true;\n  localStorage.setItem(DISMISSED_NOTICES, JSON.stringify(dismissed));\n}`,
    },
  ],
  invalid: [
    { name: "a workout log under a storage key is user data", code: "const KEY = 'workout-log';\nexport function addWorkout(w: string) {\n  let log: string[] = [];\n  try {\n    log = JSON.parse(localStorage.getItem(KEY) ?? '[]');\n  } catch {}\n  log.push(w);\n  localStorage.setItem(KEY, JSON.stringify(log));\n}", errors: [{messageId: "keepsEmpty",line: 6}] },
    { name: "a key with a fixed prefix and a parameter names one store per user, not any key", code: "export function loadNotes(userId: string): string[] {\n  try {\n    return JSON.parse(localStorage.getItem('notes:' + userId) ?? '[]');\n  } catch {\n    return [];\n  }\n}\nexport function saveNotes(userId: string, notes: string[]) {\n  localStorage.setItem('notes:' + userId, JSON.stringify(notes));\n}", errors: [{messageId: "returnsEmpty",line: 5}] },
    {
      name: 'an Expo read failure that starts empty',
      code: `import * as FileSystem from 'expo-file-system';\nconst FILE = FileSystem.documentDirectory + 'albums.json';\nexport async function loadAlbums() {\n  try {\n    return JSON.parse(await FileSystem.readAsStringAsync(FILE));\n  } catch (e) {\n    console.warn(e);\n    return [];\n  }\n}\nexport async function saveAlbums(albums: unknown[]) {\n  await FileSystem.writeAsStringAsync(FILE, JSON.stringify(albums));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 8 }],
    },
    {
      name: 'log and start fresh',
      code: fileModule(`    console.error('bad settings', err);\n    return {};`),
      errors: [{ messageId: 'returnsEmpty', line: 8, messageIncludes: 'fs.readFileSync' }],
    },
    {
      name: 'ENOENT or SyntaxError both yield the default: a corrupt file gets through',
      code: fileModule(`    if (err.code === 'ENOENT' || err.name === 'SyntaxError') return {};\n    throw err;`),
      errors: [{ messageId: 'returnsEmpty', line: 7 }],
    },
    {
      name: 'only a parse failure yields the default',
      code: fileModule(`    if (err instanceof SyntaxError) return [];\n    throw err;`),
      errors: [{ messageId: 'returnsEmpty', line: 7 }],
    },
    {
      name: 'a DEFAULT_ constant',
      code: fileModule(`    return DEFAULT_SETTINGS;`, 'e').replace(`const FILE = 'settings.json';`, `const FILE = 'settings.json';\nconst DEFAULT_SETTINGS = { theme: 'light' };`),
      errors: [{ messageId: 'returnsEmpty', line: 8 }],
    },
    {
      name: 'a clone of the defaults',
      code: fileModule(`    return structuredClone(defaults);`, 'e').replace(`const FILE = 'settings.json';`, `const FILE = 'settings.json';\nconst defaults = { theme: 'light' };`),
      errors: [{ messageId: 'returnsEmpty', line: 8 }],
    },
    {
      name: 'assigning the empty default to a field; one finding for the handler',
      code: `import { readFile, writeFile } from 'node:fs/promises';
export class Store {
  data: Record<string, unknown> = {};
  constructor(private readonly path: string) {}
  async load() {
    try {
      this.data = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      this.data = {};
      return this.data;
    }
  }
  async save() {
    await writeFile(this.path, JSON.stringify(this.data));
  }
}`,
      errors: [{ messageId: 'assignsEmpty', line: 9 }],
    },
    {
      name: 'an empty catch keeps the empty initial value',
      code: `import * as fs from 'node:fs';\nlet state: Record<string, number> = {};\nexport function init() {\n  try {\n    state = JSON.parse(fs.readFileSync('state.json', 'utf8'));\n  } catch {}\n}\nexport function bump(k: string) {\n  state[k] = (state[k] ?? 0) + 1;\n  fs.writeFileSync('state.json', JSON.stringify(state));\n}`,
      errors: [{ messageId: 'keepsEmpty', line: 6, column: 5 }],
    },
    {
      name: 'localStorage with the same key',
      code: `const KEY = 'cart';\nexport function loadCart(): string[] {\n  try {\n    return JSON.parse(localStorage.getItem(KEY) || '[]');\n  } catch {\n    return [];\n  }\n}\nexport function saveCart(items: string[]) {\n  localStorage.setItem(KEY, JSON.stringify(items));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 6 }],
    },
    {
      name: 'the raw value read before the try',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function loadQueue(): Promise<unknown[]> {\n  const raw = await AsyncStorage.getItem('queue');\n  try {\n    return raw ? JSON.parse(raw) : [];\n  } catch {\n    return [];\n  }\n}\nexport async function enqueue(q: unknown[]) {\n  await AsyncStorage.setItem('queue', JSON.stringify(q));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 7 }],
    },
    {
      name: 'a promise chain that turns any failure into []',
      code: `import { readFile, writeFile } from 'node:fs/promises';\nexport function load() {\n  return readFile('db.json', 'utf8').then(JSON.parse).catch(() => []);\n}\nexport async function save(items: unknown[]) {\n  await writeFile('db.json', JSON.stringify(items));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 3 }],
    },
    {
      name: 'fs-extra readJson parses by itself',
      code: `import fse from 'fs-extra';\nexport async function load(file: string) {\n  try {\n    return await fse.readJson(file);\n  } catch {\n    return { items: [] };\n  }\n}\nexport async function save(file: string, db: object) {\n  await fse.writeJson(file, db);\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 6 }],
    },
    {
      name: 'saved atomically, still overwritten with the empty default',
      code: `import * as fs from 'node:fs';\nimport writeFileAtomic from 'write-file-atomic';\nconst FILE = 'library.json';\nexport function load() {\n  try {\n    return JSON.parse(fs.readFileSync(FILE, 'utf8'));\n  } catch {\n    return null;\n  }\n}\nexport function save(lib: object) {\n  writeFileAtomic.sync(FILE, JSON.stringify(lib));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 8 }],
    },
    {
      name: 'temp-and-rename save: matched through the rename',
      code: `import * as fs from 'node:fs';\nexport class Db {\n  constructor(private file: string) {}\n  read() {\n    try {\n      return JSON.parse(fs.readFileSync(this.file, 'utf8'));\n    } catch {\n      return new Map();\n    }\n  }\n  write(data: object) {\n    fs.writeFileSync(this.file + '.tmp', JSON.stringify(data));\n    fs.renameSync(this.file + '.tmp', this.file);\n  }\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 8 }],
    },
    {
      name: 'a same-file loader that reads and parses without catching',
      code: `import * as fs from 'node:fs';\nconst FILE = 'bookmarks.json';\nfunction readBookmarks() {\n  return JSON.parse(fs.readFileSync(FILE, 'utf8'));\n}\nexport function load() {\n  try {\n    return readBookmarks();\n  } catch {\n    return [];\n  }\n}\nexport function save(b: unknown[]) {\n  fs.writeFileSync(FILE, JSON.stringify(b));\n}`,
      errors: [{ messageId: 'returnsEmpty', line: 10 }],
    },
    {
      name: 'a file store whose loader reads one fixed key and starts empty',
      code: `import * as fs from 'node:fs';
import * as path from 'node:path';
export class FileStorage {
  constructor(private readonly dir: string) {}
  loadIndex(): Record<string, string> {
    try {
      return JSON.parse(String(fs.readFileSync(this.keyPath('index'))));
    } catch {
      return {};
    }
  }
  saveIndex(index: Record<string, string>) {
    fs.writeFileSync(this.keyPath('index'), JSON.stringify(index));
  }
  keyPath(key: string) {
    return path.join(this.dir, key);
  }
}`,
      errors: [{ messageId: 'returnsEmpty', line: 9 }],
    },
    {
      name: 'a list of saved drafts starts over when it does not parse',
      code: `const DRAFTS = 'saved-drafts';\nexport function addDraft(id: string, text: string) {\n  let drafts: Record<string, string> = {};\n  try {\n    drafts = JSON.parse(localStorage.getItem(DRAFTS) ?? '{}');\n  } catch {}\n  drafts[id] = text;\n  localStorage.setItem(DRAFTS, JSON.stringify(drafts));\n}`,
      errors: [{ messageId: 'keepsEmpty', line: 6 }],
    },
  ],
});
