/**
 * The real executable with the real engine and whatever rules are registered:
 * what a CI job sees. Inputs are chosen so the outcome does not depend on which
 * rules exist (parse errors, rule-free code, config errors).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { makeTree, readPackageVersion, runBin } from './helpers';

describe('cli end to end (bin/durability-lint.js)', function () {
  this.timeout(60_000);

  it('--version prints the package version', () => {
    const run = runBin(['--version'], { cwd: makeTree() });
    assert.deepEqual([run.code, run.stdout.trim(), run.stderr], [0, readPackageVersion(), '']);
  });

  it('--list-rules lists every registered rule', () => {
    const run = runBin(['--list-rules'], { cwd: makeTree() });
    assert.equal(run.code, 0);
    if (allRules.length === 0) {
      assert.equal(run.stdout, 'No rules are registered.\n');
    } else {
      const lines = run.stdout.trimEnd().split('\n');
      assert.match(lines[0], /^Rule\s+Default\s+Fixes\s+Description$/);
      assert.deepEqual(lines.slice(1).map((line) => line.split(/\s+/)[0]), allRules.map((rule) => rule.id));
      for (const rule of allRules) assert.ok(run.stdout.includes(rule.meta.docs.description), rule.id);
    }
  });

  it('exits 0 and prints nothing on code with nothing to report', () => {
    const root = makeTree({ 'src/math.ts': 'export function add(a: number, b: number) {\n  return a + b;\n}\n' });
    const run = runBin(['src'], { cwd: root });
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
  });

  it('reports a parse error as one fatal message and still checks the other files', () => {
    const root = makeTree({
      'src/broken.ts': 'export const x = ;\n',
      'src/fine.ts': 'export const y = 1;\n',
      'src/view.tsx': 'export const V = () => <div />;\n',
    });
    const run = runBin(['--format', 'json'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>>; fatalErrorCount: number; errorCount: number }>;
    assert.deepEqual(results.map((r) => path.relative(root, r.filePath)), [
      path.join('src', 'broken.ts'), path.join('src', 'fine.ts'), path.join('src', 'view.tsx'),
    ]);
    assert.equal(results[0].messages.length, 1);
    assert.equal(results[0].messages[0].ruleId, null);
    assert.equal(results[0].messages[0].fatal, true);
    assert.equal(results[0].messages[0].line, 1);
    assert.equal(results[0].fatalErrorCount, 1);
    assert.equal(results[1].fatalErrorCount + results[2].fatalErrorCount, 0);
  });

  it('prints the stylish summary for a parse error', () => {
    const root = makeTree({ 'broken.js': 'const = 1;\n' });
    const run = runBin([], { cwd: root });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^\nbroken\.js\n  1:\d+  error  Parsing error: .+\n\n\u2716 1 problem \(1 error, 0 warnings\)\n\n$/);
  });

  it('lints standard input', () => {
    const run = runBin(['--stdin', '--stdin-filename', 'input.ts', '-f', 'json'], { cwd: makeTree(), input: 'const = 1;' });
    assert.equal(run.code, 1);
    const [result] = JSON.parse(run.stdout) as Array<{ filePath: string; fatalErrorCount: number }>;
    assert.equal(path.basename(result.filePath), 'input.ts');
    assert.equal(result.fatalErrorCount, 1);
  });

  it('exits 2 on a config error, naming the file and key', () => {
    const root = makeTree({ 'a.ts': 'export {};\n', '.durabilityrc.json': '{\n  // typo\n  "rules": { "no-such-rule-here": "warn" }\n}\n' });
    const run = runBin([], { cwd: root });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^\.durabilityrc\.json: rules\.no-such-rule-here: unknown rule/);
    assert.equal(run.stdout, '');
  });

  it('exits 2 on an unknown option and on a path that matches nothing', () => {
    const root = makeTree({ 'a.ts': 'export {};\n' });
    const unknown = runBin(['--frobnicate'], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--frobnicate'/);
    const missing = runBin(['nowhere'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "No files matching 'nowhere' were found.\n");
  });

  it('config from a package.json key, with overrides by glob, shows in --print-config and in the findings', () => {
    const floating = "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport async function s(v: string) {\n  AsyncStorage.setItem('k', v);\n}\n";
    const root = makeTree({
      'package.json': JSON.stringify({
        name: 'app',
        'durability-lint': {
          rules: { 'no-floating-write': 'warn' },
          overrides: [{ files: ['scripts/**'], rules: { 'no-floating-write': 'off' } }],
        },
      }),
      'src/save.ts': floating,
      'scripts/seed.ts': floating,
    });
    const config = (file: string) => JSON.parse(runBin(['--print-config', file], { cwd: root }).stdout) as { rules: Record<string, { severity: number }> };
    assert.equal(config('src/save.ts').rules['no-floating-write'].severity, 1);
    assert.equal(config('scripts/seed.ts').rules['no-floating-write'].severity, 0);
    const run = runBin(['--format', 'json'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>;
    const byFile = Object.fromEntries(results.map((r) => [path.relative(root, r.filePath), r.messages.map((m) => `${m.ruleId}:${m.severity}`)]));
    assert.deepEqual(byFile, { [path.join('scripts', 'seed.ts')]: [], [path.join('src', 'save.ts')]: ['no-floating-write:1'] });
    assert.equal(runBin(['--max-warnings', '0'], { cwd: root }).code, 1);
  });
});
