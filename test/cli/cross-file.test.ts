/**
 * The CLI judges calls to project functions by what they really do (cross-file
 * summaries), with workers and with the cache: a change in the called file re-checks
 * the calling file even when the calling file did not change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, runBin } from './helpers';

const files = (syncBody: string) => ({
  'package.json': JSON.stringify({ name: 'app', private: true }),
  'src/push.ts': `export async function pushOutbox(items: unknown[]) {\n  const res = await fetch('/sync', { method: 'POST', body: JSON.stringify(items) });\n  if (!res.ok) throw new Error('sync failed');\n}\n`,
  'src/sync-service.ts': `import { pushOutbox } from './push';\nexport async function syncAll(items: unknown[]) {\n${syncBody}\n}\n`,
  'src/settings.ts': `import { syncAll } from './sync-service';\nexport async function signOut(items: unknown[]) {\n  await syncAll(items);\n  localStorage.clear();\n}\n`,
});
const swallowing = `  try {\n    await pushOutbox(items);\n  } catch (error) {\n    console.warn('sync failed', error);\n  }`;
const rethrowing = `  await pushOutbox(items);`;

function findings(stdout: string): string[] {
  const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.ruleId}`));
}

describe('cli cross-file analysis', () => {
  it('reports a clear after a wrapper that swallows its upload error, and names the wrapper', () => {
    const root = makeTree(files(swallowing));
    const run = runBin(['--format', 'json', 'src'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(findings(run.stdout), ['settings.ts:4:no-destroy-before-backup']);
    assert.match(run.stdout, /sync-service\.ts:4/);
  });

  it('is silent when the wrapper rethrows', () => {
    const root = makeTree(files(rethrowing));
    const run = runBin(['--format', 'json', 'src'], { cwd: root });
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it('gives the same report with two workers', () => {
    const root = makeTree(files(swallowing));
    const off = runBin(['--format', 'json', '--concurrency', 'off', 'src'], { cwd: root });
    const two = runBin(['--format', 'json', '--concurrency', '2', 'src'], { cwd: root });
    assert.equal(two.stdout, off.stdout);
  });

  it('with --cache, re-checks a caller when only the called file changed', () => {
    const root = makeTree(files(swallowing));
    const first = runBin(['--format', 'json', '--cache', 'src'], { cwd: root });
    assert.deepEqual(findings(first.stdout), ['settings.ts:4:no-destroy-before-backup']);
    fs.writeFileSync(path.join(root, 'src/sync-service.ts'), files(rethrowing)['src/sync-service.ts']);
    const second = runBin(['--format', 'json', '--cache', 'src'], { cwd: root });
    assert.deepEqual(findings(second.stdout), []);
    fs.writeFileSync(path.join(root, 'src/sync-service.ts'), files(swallowing)['src/sync-service.ts']);
    const third = runBin(['--format', 'json', '--cache', 'src'], { cwd: root });
    assert.deepEqual(findings(third.stdout), ['settings.ts:4:no-destroy-before-backup']);
  });
});

describe('cli and files it cannot check', () => {
  it('exits 1 and names a skipped file, and 0 once it is ignored', () => {
    const root = makeTree({
      'src/app.ts': 'export const a = 1;\n',
      'src/vendor/bundle.js': 'function f(){var a=1;return a};'.repeat(1000) + '\n',
    });
    const run = runBin(['src'], { cwd: root });
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /could not check 1 file \(src[\\/]vendor[\\/]bundle\.js\)/);
    fs.writeFileSync(path.join(root, '.durabilityrc.json'), JSON.stringify({ ignores: ['src/vendor/**'] }));
    assert.equal(runBin(['src'], { cwd: root }).code, 0);
  });
});
