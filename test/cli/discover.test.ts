import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, type DiscoverOptions } from '../../server/src/cli/discover';
import { InputError } from '../../server/src/cli/errors';
import { makeTree } from './helpers';

function discover(root: string, patterns: string[] = [], options: Partial<DiscoverOptions> = {}) {
  const found = discoverFiles(patterns, { cwd: root, useIgnores: true, ...options });
  const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));
  return { files: rel(found.files), ignoredFiles: rel(found.ignoredFiles) };
}

function inputError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${error}`);
    return error.message;
  }
  assert.fail('expected an InputError');
}

describe('cli/discover', () => {
  it('walks directories for every supported extension, sorted', () => {
    const root = makeTree({
      'src/b.ts': '', 'src/a.tsx': '', 'src/c.mts': '', 'src/d.cts': '',
      'lib/e.js': '', 'lib/f.jsx': '', 'lib/g.mjs': '', 'lib/h.cjs': '', 'lib/UPPER.TS': '',
      'README.md': '', 'src/data.json': '', 'src/styles.css': '', '.storybook/main.ts': '',
    });
    assert.deepEqual(discover(root).files, [
      '.storybook/main.ts',
      'lib/UPPER.TS', 'lib/e.js', 'lib/f.jsx', 'lib/g.mjs', 'lib/h.cjs',
      'src/a.tsx', 'src/b.ts', 'src/c.mts', 'src/d.cts',
    ]);
  });

  it('skips dependencies, build output and minified files by default', () => {
    const root = makeTree({
      'src/a.ts': '',
      'node_modules/pkg/index.js': '', 'packages/x/node_modules/y/index.js': '',
      'dist/a.js': '', 'build/a.js': '', 'out/a.js': '', 'coverage/lcov-report/a.js': '', 'src/vendor.min.js': '',
      'packages/x/dist/index.js': '', 'packages/x/src/index.ts': '',
    });
    assert.deepEqual(discover(root).files, ['packages/x/src/index.ts', 'src/a.ts']);
  });

  it('honours root and nested .gitignore files, each relative to its own directory', () => {
    const root = makeTree({
      '.gitignore': '*.gen.ts\n/generated/\ntmp\n',
      'a.ts': '', 'a.gen.ts': '', 'generated/x.ts': '', 'tmp/t.ts': '',
      'pkg/.gitignore': 'local.ts\n/anchored.ts\n!keep.gen.ts\n',
      'pkg/local.ts': '', 'pkg/anchored.ts': '', 'pkg/deep/anchored.ts': '', 'pkg/keep.gen.ts': '', 'pkg/other.gen.ts': '',
      'pkg/generated/y.ts': '', 'pkg/tmp/t.ts': '',
      'local.ts': '',
    });
    assert.deepEqual(discover(root).files, [
      'a.ts',
      'local.ts', // pkg/.gitignore's pattern does not reach upward
      'pkg/deep/anchored.ts', // "/anchored.ts" only matches next to that .gitignore
      'pkg/generated/y.ts', // "/generated/" is anchored to the root
      'pkg/keep.gen.ts', // re-included by the deeper file
    ]);
  });

  it('never re-includes a file inside an ignored directory', () => {
    const root = makeTree({
      '.gitignore': 'vendor/\n',
      'vendor/.gitignore': '!lib.ts\n',
      'vendor/lib.ts': '',
      'a.ts': '',
    });
    assert.deepEqual(discover(root).files, ['a.ts']);
  });

  it('reads .gitignore files up to the repository root when run from a subdirectory', () => {
    const root = makeTree({ '.gitignore': 'secret.ts\n', 'app/secret.ts': '', 'app/main.ts': '' });
    fs.mkdirSync(path.join(root, '.git'));
    assert.deepEqual(discover(path.join(root, 'app')).files, ['main.ts']);
  });

  it('ignores .gitignore files above the working directory when there is no repository', () => {
    const root = makeTree({ '.gitignore': '*\n', 'app/main.ts': '' });
    assert.deepEqual(discover(path.join(root, 'app')).files, ['main.ts']);
  });

  it('applies --ignore-pattern relative to the working directory', () => {
    const root = makeTree({ 'src/a.ts': '', 'src/a.d.ts': '', 'gen/x.ts': '', 'src/gen/y.ts': '' });
    assert.deepEqual(discover(root, [], { ignorePatterns: ['*.d.ts', '/gen/'] }).files, ['src/a.ts', 'src/gen/y.ts']);
  });

  it('asks the config resolver about config ignores', () => {
    const root = makeTree({ 'a.ts': '', 'b.ts': '' });
    const asked: string[] = [];
    const found = discover(root, [], { isIgnoredByConfig: (file) => (asked.push(file), file.endsWith('b.ts')) });
    assert.deepEqual(found.files, ['a.ts']);
    assert.deepEqual(asked.sort(), [path.join(root, 'a.ts'), path.join(root, 'b.ts')]);
  });

  it('with --no-ignore, lints what every ignore source excludes', () => {
    const root = makeTree({
      '.gitignore': 'ignored.ts\n', 'ignored.ts': '', 'node_modules/m/index.js': '', 'dist/d.js': '', 'a.ts': '', 'x.min.js': '',
    });
    const found = discover(root, [], { useIgnores: false, ignorePatterns: ['a.ts'], isIgnoredByConfig: () => true });
    assert.deepEqual(found.files, ['a.ts', 'dist/d.js', 'ignored.ts', 'node_modules/m/index.js', 'x.min.js']);
  });

  it('lints explicitly named files, deduplicated with walked ones', () => {
    const root = makeTree({ 'src/a.ts': '', 'src/b.js': '', 'other/c.ts': '' });
    assert.deepEqual(discover(root, ['src/b.js', 'src', 'other/c.ts']).files, ['other/c.ts', 'src/a.ts', 'src/b.js']);
  });

  it('reports an explicitly named but ignored file separately, as ESLint warns about it', () => {
    const root = makeTree({ '.gitignore': 'skip.ts\n', 'skip.ts': '', 'node_modules/m/x.ts': '', 'a.ts': '' });
    const found = discover(root, ['skip.ts', 'node_modules/m/x.ts', 'a.ts']);
    assert.deepEqual(found.files, ['a.ts']);
    assert.deepEqual(found.ignoredFiles, ['node_modules/m/x.ts', 'skip.ts']);
  });

  it('expands glob arguments', () => {
    const root = makeTree({ 'src/a.ts': '', 'src/deep/b.ts': '', 'src/c.js': '', 'node_modules/x/d.ts': '' });
    assert.deepEqual(discover(root, ['**/*.ts']).files, ['src/a.ts', 'src/deep/b.ts']);
  });

  it('fails on a path that matches nothing', () => {
    const root = makeTree({ 'a.ts': '', 'empty/readme.md': '', 'notes.txt': '' });
    assert.equal(inputError(() => discover(root, ['missing'])), "No files matching 'missing' were found.");
    assert.equal(inputError(() => discover(root, ['empty'])), "No files matching 'empty' were found.");
    assert.equal(inputError(() => discover(root, ['notes.txt'])), "No files matching 'notes.txt' were found.");
    assert.equal(inputError(() => discover(root, ['src/**/*.ts'])), "No files matching 'src/**/*.ts' were found.");
  });

  it('fails when every file a path matches is ignored', () => {
    const root = makeTree({ '.gitignore': 'legacy/\n', 'legacy/a.ts': '', 'a.ts': '', 'node_modules/m/i.js': '' });
    assert.equal(inputError(() => discover(root, ['legacy'])), "All files matched by 'legacy' are ignored.");
    assert.equal(inputError(() => discover(root, ['node_modules/m'])), "All files matched by 'node_modules/m' are ignored.");
  });
});
