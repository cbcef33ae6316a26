import { noUnfinishedWriteAtExit } from '../../rules/no-unfinished-write-at-exit';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noUnfinishedWriteAtExit, {
  valid: [
    { name: 'awaited before exit', code: `import { writeFile } from 'node:fs/promises';\nexport async function quit(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n  process.exit(0);\n}` },
    { name: 'synchronous write before exit', code: `import * as fs from 'node:fs';\nexport function quit(s: object) {\n  fs.writeFileSync('state.json', JSON.stringify(s));\n  process.exit(0);\n}` },
    { name: 'exit inside the write callback', code: `import * as fs from 'node:fs';\nexport function quit(s: object) {\n  fs.writeFile('state.json', JSON.stringify(s), () => process.exit(0));\n}` },
    { name: 'exit after the write settles', code: `import { writeFile } from 'node:fs/promises';\nexport function quit(s: object) {\n  writeFile('state.json', JSON.stringify(s)).finally(() => process.exit(0));\n}` },
    { name: 'the write and the exit are in different branches', code: `import { writeFile } from 'node:fs/promises';\nexport function onExit(s: object, failed: boolean) {\n  if (failed) {\n    process.exit(1);\n  } else {\n    writeFile('state.json', JSON.stringify(s));\n  }\n}` },
    { name: 'the write path returns before the exit', code: `import { writeFile } from 'node:fs/promises';\nexport function run(s: object, save: boolean) {\n  if (save) {\n    writeFile('state.json', JSON.stringify(s)).catch(console.error);\n    return;\n  }\n  process.exit(2);\n}` },
    { name: 'a floating write in another function', code: `import { writeFile } from 'node:fs/promises';\nexport function autosave(s: object) {\n  writeFile('state.json', JSON.stringify(s));\n}\nexport function die() {\n  process.exit(1);\n}` },
    { name: 'stream flushed before exit', code: `import * as fs from 'node:fs';\nimport { once } from 'node:events';\nexport async function dump(lines: string[]) {\n  const out = fs.createWriteStream('dump.txt');\n  for (const l of lines) out.write(l + '\\n');\n  out.end();\n  await once(out, 'finish');\n  process.exit(0);\n}` },
    { name: 'stream ended with the exit in its callback', code: `import * as fs from 'node:fs';\nexport function dump(lines: string[]) {\n  const out = fs.createWriteStream('dump.txt');\n  out.end(lines.join('\\n'), () => process.exit(0));\n}` },
    { name: 'sendBeacon and keepalive in pagehide', code: `export function watch(getDraft: () => string) {\n  window.addEventListener('pagehide', () => {\n    navigator.sendBeacon('/api/drafts', getDraft());\n    fetch('/api/drafts', { method: 'POST', body: getDraft(), keepalive: true });\n  });\n}` },
    { name: 'synchronous localStorage in beforeunload', code: `export function watch(getDraft: () => string) {\n  window.addEventListener('beforeunload', () => {\n    localStorage.setItem('draft', getDraft());\n  });\n}` },
    { name: 'beforeunload that asks the user to stay', code: `import localforage from 'localforage';\nexport function watch(dirty: () => boolean, getDraft: () => string) {\n  window.addEventListener('beforeunload', (event) => {\n    if (!dirty()) return;\n    localforage.setItem('draft', getDraft());\n    event.preventDefault();\n  });\n}` },
    { name: 'local IndexedDB write when the page is only hidden', code: `import localforage from 'localforage';\nexport function watch(getDraft: () => string) {\n  document.addEventListener('visibilitychange', () => {\n    if (document.visibilityState === 'hidden') localforage.setItem('draft', getDraft());\n  });\n}` },
    { name: 'a GET in an unload handler writes nothing', code: `export function watch() {\n  window.addEventListener('unload', () => {\n    fetch('/api/ping');\n  });\n}` },
    { name: 'a click handler is not an unload handler', code: `export function watch(getDraft: () => string) {\n  window.addEventListener('click', () => {\n    fetch('/api/drafts', { method: 'POST', body: getDraft() });\n  });\n}` },
    {
      name: 'Electron: preventDefault, save, then quit',
      code: `import { app } from 'electron';\nimport { writeFile } from 'node:fs/promises';\nlet saved = false;\napp.on('before-quit', async (event) => {\n  if (saved) return;\n  event.preventDefault();\n  await writeFile('state.json', '{}');\n  saved = true;\n  app.quit();\n});`,
    },
    { name: 'Electron: synchronous save on will-quit', code: `import { app } from 'electron';\nimport * as fs from 'node:fs';\napp.on('will-quit', () => {\n  fs.writeFileSync('state.json', '{}');\n});` },
    { name: "an emitter's own 'before-quit' is not Electron's", code: `import { writeFile } from 'node:fs/promises';\nimport { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('before-quit', async () => {\n  await writeFile('state.json', '{}');\n});` },
    { name: 'a quit method that is not Electron', code: `import { writeFile } from 'node:fs/promises';\nexport function close(app: { quit(): void }, s: object) {\n  writeFile('state.json', JSON.stringify(s)).catch(console.error);\n  app.quit();\n}` },
    { name: 'beforeExit may schedule async work', code: `import { writeFile } from 'node:fs/promises';\nprocess.on('beforeExit', async () => {\n  await writeFile('state.json', '{}');\n});` },
  ],
  invalid: [
    {
      name: 'a floating write before process.exit',
      code: `import { writeFile } from 'node:fs/promises';\nexport async function onSignal(s: object) {\n  writeFile('state.json', JSON.stringify(s));\n  process.exit(0);\n}`,
      errors: [
        {
          messageId: 'pendingWrite',
          line: 4,
          messageIncludes: 'line 3',
          suggestions: [{ messageId: 'suggestAwait', output: `import { writeFile } from 'node:fs/promises';\nexport async function onSignal(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n  process.exit(0);\n}` }],
        },
      ],
    },
    {
      name: 'a same-file async save called without await',
      code: `import { writeFile } from 'node:fs/promises';\nasync function saveState(s: object) {\n  await writeFile('state.json', JSON.stringify(s));\n}\nprocess.on('SIGINT', () => {\n  saveState({});\n  process.exit(130);\n});`,
      errors: [{ messageId: 'pendingWrite', line: 7, messageIncludes: 'saveState', suggestions: [] }],
    },
    {
      name: 'a callback-style write before exit',
      code: `import * as fs from 'node:fs';\nexport function quit(s: object) {\n  fs.writeFile('state.json', JSON.stringify(s), (err) => {\n    if (err) console.error(err);\n  });\n  process.exit(0);\n}`,
      errors: [{ messageId: 'pendingWrite', line: 6 }],
    },
    {
      name: 'a write stream ended but not waited for',
      code: `import * as fs from 'node:fs';\nexport function dump(lines: string[]) {\n  const out = fs.createWriteStream('dump.txt');\n  for (const l of lines) out.write(l + '\\n');\n  out.end();\n  process.exit(0);\n}`,
      errors: [{ messageId: 'pendingStream', line: 6, messageIncludes: 'out' }],
    },
    {
      name: 'Electron app.quit after a floating write',
      code: `import { app } from 'electron';\nimport { writeFile } from 'node:fs/promises';\napp.on('window-all-closed', () => {\n  void writeFile('windows.json', '[]');\n  app.quit();\n});`,
      errors: [{ messageId: 'pendingWrite', line: 5 }],
    },
    {
      name: 'async save in before-quit',
      code: `import { app } from 'electron';\nimport { writeFile } from 'node:fs/promises';\napp.on('before-quit', async () => {\n  await writeFile('state.json', '{}');\n});`,
      errors: [{ messageId: 'quitWrite', line: 4 }],
    },
    {
      name: 'fetch POST in beforeunload: keepalive suggestion',
      code: `export function watch(getDraft: () => string) {\n  window.addEventListener('beforeunload', () => {\n    fetch('/api/drafts', { method: 'POST', body: getDraft() });\n  });\n}`,
      errors: [
        {
          messageId: 'pageWrite',
          line: 3,
          suggestions: [{ messageId: 'suggestKeepalive', output: `export function watch(getDraft: () => string) {\n  window.addEventListener('beforeunload', () => {\n    fetch('/api/drafts', { method: 'POST', body: getDraft(), keepalive: true });\n  });\n}` }],
        },
      ],
    },
    {
      name: 'IndexedDB write through a named handler in pagehide',
      code: `import localforage from 'localforage';\nlet draft = '';\nfunction persistDraft() {\n  return localforage.setItem('draft', draft);\n}\nwindow.addEventListener('pagehide', persistDraft);`,
      errors: [{ messageId: 'pageWrite', line: 4 }],
    },
    {
      name: 'onbeforeunload property and a same-file helper',
      code: `import axios from 'axios';\nasync function pushDraft(d: string) {\n  await axios.put('/api/draft', { d });\n}\nwindow.onbeforeunload = () => {\n  pushDraft('x');\n};`,
      errors: [{ messageId: 'pageWrite', line: 6 }],
    },
    {
      name: 'network write in visibilitychange without keepalive',
      code: `export function watch(getDraft: () => string) {\n  document.addEventListener('visibilitychange', () => {\n    if (document.visibilityState === 'hidden') {\n      fetch('/api/drafts', { method: 'PUT', body: getDraft() });\n    }\n  });\n}`,
      errors: [{ messageId: 'pageWrite', line: 4 }],
    },
    {
      name: 'async write in a process exit handler',
      code: `import { writeFile } from 'node:fs/promises';\nprocess.on('exit', () => {\n  writeFile('state.json', '{}');\n});`,
      errors: [{ messageId: 'exitHandlerWrite', line: 3 }],
    },
  ],
});
