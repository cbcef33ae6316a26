import { noSwallowedWriteError } from '../../rules/no-swallowed-write-error';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noSwallowedWriteError, {
  valid: [
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
  ],
  invalid: [
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
  ],
});
