import { noNonAtomicOverwrite } from '../../rules/no-non-atomic-overwrite';
import { runRuleTests } from '../support/rule-tester';

const settingsModule = (save: string) => `import * as fs from 'node:fs';
import path from 'node:path';
const FILE = path.join(process.env.HOME ?? '.', '.app', 'settings.json');
export function load() {
  return JSON.parse(fs.readFileSync(FILE, 'utf8'));
}
export function save(settings: object) {
${save}
}`;

runRuleTests(noNonAtomicOverwrite, {
  valid: [
    { name: 'a cache file whose path is set in the constructor', code: `import { readFile, writeFile } from 'node:fs/promises';\nimport path from 'node:path';\nexport class Index {\n  private readonly file: string;\n  constructor(root: string) {\n    this.file = path.join(root, '.app', 'cache', 'index.json');\n  }\n  async read() {\n    return JSON.parse(await readFile(this.file, 'utf8'));\n  }\n  async write(index: object) {\n    await writeFile(this.file, JSON.stringify(index));\n  }\n}` },
    { name: 'temp file then rename', code: settingsModule(`  fs.writeFileSync(FILE + '.tmp', JSON.stringify(settings));\n  fs.renameSync(FILE + '.tmp', FILE);`) },
    { name: 'a temp path held in a const', code: settingsModule(`  const tempFile = \`\${FILE}.\${process.pid}\`;\n  fs.writeFileSync(tempFile, JSON.stringify(settings));\n  fs.renameSync(tempFile, FILE);`) },
    { name: 'append flag never truncates', code: settingsModule(`  fs.writeFileSync(FILE, JSON.stringify(settings), { flag: 'a' });`) },
    { name: 'exclusive-create flag fails instead of overwriting', code: settingsModule(`  fs.writeFileSync(FILE, JSON.stringify(settings), { flag: 'wx' });`) },
    { name: 'appendFile is not an overwrite', code: settingsModule(`  fs.appendFileSync(FILE, JSON.stringify(settings));`) },
    {
      name: 'write-file-atomic does temp + fsync + rename',
      code: `import fs from 'node:fs';\nimport writeFileAtomic from 'write-file-atomic';\nexport function load(p: string) { return JSON.parse(fs.readFileSync(p, 'utf8')); }\nexport function save(p: string, d: object) { writeFileAtomic.sync(p, JSON.stringify(d)); }`,
    },
    {
      name: 'a file written but never read back by this module (an export)',
      code: `import { writeFile } from 'node:fs/promises';\nexport async function exportCsv(rows: string[]) {\n  await writeFile('export.csv', rows.join('\\n'));\n}`,
    },
    {
      name: 'a different file than the one read',
      code: `import * as fs from 'node:fs';\nexport function migrate() {\n  const old = JSON.parse(fs.readFileSync('old-settings.json', 'utf8'));\n  fs.writeFileSync('settings.json', JSON.stringify(old));\n}`,
    },
    {
      name: 'creating the file only when it does not exist',
      code: `import * as fs from 'node:fs';\nconst FILE = 'settings.json';\nexport function load() {\n  if (!fs.existsSync(FILE)) {\n    fs.writeFileSync(FILE, '{}');\n  }\n  return JSON.parse(fs.readFileSync(FILE, 'utf8'));\n}`,
    },
    {
      name: 'creating the file in the catch of a failed first read',
      code: `import * as fs from 'node:fs';\nconst FILE = 'settings.json';\nexport function load() {\n  try {\n    return JSON.parse(fs.readFileSync(FILE, 'utf8'));\n  } catch {\n    fs.writeFileSync(FILE, '{}', { flag: 'w' });\n    return {};\n  }\n}`,
    },
    {
      name: 'build output is regenerated, not kept',
      code: `import * as fs from 'node:fs';\nexport function stamp() {\n  const text = fs.readFileSync('dist/index.js', 'utf8');\n  fs.writeFileSync('dist/index.js', '// built\\n' + text);\n}`,
    },
    {
      name: 'a cache file costs nothing to lose',
      code: `import * as fs from 'node:fs';\nconst cacheFile = '.eslintcache';\nexport function update(k: string) {\n  const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));\n  cache[k] = Date.now();\n  fs.writeFileSync(cacheFile, JSON.stringify(cache));\n}`,
    },
    {
      name: 'two helpers with their own path parameters are not one file',
      code: `import * as fs from 'node:fs';\nexport function readJson(file: string) { return JSON.parse(fs.readFileSync(file, 'utf8')); }\nexport function writeText(file: string, text: string) { fs.writeFileSync(file, text); }`,
    },
    {
      name: 'streams opened on a descriptor have no path to compare',
      code: `import * as fs from 'node:fs';\nexport function open(file: string, flags: string) {\n  const fd = fs.openSync(file, flags);\n  if (flags.includes('r')) return fs.createReadStream(undefined, { fd });\n  return fs.createWriteStream(undefined, { fd });\n}`,
    },
    {
      name: 'a helper that reassigns its path parameter before writing does not write the caller\'s file',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nasync function upload(file: string | Uint8Array) {\n  if (typeof file !== 'string') {\n    const data = file;\n    file = path.join(os.tmpdir(), String(Date.now()));\n    fs.writeFileSync(file, data);\n  }\n  return file;\n}\nexport async function send(imagePath: string) {\n  const bytes = fs.readFileSync(imagePath);\n  await upload(imagePath);\n  return bytes;\n}`,
    },
    {
      name: 'test fixtures are recreated by each run',
      filename: 'test/settings.test.ts',
      code: settingsModule(`  fs.writeFileSync(FILE, JSON.stringify(settings));`),
    },
    {
      name: 'a scratch folder chosen in the constructor with os.tmpdir()',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nexport class Scratch {\n  private dir: string;\n  constructor() {\n    this.dir = path.join(os.tmpdir(), 'app-work');\n  }\n  load() {\n    return JSON.parse(fs.readFileSync(path.join(this.dir, 'state.json'), 'utf8'));\n  }\n  save(s: object) {\n    fs.writeFileSync(path.join(this.dir, 'state.json'), JSON.stringify(s));\n  }\n}`,
    },
    {
      name: 'a module folder set to a mkdtemp folder in init()',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nlet workDir = '';\nexport function init() {\n  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'w-'));\n}\nexport function bump() {\n  const file = path.join(workDir, 'counter.json');\n  const n = JSON.parse(fs.readFileSync(file, 'utf8'));\n  fs.writeFileSync(file, JSON.stringify(n + 1));\n}`,
    },
    {
      name: 'a helper whose folder parameter every caller fills with a temp folder',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nfunction writeTree(root: string, name: string, text: string) {\n  const p = path.join(root, name);\n  const old = fs.readFileSync(p, 'utf8');\n  fs.writeFileSync(p, old + text);\n}\nexport function render(name: string, text: string) {\n  writeTree(path.join(os.tmpdir(), 'render'), name, text);\n}`,
    },
    {
      name: 'a window-bounds file',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\ndeclare const userData: string;\nconst boundsFile = path.join(userData, 'window-bounds.json');\nexport function restore() {\n  return JSON.parse(fs.readFileSync(boundsFile, 'utf8'));\n}\nexport function remember(b: object) {\n  fs.writeFileSync(boundsFile, JSON.stringify(b));\n}`,
    },
    {
      name: 'a window-state file named in a const options object',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\nexport function windowKeeper(options: { dir: string }) {\n  const config = Object.assign({ file: 'window-state.json' }, options);\n  const statePath = path.join(config.dir, config.file);\n  return {\n    load: () => JSON.parse(fs.readFileSync(statePath, 'utf8')),\n    save: (s: object) => fs.writeFileSync(statePath, JSON.stringify(s)),\n  };\n}`,
    },
  ],
  invalid: [
    {
      name: 'a state file whose path is set in the constructor',
      code: `import { readFile, writeFile } from 'node:fs/promises';\nimport path from 'node:path';\nexport class Index {\n  private readonly file: string;\n  constructor(root: string) {\n    this.file = path.join(root, '.app', 'library', 'index.json');\n  }\n  async read() {\n    return JSON.parse(await readFile(this.file, 'utf8'));\n  }\n  async write(index: object) {\n    await writeFile(this.file, JSON.stringify(index));\n  }\n}`,
      errors: [{ messageId: 'overwrite', line: 12 }],
    },
    {
      name: 'read-modify-write through a module constant',
      code: settingsModule(`  fs.writeFileSync(FILE, JSON.stringify(settings));`),
      errors: [
        {
          messageId: 'overwrite',
          line: 8,
          messageIncludes: 'line 5',
          suggestions: [
            {
              messageId: 'suggestAtomic',
              output: settingsModule(
                `  const fd = fs.openSync(FILE + '.tmp', 'w');\n  try {\n    fs.writeFileSync(fd, JSON.stringify(settings));\n    fs.fsyncSync(fd);\n  } finally {\n    fs.closeSync(fd);\n  }\n  fs.renameSync(FILE + '.tmp', FILE);`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a class field path, promise API, named imports in scope',
      code: `import { readFile, writeFile, open, rename } from 'node:fs/promises';
export class Store {
  constructor(private readonly file: string) {}
  async load() {
    return JSON.parse(await readFile(this.file, 'utf8'));
  }
  async save(data: object) {
    await writeFile(this.file, JSON.stringify(data), 'utf8');
  }
}`,
      errors: [
        {
          messageId: 'overwrite',
          line: 8,
          suggestions: [
            {
              messageId: 'suggestAtomic',
              output: `import { readFile, writeFile, open, rename } from 'node:fs/promises';
export class Store {
  constructor(private readonly file: string) {}
  async load() {
    return JSON.parse(await readFile(this.file, 'utf8'));
  }
  async save(data: object) {
    const handle = await open(this.file + '.tmp', 'w');
    try {
      await handle.writeFile(JSON.stringify(data), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.file + '.tmp', this.file);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'named imports without open/rename in scope: no suggestion',
      code: `import { readFileSync, writeFileSync } from 'node:fs';\nexport function bump() {\n  const state = JSON.parse(readFileSync('state.json', 'utf8'));\n  state.count++;\n  writeFileSync('state.json', JSON.stringify(state));\n}`,
      errors: [{ messageId: 'overwrite', line: 5, suggestions: [] }],
    },
    {
      name: 'a write stream over the file that was read',
      code: `import fs from 'node:fs';\nexport function rewrite(journal: string, lines: string[]) {\n  const before = fs.readFileSync(journal, 'utf8');\n  const out = fs.createWriteStream(journal);\n  out.end(before + lines.join('\\n'));\n}`,
      errors: [{ messageId: 'overwrite', line: 4, suggestions: [] }],
    },
    {
      name: 'require of a JSON file, then writing it back (callback API)',
      code: `const fs = require('fs');\nconst config = require('./config.json');\nfunction setPort(port, done) {\n  config.port = port;\n  fs.writeFile('./config.json', JSON.stringify(config), done);\n}\nmodule.exports = { setPort };`,
      filename: 'config.js',
      errors: [{ messageId: 'overwrite', line: 5 }],
    },
    {
      name: 'fs-extra writeJson',
      code: `import fse from 'fs-extra';\nconst DB = 'db.json';\nexport async function add(item: unknown) {\n  const db = await fse.readJson(DB);\n  db.items.push(item);\n  await fse.writeJson(DB, db);\n}`,
      errors: [{ messageId: 'overwrite', line: 6 }],
    },
    {
      name: 'a same-file write helper, given the file another function reads (built from different parameters)',
      code: `import * as fs from 'node:fs';
import * as path from 'node:path';
function writeToFile(location: string, data: string) {
  fs.writeFileSync(location, data, 'utf-8');
}
function metaFile(dir: string) {
  return path.join(dir, 'backup_meta.json');
}
export function getMeta(dir: string) {
  return JSON.parse(fs.readFileSync(metaFile(dir), 'utf-8'));
}
export function setMeta(dir: string, meta: object) {
  writeToFile(metaFile(dir), JSON.stringify(meta));
}
export function exportTo(dir: string, meta: object) {
  writeToFile(path.join(dir, 'export.json'), JSON.stringify(meta));
}`,
      errors: [{ messageId: 'overwrite', line: 4, messageIncludes: 'metaFile(dir)' }],
    },
    {
      name: 'opening the state file with w truncates it first',
      code: `import * as fs from 'node:fs';\nexport function save(file: string, data: string) {\n  const previous = fs.readFileSync(file, 'utf8');\n  const fd = fs.openSync(file, 'w');\n  fs.writeSync(fd, previous + data);\n  fs.closeSync(fd);\n}`,
      errors: [{ messageId: 'overwrite', line: 4 }],
    },
    {
      name: 'a folder field set to the user data folder, not a temp one',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\ndeclare const userData: string;\nexport class Store {\n  private dir: string;\n  constructor() {\n    this.dir = path.join(userData, 'store');\n  }\n  load() {\n    return JSON.parse(fs.readFileSync(path.join(this.dir, 'state.json'), 'utf8'));\n  }\n  save(s: object) {\n    fs.writeFileSync(path.join(this.dir, 'state.json'), JSON.stringify(s));\n  }\n}`,
      errors: [{ messageId: 'overwrite', line: 13 }],
    },
    {
      name: 'a module folder set to a temp folder in one place and a real one in another',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nlet workDir = '';\nexport function initForTests() {\n  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'w-'));\n}\nexport function init(home: string) {\n  workDir = path.join(home, '.app');\n}\nexport function bump() {\n  const file = path.join(workDir, 'counter.json');\n  const n = JSON.parse(fs.readFileSync(file, 'utf8'));\n  fs.writeFileSync(file, JSON.stringify(n + 1));\n}`,
      errors: [{ messageId: 'overwrite', line: 14 }],
    },
    {
      name: 'a helper one of whose callers passes a real folder',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nfunction writeTree(root: string, name: string, text: string) {\n  const p = path.join(root, name);\n  const old = fs.readFileSync(p, 'utf8');\n  fs.writeFileSync(p, old + text);\n}\nexport function render(name: string, text: string) {\n  writeTree(path.join(os.tmpdir(), 'render'), name, text);\n}\nexport function publish(home: string, name: string, text: string) {\n  writeTree(path.join(home, 'site'), name, text);\n}`,
      errors: [{ messageId: 'overwrite', line: 7 }],
    },
    {
      name: 'an exported helper: callers elsewhere may pass any folder',
      code: `import * as fs from 'node:fs';\nimport * as os from 'node:os';\nimport * as path from 'node:path';\nexport function writeTree(root: string, name: string, text: string) {\n  const p = path.join(root, name);\n  const old = fs.readFileSync(p, 'utf8');\n  fs.writeFileSync(p, old + text);\n}\nexport function render(name: string, text: string) {\n  writeTree(path.join(os.tmpdir(), 'render'), name, text);\n}`,
      errors: [{ messageId: 'overwrite', line: 7 }],
    },
    {
      name: 'a folder taken from options spread from partialOptions is not a temp folder',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\nexport class Conf {\n  private path: string;\n  constructor(partialOptions: { cwd?: string } = {}) {\n    const options = { configName: 'config', ...partialOptions };\n    this.path = path.resolve(options.cwd as string, options.configName + '.json');\n  }\n  get store() {\n    return JSON.parse(fs.readFileSync(this.path, 'utf8'));\n  }\n  set store(value: object) {\n    fs.writeFileSync(this.path, JSON.stringify(value));\n  }\n}`,
      errors: [{ messageId: 'overwrite', line: 13 }],
    },
    {
      name: 'a notes file named in a const options object',
      code: `import * as fs from 'node:fs';\nimport * as path from 'node:path';\nexport function notesKeeper(options: { dir: string }) {\n  const config = Object.assign({ file: 'notes.json' }, options);\n  const statePath = path.join(config.dir, config.file);\n  return {\n    load: () => JSON.parse(fs.readFileSync(statePath, 'utf8')),\n    save: (s: object) => fs.writeFileSync(statePath, JSON.stringify(s)),\n  };\n}`,
      errors: [{ messageId: 'overwrite', line: 8 }],
    },
  ],
});
