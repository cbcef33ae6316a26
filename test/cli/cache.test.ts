/** `--cache`: reuse while content, config and tool version are unchanged; re-lint when any of them changes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CACHE_FILE, LintCache, stableStringify } from '../../server/src/cli/cache';
import { createFakeLint, makeTree, runCli, writeTree } from './helpers';

/** Runs twice-usable: the fake engine records which files it was asked to lint. */
async function linted(root: string, args: string[] = [], version = '1.0.0'): Promise<{ files: string[]; stdout: string; code: number }> {
  const lint = createFakeLint();
  const run = await runCli(['--cache', '--format', 'json', ...args], { cwd: root, lint, version });
  return { files: lint.calls.map((c) => path.relative(root, c.filePath)).sort(), stdout: run.stdout, code: run.code };
}

describe('cli/cache', () => {
  it('re-lints nothing when nothing changed, and reports the same results', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'b.ts': 'FAKE_WARN;\n', 'c.ts': 'export const c = 1;\n' });
    const cold = await linted(root);
    assert.deepEqual(cold.files, ['a.ts', 'b.ts', 'c.ts']);
    assert.ok(fs.existsSync(path.join(root, DEFAULT_CACHE_FILE)));
    const warm = await linted(root);
    assert.deepEqual(warm.files, []);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.code, 1);
  });

  it('re-lints a file whose content changed, even with an older modification time', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'b.ts': 'export const b = 1;\n' });
    await linted(root);
    const file = path.join(root, 'b.ts');
    const { mtime } = fs.statSync(file);
    writeTree(root, { 'b.ts': 'FAKE_ERROR;\n' });
    fs.utimesSync(file, mtime, mtime);
    const run = await linted(root);
    assert.deepEqual(run.files, ['b.ts']);
    assert.equal((JSON.parse(run.stdout) as Array<{ errorCount: number }>)[1].errorCount, 1);
  });

  it('re-lints the files whose effective config changed', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_WARN;\n', 'sub/b.ts': 'FAKE_WARN;\n' });
    await linted(root);
    writeTree(root, { 'sub/.durabilityrc.json': '{ "rules": { "fake-warn": "error" } }' });
    assert.deepEqual((await linted(root)).files, ['sub/b.ts']);
    assert.deepEqual((await linted(root, ['--rule', 'fake-warn:off'])).files, ['a.ts', 'sub/b.ts']);
    assert.deepEqual((await linted(root, ['--rule', 'fake-warn:off'])).files, []);
  });

  it('re-lints everything after a version change', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'b.ts': '' });
    await linted(root, [], '1.0.0');
    assert.deepEqual((await linted(root, [], '1.0.0')).files, []);
    assert.deepEqual((await linted(root, [], '1.1.0')).files, ['a.ts', 'b.ts']);
    assert.deepEqual((await linted(root, [], '1.1.0')).files, []);
  });

  it('treats a corrupt or foreign cache file as empty and replaces it', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', [DEFAULT_CACHE_FILE]: '{ "truncated": ' });
    const run = await linted(root);
    assert.deepEqual(run.files, ['a.ts']);
    assert.equal(run.code, 1);
    assert.deepEqual((await linted(root)).files, []);
  });

  it('--cache-location takes a file or a directory', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'tmp/.keep': '' });
    await linted(root, ['--cache-location', 'tmp/']);
    assert.ok(fs.existsSync(path.join(root, 'tmp', DEFAULT_CACHE_FILE)));
    await linted(root, ['--cache-location', 'cache/lint.json']);
    assert.ok(fs.existsSync(path.join(root, 'cache/lint.json')));
    assert.deepEqual((await linted(root, ['--cache-location', 'cache/lint.json'])).files, []);
    assert.equal(fs.existsSync(path.join(root, DEFAULT_CACHE_FILE)), false);
  });

  it('under --fix, reuses results with nothing to fix and re-lints the others; fixed results are not stored', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_WARN;\n', 'b.ts': 'FAKE_ERROR;\n' });
    await linted(root);
    const fix = await linted(root, ['--fix']);
    // a.ts has a fixable finding; b.ts's finding has no fix, so fixing cannot change it.
    assert.deepEqual(fix.files, ['a.ts']);
    assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), 'fixedWarn;\n');
    assert.deepEqual((await linted(root)).files, ['a.ts'], 'the fixed file is new content');
    assert.deepEqual((await linted(root)).files, []);
  });

  it('does not hand out its stored results for the run to edit', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\nFAKE_WARN;\n' });
    await linted(root);
    await linted(root, ['--quiet']);
    const again = JSON.parse((await linted(root)).stdout) as Array<{ warningCount: number }>;
    assert.equal(again[0].warningCount, 1);
  });

  it('warns, and still reports and exits by the findings, when the cache cannot be written', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'blocked/.keep': '' });
    // A directory where the cache file should be: the rename onto it fails.
    fs.mkdirSync(path.join(root, 'blocked', DEFAULT_CACHE_FILE));
    const run = await runCli(['--cache', '--cache-location', 'blocked/'], { cwd: root });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Found fake-error/);
    assert.match(run.stderr, /could not write the cache 'blocked\/\.durabilitylintcache'/);
  });

  it('keys configs by value, whatever order their keys were built in', () => {
    assert.equal(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
    assert.notEqual(LintCache.contentHash('a'), LintCache.contentHash('b'));
  });
});
