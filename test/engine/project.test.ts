/**
 * Cross-file analysis: a call is judged by what the called function in another file
 * really does, through re-exports, aliases, default exports, class methods, tsconfig
 * paths and workspaces; cycles terminate. Each case has a near-miss where the
 * wrapper does confirm.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { Project } from '../../server/src/engine/project';
import { memoryHost } from '../support/memory-host';

const ROOT = '/repo';

function lint(files: Record<string, string>, target: string) {
  const host = memoryHost(files, ROOT);
  const project = new Project(host, ROOT);
  const file = path.join(ROOT, target);
  return lintText(host.readFile(file)!, file, { config: defaultConfig(), project });
}

function findings(files: Record<string, string>, target: string): string[] {
  return lint(files, target).messages.map((m) => `${m.line}:${m.ruleId}:${m.messageId}`);
}

const checkedPush = `export async function pushOutbox(items: unknown[]) {
  const res = await fetch('/sync', { method: 'POST', body: JSON.stringify(items) });
  if (!res.ok) throw new Error('sync failed: ' + res.status);
}
`;

const swallowingSync = `import { pushOutbox } from './push';
export async function syncAll(items: unknown[]) {
  try {
    await pushOutbox(items);
  } catch (error) {
    console.warn('sync failed', error);
  }
}
`;

const rethrowingSync = `import { pushOutbox } from './push';
export async function syncAll(items: unknown[]) {
  try {
    await pushOutbox(items);
  } catch (error) {
    console.warn('sync failed', error);
    throw error;
  }
}
`;

const settings = (importLine: string, call = 'syncAll') => `${importLine}
export async function signOut(items: unknown[]) {
  await ${call}(items);
  localStorage.clear();
}
`;

describe('cross-file analysis', () => {
  it('a wrapper two calls deep that swallows its upload error', () => {
    const files = { 'src/push.ts': checkedPush, 'src/sync-service.ts': swallowingSync, 'src/settings.ts': settings(`import { syncAll } from './sync-service';`) };
    const result = lint(files, 'src/settings.ts');
    assert.deepEqual(result.messages.map((m) => `${m.line}:${m.messageId}`), ['4:summarySwallowed']);
    const related = result.messages[0].related ?? [];
    assert.ok(related.some((r) => r.filePath === path.join(ROOT, 'src/sync-service.ts') && r.line === 4), JSON.stringify(related));
    assert.match(result.messages[0].message, /sync-service\.ts:4/);
  });

  it('near-miss: the wrapper rethrows, so awaiting it confirms', () => {
    const files = { 'src/push.ts': checkedPush, 'src/sync-service.ts': rethrowingSync, 'src/settings.ts': settings(`import { syncAll } from './sync-service';`) };
    assert.deepEqual(findings(files, 'src/settings.ts'), []);
  });

  it('three calls deep, through a floating upload at the bottom', () => {
    const files = {
      'src/push.ts': `export async function pushOutbox(items: unknown[]) {\n  fetch('/sync', { method: 'POST', body: JSON.stringify(items) }).catch(() => undefined);\n}\n`,
      'src/sync-service.ts': rethrowingSync,
      'src/api.ts': `import { syncAll } from './sync-service';\nexport async function flushEverything(items: unknown[]) {\n  await syncAll(items);\n}\n`,
      'src/settings.ts': settings(`import { flushEverything } from './api';`, 'flushEverything'),
    };
    assert.deepEqual(findings(files, 'src/settings.ts'), ['4:no-destroy-before-backup:summaryFloating']);
  });

  it('near-miss three deep: every level confirms', () => {
    const files = {
      'src/push.ts': checkedPush,
      'src/sync-service.ts': rethrowingSync,
      'src/api.ts': `import { syncAll } from './sync-service';\nexport async function flushEverything(items: unknown[]) {\n  await syncAll(items);\n}\n`,
      'src/settings.ts': settings(`import { flushEverything } from './api';`, 'flushEverything'),
    };
    assert.deepEqual(findings(files, 'src/settings.ts'), []);
  });

  it('re-exports with export * and export { x as y }, and import aliases', () => {
    const files = {
      'src/push.ts': checkedPush,
      'src/sync-service.ts': swallowingSync,
      'src/sync/index.ts': `export * from '../sync-service';\n`,
      'src/index.ts': `export { syncAll as flush } from './sync';\n`,
      'src/settings.ts': settings(`import { flush as doFlush } from './index';`, 'doFlush'),
    };
    assert.deepEqual(findings(files, 'src/settings.ts'), ['4:no-destroy-before-backup:summarySwallowed']);
    files['src/sync-service.ts'] = rethrowingSync;
    assert.deepEqual(findings(files, 'src/settings.ts'), []);
  });

  it('namespace imports', () => {
    const files = { 'src/push.ts': checkedPush, 'src/sync-service.ts': swallowingSync, 'src/settings.ts': settings(`import * as sync from './sync-service';`, 'sync.syncAll') };
    assert.deepEqual(findings(files, 'src/settings.ts'), ['4:no-destroy-before-backup:summarySwallowed']);
  });

  it('default exports', () => {
    const files = {
      'src/push.ts': checkedPush,
      'src/sync.ts': `import { pushOutbox } from './push';\nexport default async function (items: unknown[]) {\n  pushOutbox(items);\n}\n`,
      'src/settings.ts': settings(`import sync from './sync';`, 'sync'),
    };
    assert.deepEqual(findings(files, 'src/settings.ts'), ['4:no-destroy-before-backup:summaryFloating']);
    files['src/sync.ts'] = `import { pushOutbox } from './push';\nexport default async function (items: unknown[]) {\n  await pushOutbox(items);\n}\n`;
    assert.deepEqual(findings(files, 'src/settings.ts'), []);
  });

  it('class methods, through an instance and an exported singleton', () => {
    const service = (body: string) => `import { pushOutbox } from './push';\nexport class SyncService {\n  async syncAll(items: unknown[]) {\n${body}\n  }\n}\nexport const syncService = new SyncService();\n`;
    const swallow = `    try {\n      await pushOutbox(items);\n    } catch {}`;
    const files = {
      'src/push.ts': checkedPush,
      'src/service.ts': service(swallow),
      'src/a.ts': `import { SyncService } from './service';\nexport async function signOut(items: unknown[]) {\n  const svc = new SyncService();\n  await svc.syncAll(items);\n  localStorage.clear();\n}\n`,
      'src/b.ts': `import { syncService } from './service';\nexport async function signOut(items: unknown[]) {\n  await syncService.syncAll(items);\n  localStorage.clear();\n}\n`,
    };
    assert.deepEqual(findings(files, 'src/a.ts'), ['5:no-destroy-before-backup:summarySwallowed']);
    assert.deepEqual(findings(files, 'src/b.ts'), ['4:no-destroy-before-backup:summarySwallowed']);
    files['src/service.ts'] = service('    await pushOutbox(items);');
    assert.deepEqual(findings(files, 'src/a.ts'), []);
    assert.deepEqual(findings(files, 'src/b.ts'), []);
  });

  it('a tsconfig paths alias and baseUrl', () => {
    const files = {
      'tsconfig.json': `{\n  // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } }\n}`,
      'src/push.ts': checkedPush,
      'src/services/sync-service.ts': swallowingSync.replace("'./push'", "'@/push'"),
      'src/settings.ts': settings(`import { syncAll } from '@/services/sync-service';`),
    };
    assert.deepEqual(findings(files, 'src/settings.ts'), ['4:no-destroy-before-backup:summarySwallowed']);
  });

  it('a workspace package', () => {
    const files = {
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/sync/package.json': JSON.stringify({ name: '@app/sync', main: 'dist/index.js' }),
      'packages/sync/src/index.ts': swallowingSync.replace("'./push'", "'./push.js'"),
      'packages/sync/src/push.ts': checkedPush,
      'packages/app/src/settings.ts': settings(`import { syncAll } from '@app/sync';`),
    };
    assert.deepEqual(findings(files, 'packages/app/src/settings.ts'), ['4:no-destroy-before-backup:summarySwallowed']);
  });

  it('an import cycle terminates, and recursion is judged as unknown', () => {
    const files = {
      'src/a.ts': `import { b } from './b';\nexport async function a(n: number): Promise<void> {\n  if (n > 0) await b(n - 1);\n  await fetch('/x', { method: 'POST', body: String(n) });\n}\n`,
      'src/b.ts': `import { a } from './a';\nexport async function b(n: number): Promise<void> {\n  if (n > 0) await a(n - 1);\n}\n`,
      'src/c.ts': `import { a } from './a';\nexport async function go() {\n  await a(3);\n  localStorage.clear();\n}\n`,
    };
    const result = findings(files, 'src/c.ts');
    assert.deepEqual(result, ['4:no-destroy-before-backup:summaryUnchecked']);
  });

  it('a storage instance exported by another module is storage here', () => {
    const files = {
      'src/db.ts': `import Dexie, { type Table } from 'dexie';\nclass AppDb extends Dexie {\n  notes!: Table<{ id: string }>;\n}\nexport const db = new AppDb('app');\n`,
      'src/logout.ts': `import axios from 'axios';\nimport { db } from './db';\nexport async function signOut(notes: unknown[]) {\n  axios.post('/api/notes', notes);\n  await db.notes.clear();\n}\n`,
    };
    assert.deepEqual(findings(files, 'src/logout.ts'), ['4:no-floating-write:dropped', '5:no-destroy-before-backup:floating']);
    files['src/logout.ts'] = files['src/logout.ts'].replace('  axios.post', '  await axios.post');
    assert.deepEqual(findings(files, 'src/logout.ts'), []);
  });

  it('an imported file too deep to analyse is unknown here, as without a project', () => {
    const deep = `${swallowingSync}export const table = ${Array.from({ length: 700 }, () => "'x'").join(' + ')};\n`;
    const files = { 'src/push.ts': checkedPush, 'src/sync-service.ts': deep, 'src/settings.ts': settings(`import { syncAll } from './sync-service';`) };
    assert.deepEqual(findings(files, 'src/settings.ts'), []);
    assert.equal(lint(files, 'src/sync-service.ts').skipped, 'tooDeep');
    // The same file, shallow: judged by what syncAll does.
    assert.equal(findings({ ...files, 'src/sync-service.ts': swallowingSync }, 'src/settings.ts').length, 1);
  });

  it('without a project, imported functions fall back to names', () => {
    const host = memoryHost({ 'src/push.ts': checkedPush, 'src/sync-service.ts': swallowingSync, 'src/settings.ts': settings(`import { syncAll } from './sync-service';`) }, ROOT);
    const file = path.join(ROOT, 'src/settings.ts');
    assert.deepEqual(lintText(host.readFile(file)!, file, { config: defaultConfig() }).messages, []);
  });

  it('invalidating a file reports its dependents', () => {
    const host = memoryHost({ 'src/push.ts': checkedPush, 'src/sync-service.ts': swallowingSync, 'src/settings.ts': settings(`import { syncAll } from './sync-service';`) }, ROOT);
    const project = new Project(host, ROOT);
    const file = path.join(ROOT, 'src/settings.ts');
    assert.equal(lintText(host.readFile(file)!, file, { config: defaultConfig(), project }).messages.length, 1);
    host.files.set(path.join(ROOT, 'src/sync-service.ts'), rethrowingSync);
    assert.deepEqual(project.invalidate(path.join(ROOT, 'src/sync-service.ts')), [file]);
    assert.equal(lintText(host.readFile(file)!, file, { config: defaultConfig(), project }).messages.length, 0);
  });

  it('after an invalidation, a file in between keeps its parse but not its summaries', () => {
    const api = `import { syncAll } from './sync-service';\nexport async function flushEverything(items: unknown[]) {\n  await syncAll(items);\n}\n`;
    const files = { 'src/push.ts': checkedPush, 'src/sync-service.ts': swallowingSync, 'src/api.ts': api, 'src/settings.ts': settings(`import { flushEverything } from './api';`, 'flushEverything') };
    const host = memoryHost(files, ROOT);
    const project = new Project(host, ROOT);
    const file = path.join(ROOT, 'src/settings.ts');
    const lintSettings = () => lintText(host.readFile(file)!, file, { config: defaultConfig(), project }).messages.map((m) => m.messageId);
    assert.deepEqual(lintSettings(), ['summarySwallowed']);
    const apiParse = project.parsedFor(path.join(ROOT, 'src/api.ts'), api)!.ast;
    host.files.set(path.join(ROOT, 'src/sync-service.ts'), rethrowingSync);
    assert.deepEqual(project.invalidate(path.join(ROOT, 'src/sync-service.ts')).sort(), [path.join(ROOT, 'src/api.ts'), file]);
    assert.equal(project.parsedFor(path.join(ROOT, 'src/api.ts'), api)!.ast, apiParse);
    assert.deepEqual(lintSettings(), []);
  });

  it('gives the same findings when module analyses are forgotten between files (a memory budget)', () => {
    const files = {
      'src/push.ts': checkedPush,
      'src/sync-service.ts': swallowingSync,
      'src/settings.ts': settings("import { syncAll } from './sync-service';"),
      'src/other.ts': settings("import { syncAll } from './sync-service';", 'syncAll'),
    };
    const host = memoryHost(files, ROOT);
    const kept = new Project(host, ROOT);
    const trimmed = new Project(host, ROOT);
    for (const target of ['src/settings.ts', 'src/other.ts', 'src/sync-service.ts', 'src/settings.ts']) {
      const file = path.join(ROOT, target);
      const text = host.readFile(file)!;
      const expected = lintText(text, file, { config: defaultConfig(), project: kept }).messages;
      const actual = lintText(text, file, { config: defaultConfig(), project: trimmed }).messages;
      trimmed.trim(0);
      assert.deepEqual(actual, expected, target);
    }
    assert.deepEqual(trimmed.dependenciesOf(path.join(ROOT, 'src/settings.ts')), kept.dependenciesOf(path.join(ROOT, 'src/settings.ts')));
    assert.ok(lint(files, 'src/settings.ts').messages.some((m) => m.ruleId === 'no-destroy-before-backup'), 'the case has a cross-file finding');
  });
});

