import { noDestroyOnError } from '../../rules/no-destroy-on-error';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noDestroyOnError, {
  valid: [
    { name: 'a SQLite file that fails to open is moved aside, not deleted', code: `import Database from 'better-sqlite3';\nimport fs from 'node:fs';\nexport function openJournal(file: string) {\n  let db;\n  try {\n    db = new Database(file);\n    db.pragma('quick_check');\n  } catch (err) {\n    fs.renameSync(file, \`\${file}.corrupt-\${Date.now()}\`);\n    db = new Database(file);\n  }\n  return db;\n}` },
    { name: 'the open failure is surfaced, nothing deleted', code: `import Dexie from 'dexie';\nconst db = new Dexie('app');\nexport async function start(show: (m: string) => void) {\n  try {\n    await db.open();\n  } catch (e) {\n    show('Could not open the local database; your data is untouched.');\n    throw e;\n  }\n}` },
    { name: 'removing a temp file after a failed write is cleanup', code: `import { writeFile, rm } from 'node:fs/promises';\nexport async function save(data: string) {\n  try {\n    await writeFile('state.json.tmp', data);\n  } catch (e) {\n    await rm('state.json.tmp', { force: true });\n    throw e;\n  }\n}` },
    { name: 'removing what the failed write half-wrote', code: `import { writeFile, unlink } from 'node:fs/promises';\nexport async function exportTo(target: string, data: string) {\n  try {\n    await writeFile(target, data);\n  } catch (e) {\n    await unlink(target);\n    throw e;\n  }\n}` },
    { name: 'a destroy after success, not in the handler', code: `export function rotate(v: string) {\n  try {\n    localStorage.setItem('next', v);\n  } catch {\n    return false;\n  }\n  localStorage.removeItem('previous');\n  return true;\n}` },
    { name: 'a failed upload handler belongs to no-destroy-before-backup', code: `import axios from 'axios';\nexport async function flush(items: unknown[]) {\n  try {\n    await axios.post('/sync', items);\n  } catch {\n    localStorage.removeItem('outbox');\n  }\n}` },
    { name: 'deleting a Map entry in a catch', code: `export function load(cache: Map<string, string>, key: string) {\n  try {\n    return JSON.parse(localStorage.getItem(key) ?? 'null');\n  } catch {\n    cache.delete(key);\n    return null;\n  }\n}` },
    {
      name: 'a broken second copy deleted after the same value was saved to the main store',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nimport Realm from 'realm';\ndeclare const mirrorPath: string;\nexport class Ledger {\n  private writeMirror(realm: Realm, key: string, value: string) {\n    realm.write(() => realm.create('KV', { key, value }));\n  }\n  private dropMirror() {\n    Realm.deleteFile({ path: mirrorPath });\n  }\n  async save(entries: object[]) {\n    try {\n      await AsyncStorage.setItem('ledger', JSON.stringify(entries));\n      const realm = await Realm.open({ path: mirrorPath });\n      this.writeMirror(realm, 'ledger', JSON.stringify(entries));\n      realm.close();\n    } catch (e) {\n      this.dropMirror();\n    }\n  }\n}`,
    },
  ],
  invalid: [
    { name: "the first copy was not awaited: it may not exist when the mirror is deleted", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nimport Realm from 'realm';\ndeclare const mirrorPath: string;\nexport class Ledger {\n  private writeMirror(realm: Realm, key: string, value: string) {\n    realm.write(() => realm.create('KV', { key, value }));\n  }\n  private dropMirror() {\n    Realm.deleteFile({ path: mirrorPath });\n  }\n  async save(entries: object[]) {\n    try {\n      AsyncStorage.setItem('ledger', JSON.stringify(entries));\n      const realm = await Realm.open({ path: mirrorPath });\n      this.writeMirror(realm, 'ledger', JSON.stringify(entries));\n      realm.close();\n    } catch (e) {\n      this.dropMirror();\n    }\n  }\n}", errors: [{messageId: "destroyOnError",line: 18}] },
    { name: "the first copy took a bare variable: the mirror is still the copy at risk", code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nimport Realm from 'realm';\ndeclare const mirrorPath: string;\nexport class Ledger {\n  private writeMirror(realm: Realm, key: string, value: string) {\n    realm.write(() => realm.create('KV', { key, value }));\n  }\n  private dropMirror() {\n    Realm.deleteFile({ path: mirrorPath });\n  }\n  async save(json: string) {\n    try {\n      await AsyncStorage.setItem('ledger', json);\n      const realm = await Realm.open({ path: mirrorPath });\n      this.writeMirror(realm, 'ledger', json);\n      realm.close();\n    } catch (e) {\n      this.dropMirror();\n    }\n  }\n}", errors: [{messageId: "destroyOnError",line: 18}] },
    {
      name: 'a SQLite file deleted when opening it fails',
      code: `import Database from 'better-sqlite3';\nimport fs from 'node:fs';\nexport function openJournal(file: string) {\n  let db;\n  try {\n    db = new Database(file);\n    db.pragma('quick_check');\n  } catch (err) {\n    fs.unlinkSync(file);\n    db = new Database(file);\n  }\n  return db;\n}`,
      errors: [{ messageId: 'destroyOnError', line: 9 }],
    },
    {
      name: 'Dexie.delete after a failed open',
      code: `import Dexie from 'dexie';\nconst db = new Dexie('app');\nexport async function start() {\n  try {\n    await db.open();\n  } catch (e) {\n    await Dexie.delete('app');\n    await db.open();\n  }\n}`,
      errors: [{ messageId: 'destroyOnError', line: 7, messageIncludes: 'db.open' }],
    },
    {
      name: 'localStorage.clear after a quota error',
      code: `export function save(key: string, value: string) {\n  try {\n    localStorage.setItem(key, value);\n  } catch (e) {\n    localStorage.clear();\n    localStorage.setItem(key, value);\n  }\n}`,
      errors: [{ messageId: 'destroyOnError', line: 5 }],
    },
    {
      name: 'deleteDatabase in a .catch of an idb open',
      code: `import { openDB } from 'idb';\nexport function open() {\n  return openDB('app', 3).catch(() => {\n    indexedDB.deleteDatabase('app');\n    return openDB('app', 3);\n  });\n}`,
      errors: [{ messageId: 'destroyOnError', line: 4 }],
    },
    {
      name: 'AsyncStorage.clear when reading fails',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function loadSettings() {\n  try {\n    return JSON.parse((await AsyncStorage.getItem('settings')) ?? '{}');\n  } catch {\n    await AsyncStorage.clear();\n    return {};\n  }\n}`,
      errors: [{ messageId: 'destroyOnError', line: 6 }],
    },
    {
      name: 'unlink in the err branch of a failed read',
      code: `const fs = require('fs');\nfunction load(file, cb) {\n  fs.readFile(file, 'utf8', (err, text) => {\n    if (err) {\n      fs.unlinkSync(file);\n      return cb(null, {});\n    }\n    cb(null, JSON.parse(text));\n  });\n}`,
      filename: 'load.cjs',
      errors: [{ messageId: 'destroyOnError', line: 5 }],
    },
    {
      name: 'the mirror is deleted, but the main store got something else',
      code: `import AsyncStorage from '@react-native-async-storage/async-storage';\nimport Realm from 'realm';\ndeclare const mirrorPath: string;\nexport class Ledger {\n  private writeMirror(realm: Realm, key: string, value: string) {\n    realm.write(() => realm.create('KV', { key, value }));\n  }\n  private dropMirror() {\n    Realm.deleteFile({ path: mirrorPath });\n  }\n  async save(entries: object[]) {\n    try {\n      await AsyncStorage.setItem('ledger-count', String(entries.length));\n      const realm = await Realm.open({ path: mirrorPath });\n      this.writeMirror(realm, 'ledger', JSON.stringify(entries));\n      realm.close();\n    } catch (e) {\n      this.dropMirror();\n    }\n  }\n}`,
      errors: [{ messageId: 'destroyOnError', line: 18 }],
    },
    {
      name: 'the same value written twice into the database that the handler deletes',
      code: `import Dexie from 'dexie';\nconst db = new Dexie('app');\nexport async function save(doc: { id: string; text: string }) {\n  try {\n    await db.table('docs').put(JSON.stringify(doc));\n    await db.table('search').put(JSON.stringify(doc));\n  } catch (e) {\n    await db.delete();\n  }\n}`,
      errors: [{ messageId: 'destroyOnError', line: 8 }],
    },
  ],
});
