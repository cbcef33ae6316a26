import * as assert from 'node:assert/strict';
import { classifyLastCall } from '../support/last-call';

/** The resolved callee path of the last call in `code`, and the vocabulary entry it matches. */
function lastCall(code: string, filename = 'file.ts'): { path: string | null; api: string | null } {
  const { path, classified } = classifyLastCall(code, filename);
  return { path, api: classified ? `${classified.effect.class}:${classified.api.pattern}` : null };
}

describe('binder', () => {
  const cases: Array<[string, string, string | null, string?]> = [
    ['ES named import with alias', `import { unlink as del } from 'fs/promises';\ndel('a');`, 'fs.promises.unlink'],
    ['node: prefix and namespace import', `import * as fsp from 'node:fs/promises';\nfsp.rm('a');`, 'fs.promises.rm'],
    ['default import', `import fs from 'fs';\nfs.unlinkSync('a');`, 'fs.unlinkSync'],
    ['require', `const fs = require('fs');\nfs.unlink('a', () => {});`, 'fs.unlink', 'file.cjs'],
    ['require with destructuring and rename', `const { unlinkSync: remove } = require('node:fs');\nremove('a');`, 'fs.unlinkSync', 'file.cjs'],
    ['require(...).promises', `const fsp = require('fs').promises;\nfsp.unlink('a');`, 'fs.promises.unlink', 'file.cjs'],
    ['destructured .promises', `const { promises: { rm } } = require('fs');\nrm('a');`, 'fs.promises.rm', 'file.cjs'],
    ['createRequire', `import { createRequire } from 'node:module';\nconst require2 = createRequire(import.meta.url);\nconst fs = require2('fs');\nfs.rmSync('a');`, 'fs.rmSync'],
    ['import = require', `import fs = require('fs');\nfs.unlinkSync('a');`, 'fs.unlinkSync'],
    ['dynamic import', `async function f() {\n  const fs = await import('node:fs/promises');\n  await fs.unlink('a');\n}`, 'fs.promises.unlink'],
    ['window. prefix', `window.localStorage.clear();`, 'localStorage.clear'],
    ['globalThis prefix', `globalThis.sessionStorage.removeItem('k');`, 'sessionStorage.removeItem'],
    ['Dexie instance through a subclass', `import Dexie from 'dexie';\nclass Db extends Dexie { notes!: any }\nconst db = new Db('x');\ndb.notes.clear();`, 'dexie.new().notes.clear'],
    ['named Dexie export', `import { Dexie } from 'dexie';\nconst db = new Dexie('x');\ndb.table('t').clear();`, 'dexie.new().table().clear'],
    ['idb openDB result', `import { openDB } from 'idb';\nasync function f() {\n  const db = await openDB('x', 1);\n  await db.clear('notes');\n}`, 'idb.openDB().clear'],
    ['raw IndexedDB object store', `function f(db: IDBDatabase) {\n  db.transaction('s', 'readwrite').objectStore('s').clear();\n}`, 'IDBDatabase.new().transaction().objectStore().clear'],
    ['typed parameter', `function f(store: Storage) {\n  store.clear();\n}`, 'Storage.new().clear'],
    ['class field', `import AsyncStorage from '@react-native-async-storage/async-storage';\nclass S {\n  private storage = AsyncStorage;\n  wipe() { return this.storage.clear(); }\n}`, 'AsyncStorage.clear'],
    ['let assigned once', `import localforage from 'localforage';\nlet store;\nstore = localforage.createInstance({ name: 'x' });\nstore.clear();`, 'localforage.createInstance().clear', 'file.js'],
    ['MMKV instance', `import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\nstorage.clearAll();`, 'mmkv.MMKV.new().clearAll'],
    ['shadowed name is not the import', `import fs from 'fs';\nfunction f(fs: { unlinkSync(p: string): void }) {\n  fs.unlinkSync('a');\n}`, '?fs.unlinkSync'],
    ['Map is not storage', `const m = new Map<string, number>();\nm.clear();`, 'Map.new().clear'],
  ];
  for (const [name, code, expected, filename] of cases) {
    it(name, () => {
      assert.equal(lastCall(code, filename).path, expected);
    });
  }

  it('classifies only storage: the shadowed fs and Map resolve to nothing in the vocabulary', () => {
    assert.equal(lastCall(`const m = new Map<string, number>();\nm.clear();`).api, null);
    assert.equal(lastCall(`import fs from 'fs';\nfunction f(fs: any) {\n  fs.unlinkSync('a');\n}`).api, null);
    assert.equal(lastCall(`const fs = require('fs');\nfs.unlinkSync('a');`, 'file.cjs').api, 'destroy:fs.unlinkSync');
  });

  it('fetch is an upload only with a write method or a body', () => {
    assert.equal(lastCall(`fetch('/api');`).api, 'remoteRead:fetch');
    assert.equal(lastCall(`fetch('/api', { method: 'GET' });`).api, 'remoteRead:fetch');
    assert.equal(lastCall(`fetch('/api', { method: 'DELETE' });`).api, null);
    assert.equal(lastCall(`fetch('/api', { method: 'POST' });`).api, 'remoteWrite:fetch');
    assert.equal(lastCall(`fetch('/api', { body: 'x' });`).api, 'remoteWrite:fetch');
    assert.equal(lastCall(`const init = { method: 'PUT', body: 'x' };\nfetch('/api', init);`).api, 'remoteWrite:fetch');
  });
});
