/** `--concurrency`: worker threads change how long a run takes, never what it prints. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { workerCount } from '../../server/src/cli/main';
import { createFakeLint, makeTree, repoRoot, runBin, runCli } from './helpers';

/** The tracked corpus of realistic modules (findings, suggestions, near misses), twice over plus a broken file. */
function corpusTree(): string {
  const files: Record<string, string> = { 'broken.ts': 'export const = ;\n' };
  const corpus = path.join(repoRoot, 'test', 'corpus');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(entry.name)) {
        const relative = path.relative(corpus, full);
        const text = fs.readFileSync(full, 'utf8');
        files[path.join('one', relative)] = text;
        files[path.join('two', relative)] = text;
      }
    }
  };
  walk(corpus);
  return makeTree(files);
}

describe('cli/concurrency', function () {
  this.timeout(120_000);

  it('--concurrency 2 prints byte for byte what --concurrency off prints, in json and sarif', () => {
    const root = corpusTree();
    for (const format of ['json', 'sarif']) {
      const off = runBin(['--concurrency', 'off', '--format', format], { cwd: root });
      const two = runBin(['--concurrency', '2', '--format', format], { cwd: root });
      assert.equal(off.code, 1, off.stderr);
      assert.equal(two.code, off.code, two.stderr);
      assert.ok(off.stdout.length > 1000, `${format}: the corpus has findings`);
      assert.equal(two.stdout, off.stdout, format);
      assert.equal(two.stderr, off.stderr, format);
    }
  });

  it('workers and the main thread write the same cache, and either reuses the other', () => {
    const root = corpusTree();
    const first = runBin(['--concurrency', '2', '--cache', '--format', 'json'], { cwd: root });
    const cache = fs.readFileSync(path.join(root, '.durabilitylintcache'), 'utf8');
    const second = runBin(['--concurrency', 'off', '--cache', '--format', 'json'], { cwd: root });
    assert.equal(second.stdout, first.stdout);
    assert.equal(fs.readFileSync(path.join(root, '.durabilitylintcache'), 'utf8'), cache, 'nothing to re-lint, nothing rewritten');
  });

  it('auto stays on the main thread for small runs and on two cores', () => {
    const io = { lint: lintText, cpuCount: 2 };
    assert.equal(workerCount('auto', 5000, io), 0);
    assert.equal(workerCount('auto', 49, { ...io, cpuCount: 8 }), 0);
    assert.equal(workerCount('auto', 400, { ...io, cpuCount: 8 }), 7);
    assert.equal(workerCount('auto', 100, { ...io, cpuCount: 8 }), 2);
    assert.equal(workerCount('off', 5000, { ...io, cpuCount: 8 }), 0);
    assert.equal(workerCount(4, 2, io), 2, 'never more workers than files');
    assert.equal(workerCount(4, 0, io), 0);
    assert.equal(workerCount(4, 100, { ...io, lint: createFakeLint() }), 0, 'an injected engine stays in-process');
  });

  it('rejects a bad --concurrency value', async () => {
    for (const value of ['0', 'many', '-1', '1.5']) {
      const run = await runCli(['--concurrency', value], { cwd: makeTree({ 'a.ts': '' }) });
      assert.equal(run.code, 2, value);
      assert.match(run.stderr, /expected a number of worker threads \(1 or more\), auto, or off/);
    }
  });
});
