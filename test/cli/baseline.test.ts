/** Adopting the tool on an old codebase: --update-baseline, runs against it, stale entries, --prune-baseline. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASELINE_FILE_NAME } from '../../server/src/cli/baseline';
import { makeTree, runCli, writeTree } from './helpers';

const readBaseline = (root: string, file = BASELINE_FILE_NAME) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as unknown;

describe('cli/baseline', () => {
  it('--update-baseline records counts per file and rule, and the run passes', async () => {
    const root = makeTree({
      'src/a.ts': 'FAKE_ERROR;\nFAKE_ERROR;\nFAKE_WARN;\n',
      'src/b.ts': 'FAKE_ERROR;\n',
      'src/clean.ts': 'export const c = 1;\n',
    });
    const run = await runCli(['--update-baseline'], { cwd: root });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `durability-lint: wrote ${BASELINE_FILE_NAME} (3 entries).\n`);
    assert.deepEqual(readBaseline(root), {
      'src/a.ts': { 'fake-error': { count: 2 }, 'fake-warn': { count: 1 } },
      'src/b.ts': { 'fake-error': { count: 1 } },
    });
    const text = fs.readFileSync(path.join(root, BASELINE_FILE_NAME), 'utf8');
    assert.ok(text.endsWith('}\n') && text.includes('\n  "src/a.ts": {\n'), 'diff-friendly: indented, one key a line');
  });

  it('later runs hide what the baseline covers and fail on findings beyond it', async () => {
    const root = makeTree({ 'src/a.ts': 'FAKE_ERROR;\nFAKE_ERROR;\n', 'src/b.ts': 'FAKE_ERROR;\n' });
    await runCli(['--update-baseline'], { cwd: root });

    const same = await runCli(['--format', 'json'], { cwd: root });
    assert.equal(same.code, 0);
    const results = JSON.parse(same.stdout) as Array<{ messages: unknown[]; suppressedMessages: unknown[]; errorCount: number }>;
    assert.deepEqual(
      results.map((r) => [r.messages.length, r.suppressedMessages.length, r.errorCount]),
      [
        [0, 2, 0],
        [0, 1, 0],
      ],
    );

    // A new finding in b.ts (a new file for the rule would be the same): more than recorded, so all are reported.
    writeTree(root, { 'src/b.ts': 'FAKE_ERROR;\nFAKE_ERROR;\n' });
    const more = await runCli([], { cwd: root });
    assert.equal(more.code, 1);
    assert.match(more.stdout, /src\/b\.ts\n {2}1:1 {2}error {2}Found fake-error {2}fake-error\n {2}2:1 {2}error/);
    assert.doesNotMatch(more.stdout, /src\/a\.ts/);
    assert.match(more.stderr, /src\/b\.ts has 2 findings of fake-error, more than the 1 in the baseline; all 2 are reported/);

    // A brand-new file is not covered at all.
    writeTree(root, { 'src/b.ts': 'FAKE_ERROR;\n', 'src/new.ts': 'FAKE_ERROR;\n' });
    const newFile = await runCli([], { cwd: root });
    assert.equal(newFile.code, 1);
    assert.match(newFile.stdout, /src\/new\.ts/);
  });

  it('reports stale entries, and --prune-baseline lowers or removes them', async () => {
    const root = makeTree({ 'src/a.ts': 'FAKE_ERROR;\nFAKE_ERROR;\nFAKE_WARN;\n', 'src/gone.ts': 'FAKE_ERROR;\n' });
    await runCli(['--update-baseline'], { cwd: root });
    writeTree(root, { 'src/a.ts': 'FAKE_ERROR;\n' });
    fs.rmSync(path.join(root, 'src/gone.ts'));

    const stale = await runCli([], { cwd: root });
    assert.equal(stale.code, 0, 'stale entries are reported, not failed on');
    assert.equal(
      stale.stderr,
      `durability-lint: ${BASELINE_FILE_NAME} has 3 stale entries (findings that are gone; they would hide new ones). Run with --prune-baseline to remove them:\n` +
        '  src/a.ts: fake-error (recorded 2, found 1)\n' +
        '  src/a.ts: fake-warn (recorded 1, found 0)\n' +
        '  src/gone.ts: fake-error (recorded 1, found 0)\n',
    );

    const prune = await runCli(['--prune-baseline'], { cwd: root });
    assert.equal(prune.code, 0);
    assert.equal(prune.stderr, `durability-lint: pruned 3 stale entries from ${BASELINE_FILE_NAME}.\n`);
    assert.deepEqual(readBaseline(root), { 'src/a.ts': { 'fake-error': { count: 1 } } });
    assert.equal((await runCli([], { cwd: root })).stderr, '');

    // The pruned count no longer hides a finding that comes back.
    writeTree(root, { 'src/a.ts': 'FAKE_ERROR;\nFAKE_ERROR;\n' });
    assert.equal((await runCli([], { cwd: root })).code, 1);
  });

  it('does not call entries stale for rules that did not run (--quiet, --rule off) or files not linted', async () => {
    const root = makeTree({ 'src/a.ts': 'FAKE_ERROR;\nFAKE_WARN;\n', 'other/b.ts': 'FAKE_ERROR;\n' });
    await runCli(['--update-baseline'], { cwd: root });
    assert.equal((await runCli(['--quiet'], { cwd: root })).stderr, '');
    assert.equal((await runCli(['--rule', 'fake-error:off'], { cwd: root })).stderr, '');
    assert.equal((await runCli(['src'], { cwd: root })).stderr, '');
    // Nor does --prune-baseline remove them.
    await runCli(['--prune-baseline', '--quiet', 'src'], { cwd: root });
    assert.deepEqual(readBaseline(root), {
      'other/b.ts': { 'fake-error': { count: 1 } },
      'src/a.ts': { 'fake-error': { count: 1 }, 'fake-warn': { count: 1 } },
    });
  });

  it('--update-baseline over part of the tree keeps the other entries', async () => {
    const root = makeTree({ 'src/a.ts': 'FAKE_ERROR;\n', 'other/b.ts': 'FAKE_ERROR;\n' });
    await runCli(['--update-baseline'], { cwd: root });
    writeTree(root, { 'src/a.ts': 'FAKE_ERROR;\nFAKE_ERROR;\n' });
    await runCli(['--update-baseline', 'src'], { cwd: root });
    assert.deepEqual(readBaseline(root), {
      'other/b.ts': { 'fake-error': { count: 1 } },
      'src/a.ts': { 'fake-error': { count: 2 } },
    });
  });

  it('--baseline FILE uses another file, paths relative to it; --no-baseline ignores it', async () => {
    const root = makeTree({ 'pkg/src/a.ts': 'FAKE_ERROR;\n' });
    const update = await runCli(['--update-baseline', '--baseline', 'ci/baseline.json'], { cwd: root });
    assert.equal(update.code, 0);
    assert.deepEqual(readBaseline(root, 'ci/baseline.json'), { '../pkg/src/a.ts': { 'fake-error': { count: 1 } } });
    assert.equal(fs.existsSync(path.join(root, BASELINE_FILE_NAME)), false);
    assert.equal((await runCli(['--baseline', 'ci/baseline.json'], { cwd: root })).code, 0);
    assert.equal((await runCli([], { cwd: root })).code, 1, 'the default file does not exist');
    assert.equal((await runCli(['--baseline', 'ci/baseline.json', '--no-baseline'], { cwd: root })).code, 1);
  });

  it('also applies to --stdin with --stdin-filename', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n' });
    await runCli(['--update-baseline'], { cwd: root });
    const run = await runCli(['--stdin', '--stdin-filename', 'a.ts'], { cwd: root, stdin: 'FAKE_ERROR;\n' });
    assert.equal(run.code, 0);
  });

  it('is 2 for a broken or missing baseline and for conflicting options', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', [BASELINE_FILE_NAME]: '{ "a.ts": { "fake-error": { "count": "two" } } }' });
    const broken = await runCli([], { cwd: root });
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr, `${BASELINE_FILE_NAME}: a.ts.fake-error: expected { "count": n } with a whole number n\n`);
    writeTree(root, { [BASELINE_FILE_NAME]: '{ not json' });
    assert.match((await runCli([], { cwd: root })).stderr, /cannot read baseline/);

    const missing = await runCli(['--baseline', 'nope.json'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Baseline file 'nope\.json' not found\. Create it with --update-baseline\./);
    for (const args of [
      ['--update-baseline', '--prune-baseline'],
      ['--update-baseline', '--no-baseline'],
      ['--update-baseline', '--stdin'],
    ]) {
      assert.equal((await runCli(args, { cwd: root })).code, 2, args.join(' '));
    }
  });
});
