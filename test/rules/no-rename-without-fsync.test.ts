import { noRenameWithoutFsync } from '../../rules/no-rename-without-fsync';
import { runRuleTests } from '../support/rule-tester';

runRuleTests(noRenameWithoutFsync, {
  valid: [
    {
      name: 'FileHandle#sync before the rename',
      code: `import { open, rename } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const tmp = file + '.tmp';\n  const handle = await open(tmp, 'w');\n  try {\n    await handle.writeFile(data);\n    await handle.sync();\n  } finally {\n    await handle.close();\n  }\n  await rename(tmp, file);\n}`,
    },
    {
      name: 'fsyncSync on the descriptor',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  const tmp = file + '.tmp';\n  const fd = fs.openSync(tmp, 'w');\n  fs.writeSync(fd, data);\n  fs.fdatasyncSync(fd);\n  fs.closeSync(fd);\n  fs.renameSync(tmp, file);\n}`,
    },
    {
      name: 'flush: true on fs.promises.writeFile',
      code: `import { rename, writeFile } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  await writeFile(file + '.tmp', data, { encoding: 'utf8', flush: true });\n  await rename(file + '.tmp', file);\n}`,
    },
    {
      name: 'flush: true on writeFileSync without an explicit utf8 encoding',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', data, { flush: true, mode: 0o600 });\n  fs.renameSync(file + '.tmp', file);\n}`,
    },
    {
      name: 'flush: true with utf8 is honoured for Buffers',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', Buffer.from(data), { encoding: 'utf8', flush: true });\n  fs.renameSync(file + '.tmp', file);\n}`,
    },
    {
      name: 'a same-file helper that fsyncs',
      code: `import * as fs from 'node:fs';\nfunction flushFile(p: string) {\n  const fd = fs.openSync(p, 'r+');\n  fs.fsyncSync(fd);\n  fs.closeSync(fd);\n}\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', data);\n  flushFile(file + '.tmp');\n  fs.renameSync(file + '.tmp', file);\n}`,
    },
    {
      name: 'moving a file nobody wrote here',
      code: `import * as fs from 'node:fs';\nexport function rotate(log: string) {\n  fs.renameSync(log, log + '.1');\n}`,
    },
    {
      name: 'the write is of another file',
      code: `import * as fs from 'node:fs';\nexport function swap(a: string, b: string, data: string) {\n  fs.writeFileSync(a, data);\n  fs.renameSync(b, a + '.old');\n}`,
    },
    {
      name: 'write and rename in sibling functions are not one sequence',
      code: `import * as fs from 'node:fs';\nexport function stage(tmp: string, data: string) {\n  fs.writeFileSync(tmp, data);\n}\nexport function commit(tmp: string, file: string) {\n  fs.renameSync(tmp, file);\n}`,
    },
    {
      name: 'tests are exempt',
      filename: 'src/__tests__/store.test.ts',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', data);\n  fs.renameSync(file + '.tmp', file);\n}`,
    },
  ],
  invalid: [
    {
      name: 'writeFileSync then renameSync: open/write/fsync/close suggestion',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, state: object) {\n  const tmp = file + '.tmp';\n  fs.writeFileSync(tmp, JSON.stringify(state), 'utf8');\n  fs.renameSync(tmp, file);\n}`,
      errors: [
        {
          messageId: 'noFsync',
          line: 5,
          messageIncludes: 'line 4',
          suggestions: [
            {
              messageId: 'suggestFsync',
              output: `import * as fs from 'node:fs';\nexport function save(file: string, state: object) {\n  const tmp = file + '.tmp';\n  const fd = fs.openSync(tmp, 'w');\n  try {\n    fs.writeFileSync(fd, JSON.stringify(state), 'utf8');\n    fs.fsyncSync(fd);\n  } finally {\n    fs.closeSync(fd);\n  }\n  fs.renameSync(tmp, file);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fs.promises.writeFile then rename: two suggestions',
      code: `import { open, rename, writeFile } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const tmp = \`\${file}.\${process.pid}.tmp\`;\n  await writeFile(tmp, data);\n  await rename(tmp, file);\n}`,
      errors: [
        {
          messageId: 'noFsync',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestFsync',
              output: `import { open, rename, writeFile } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const tmp = \`\${file}.\${process.pid}.tmp\`;\n  const handle = await open(tmp, 'w');\n  try {\n    await handle.writeFile(data);\n    await handle.sync();\n  } finally {\n    await handle.close();\n  }\n  await rename(tmp, file);\n}`,
            },
            {
              messageId: 'suggestFlush',
              output: `import { open, rename, writeFile } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const tmp = \`\${file}.\${process.pid}.tmp\`;\n  await writeFile(tmp, data, { flush: true });\n  await rename(tmp, file);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'descriptor closed without fsync: the fix inserts fsyncSync',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  const tmp = file + '.tmp';\n  const fd = fs.openSync(tmp, 'w');\n  fs.writeSync(fd, data);\n  fs.closeSync(fd);\n  fs.renameSync(tmp, file);\n}`,
      errors: [{ messageId: 'noFsync', line: 7, suggestions: [] }],
      output: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  const tmp = file + '.tmp';\n  const fd = fs.openSync(tmp, 'w');\n  fs.writeSync(fd, data);\n  fs.fsyncSync(fd);\n  fs.closeSync(fd);\n  fs.renameSync(tmp, file);\n}`,
    },
    {
      name: 'named imports: the fix uses the imported fsyncSync',
      code: `import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';\nexport function save(file: string, data: string) {\n  const fd = openSync(file + '.tmp', 'w');\n  writeSync(fd, data);\n  closeSync(fd);\n  renameSync(file + '.tmp', file);\n}\nvoid fsyncSync;`,
      errors: [{ messageId: 'noFsync', line: 6 }],
      output: `import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';\nexport function save(file: string, data: string) {\n  const fd = openSync(file + '.tmp', 'w');\n  writeSync(fd, data);\n  fsyncSync(fd);\n  closeSync(fd);\n  renameSync(file + '.tmp', file);\n}\nvoid fsyncSync;`,
    },
    {
      name: 'FileHandle closed without sync: the fix inserts handle.sync()',
      code: `import { open, rename } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const handle = await open(file + '.tmp', 'w');\n  await handle.write(data);\n  await handle.close();\n  await rename(file + '.tmp', file);\n}`,
      errors: [{ messageId: 'noFsync', line: 6 }],
      output: `import { open, rename } from 'node:fs/promises';\nexport async function save(file: string, data: string) {\n  const handle = await open(file + '.tmp', 'w');\n  await handle.write(data);\n  await handle.sync();\n  await handle.close();\n  await rename(file + '.tmp', file);\n}`,
    },
    {
      name: 'flush ignored by writeFileSync for utf8 strings: the fix drops the redundant encoding',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', data, { encoding: 'utf8', flush: true });\n  fs.renameSync(file + '.tmp', file);\n}`,
      errors: [{ messageId: 'flushIgnored', line: 4 }],
      output: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  fs.writeFileSync(file + '.tmp', data, { flush: true });\n  fs.renameSync(file + '.tmp', file);\n}`,
    },
    {
      name: 'callback API: rename inside the write callback',
      filename: 'store.js',
      code: `const fs = require('fs');\nfunction save(file, data, cb) {\n  const tmp = file + '.tmp';\n  fs.writeFile(tmp, data, (err) => {\n    if (err) return cb(err);\n    fs.rename(tmp, file, cb);\n  });\n}\nmodule.exports = { save };`,
      errors: [{ messageId: 'noFsync', line: 6, suggestions: [] }],
    },
    {
      name: 'a class with private temp and target fields (steno-style)',
      code: `import { rename, writeFile } from 'node:fs/promises';\nexport class Writer {\n  #file: string;\n  #temp: string;\n  constructor(file: string) {\n    this.#file = file;\n    this.#temp = file + '.tmp';\n  }\n  async write(data: string) {\n    await writeFile(this.#temp, data, 'utf-8');\n    await rename(this.#temp, this.#file);\n  }\n}`,
      errors: [{ messageId: 'noFsync', line: 11 }],
    },
    {
      name: 'write stream then rename on finish',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, chunks: string[]) {\n  const tmp = file + '.partial';\n  const out = fs.createWriteStream(tmp);\n  for (const c of chunks) out.write(c);\n  out.end(() => fs.renameSync(tmp, file));\n}`,
      errors: [
        {
          messageId: 'noFsync',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestFlush',
              output: `import * as fs from 'node:fs';\nexport function save(file: string, chunks: string[]) {\n  const tmp = file + '.partial';\n  const out = fs.createWriteStream(tmp, { flush: true });\n  for (const c of chunks) out.write(c);\n  out.end(() => fs.renameSync(tmp, file));\n}`,
            },
          ],
        },
      ],
    },
  ],
});
