import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IGNORED_FILE_MESSAGE } from '../../server/src/cli/main';
import { makeTree, runCli } from './helpers';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; line?: number; fatal?: boolean; fix?: unknown }>;
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  output?: string;
  source?: string;
}

function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

describe('cli/main', () => {
  describe('exit codes', () => {
    it('is 0 with no findings, and prints nothing in stylish', async () => {
      const root = makeTree({ 'a.ts': 'export const a = 1;\n' });
      const run = await runCli([], { cwd: root });
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
    });

    it('is 1 with an error', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n' });
      const run = await runCli([], { cwd: root });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /a\.ts\n  1:1  error  Found fake-error  fake-error\n/);
      assert.match(run.stdout, /\u2716 1 problem \(1 error, 0 warnings\)/);
    });

    it('is 0 with warnings only, and 1 once they exceed --max-warnings', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_WARN;\nFAKE_WARN;\n' });
      assert.equal((await runCli([], { cwd: root })).code, 0);
      assert.equal((await runCli(['--max-warnings', '2'], { cwd: root })).code, 0);
      const over = await runCli(['--max-warnings', '1'], { cwd: root });
      assert.equal(over.code, 1);
      assert.equal(over.stderr, 'durability-lint found too many warnings (maximum: 1).\n');
      assert.match(over.stdout, /2 problems \(0 errors, 2 warnings\)/);
    });

    it('does not add the too-many-warnings line when errors already fail the run', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_ERROR;\nFAKE_WARN;\n' });
      const run = await runCli(['--max-warnings', '0'], { cwd: root });
      assert.equal(run.code, 1);
      assert.equal(run.stderr, '');
    });

    it('is 2 for a usage error, with the message on stderr', async () => {
      const run = await runCli(['--nope']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /unknown option '--nope'/);
      assert.equal(run.stdout, '');
    });

    it('is 2 for a config error naming the file and key', async () => {
      const root = makeTree({ 'a.ts': '', '.durabilityrc.json': '{ "rules": { "fake-eror": "warn" } }' });
      const run = await runCli([], { cwd: root });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, '.durabilityrc.json: rules.fake-eror: unknown rule (did you mean "fake-error"?)\n');
      assert.equal(run.stdout, '');
    });

    for (const [name, config, expected] of [
      ['an unknown key', '{ "rulez": {} }', '.durabilityrc.json: rulez: unknown key'],
      ['a bad severity', '{ "rules": { "fake-warn": "loud" } }', '.durabilityrc.json: rules.fake-warn: invalid severity "loud"'],
      ['bad rule options', '{ "rules": { "fake-error": ["warn", { "level": 1 }] } }', '.durabilityrc.json: rules.fake-error[1].level: expected a string'],
      ['a bad vocabulary entry', '{ "vocabulary": { "destroy": "x" } }', '.durabilityrc.json: vocabulary.destroy: expected an array of strings'],
      ['bad ignores', '{ "ignores": [""] }', '.durabilityrc.json: ignores[0]: expected a non-empty string'],
      ['invalid JSON', '{ "rules": }', '.durabilityrc.json:1:12: invalid JSON: value expected'],
    ]) {
      it(`is 2 for ${name} in a nested config, naming it`, async () => {
        const root = makeTree({ 'top.ts': 'FAKE_ERROR;\n', 'pkg/a.ts': '', 'pkg/.durabilityrc.json': config });
        const run = await runCli([], { cwd: root });
        assert.equal(run.code, 2);
        assert.ok(run.stderr.startsWith(path.join('pkg', expected)), run.stderr);
        assert.equal(run.stdout, '', 'no partial report');
      });
    }

    it('is 2 when a path matches nothing', async () => {
      const root = makeTree({ 'a.ts': '' });
      const run = await runCli(['a.ts', 'missing/'], { cwd: root });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "No files matching 'missing/' were found.\n");
    });

    it('is 2 when a file cannot be read, naming the file', async () => {
      const root = makeTree({ 'a.ts': '', 'b.ts': '' });
      const run = await runCli([], {
        cwd: root,
        readFile: (file) => {
          if (file.endsWith('b.ts')) throw Object.assign(new Error('denied'), { code: 'EACCES' });
          return '';
        },
      });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "Cannot read file 'b.ts': EACCES\n");
    });

    it('is 2 when the engine crashes, naming the file', async () => {
      const root = makeTree({ 'boom.ts': '' });
      const run = await runCli([], {
        cwd: root,
        lint: () => {
          throw new Error('rule exploded');
        },
      });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /internal error: Error: while linting boom\.ts: Error: rule exploded/);
    });
  });

  it('reports a parse error as one fatal message and still lints the other files', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_WARN;\n', 'bad.ts': 'const = ;\nFAKE_ERROR;\n', 'c.ts': 'FAKE_ERROR;\n' });
    const run = await runCli(['-f', 'json'], { cwd: root });
    assert.equal(run.code, 1);
    const results = json(run.stdout);
    assert.deepEqual(results.map((r) => path.basename(r.filePath)), ['a.ts', 'bad.ts', 'c.ts']);
    assert.equal(results[1].messages.length, 1);
    assert.equal(results[1].messages[0].ruleId, null);
    assert.equal(results[1].messages[0].fatal, true);
    assert.match(results[1].messages[0].message, /^Parsing error: /);
    assert.equal(results[1].fatalErrorCount, 1);
    assert.equal(results[0].warningCount, 1);
    assert.equal(results[2].errorCount, 1);
  });

  it('puts the source of files with problems into json, as ESLint', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n', 'b.ts': 'export {};\n' });
    const results = json((await runCli(['-f', 'json'], { cwd: root })).stdout);
    assert.equal(results[0].source, 'FAKE_ERROR;\n');
    assert.equal('source' in results[1], false);
  });

  it('--rule overrides the config and the defaults', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\nFAKE_WARN;\n', '.durabilityrc.json': '{ "rules": { "fake-warn": "off" } }' });
    const run = await runCli(['--rule', 'fake-error:off', '--rule', 'fake-warn:error', '-f', 'json'], { cwd: root });
    assert.equal(run.code, 1);
    const [result] = json(run.stdout);
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.severity]), [['fake-warn', 2]]);
  });

  it('--rule with an unknown id is a usage error', async () => {
    const run = await runCli(['--rule', 'fake-wran:off'], { cwd: makeTree({ 'a.ts': '' }) });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, '--rule fake-wran: unknown rule (did you mean "fake-warn"?)\n');
  });

  it('--quiet prints errors only and does not run warning rules', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\nFAKE_WARN;\n', 'b.ts': 'FAKE_WARN;\n' });
    const run = await runCli(['--quiet', '-f', 'json', '--max-warnings', '0'], { cwd: root });
    assert.equal(run.code, 1);
    const results = json(run.stdout);
    assert.deepEqual(results.map((r) => path.basename(r.filePath)), ['a.ts'], 'files without errors drop out');
    assert.deepEqual(results[0].messages.map((m) => m.ruleId), ['fake-error']);
    assert.equal(results[0].warningCount, 0);
    assert.ok(run.lint.calls.every((call) => call.config.rules['fake-warn'].severity === 0));

    const warningsOnly = await runCli(['--quiet', '--max-warnings', '0'], { cwd: makeTree({ 'b.ts': 'FAKE_WARN;\n' }) });
    assert.deepEqual([warningsOnly.code, warningsOnly.stdout, warningsOnly.stderr], [0, '', '']);
  });

  it('hands each file the config found for it', async () => {
    const root = makeTree({
      'a.ts': '',
      'pkg/b.ts': '',
      'pkg/.durabilityrc.json': '{ "rules": { "fake-error": ["warn", { "level": "high" }] }, "vocabulary": { "destroy": ["db.nuke"] } }',
    });
    const run = await runCli([], { cwd: root });
    assert.equal(run.code, 0);
    const byFile = new Map(run.lint.calls.map((c) => [path.relative(root, c.filePath), c.config]));
    assert.deepEqual(byFile.get('a.ts')!.rules['fake-error'], { severity: 2, options: { level: 'low' } });
    assert.deepEqual(byFile.get(path.join('pkg', 'b.ts'))!.rules['fake-error'], { severity: 1, options: { level: 'high' } });
    assert.deepEqual(byFile.get(path.join('pkg', 'b.ts'))!.vocabulary.destroy, ['db.nuke']);
  });

  it('honours config ignores, and --no-config skips them with the rest of the config', async () => {
    const root = makeTree({ 'a.ts': '', 'gen/b.ts': 'FAKE_ERROR;\n', '.durabilityrc.json': '{ "ignores": ["gen/"] }' });
    assert.equal((await runCli([], { cwd: root })).code, 0);
    assert.equal((await runCli(['--no-config'], { cwd: root })).code, 1);
  });

  it('--config uses the given file', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_WARN;\n', 'ci.json': '{ "rules": { "fake-warn": "error" } }' });
    assert.equal((await runCli([], { cwd: root })).code, 0);
    assert.equal((await runCli(['--config', 'ci.json'], { cwd: root })).code, 1);
    const missing = await runCli(['--config', 'nope.json'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^nope\.json: cannot read config file/);
  });

  it('warns about an explicitly named ignored file, as ESLint does', async () => {
    const root = makeTree({ '.gitignore': 'skip.ts\n', 'skip.ts': 'FAKE_ERROR;\n' });
    const run = await runCli(['skip.ts', '-f', 'json'], { cwd: root });
    assert.equal(run.code, 0);
    const [result] = json(run.stdout);
    assert.deepEqual(result.messages, [{ ruleId: null, severity: 1, message: IGNORED_FILE_MESSAGE }]);
    assert.equal(result.warningCount, 1);
    assert.equal(run.lint.calls.length, 0);
    assert.equal((await runCli(['skip.ts', '--no-ignore'], { cwd: root })).code, 1);
  });

  describe('--stdin', () => {
    it('lints standard input under --stdin-filename, with that file\'s config', async () => {
      const root = makeTree({ 'pkg/.durabilityrc.json': '{ "rules": { "fake-warn": "error" } }' });
      const run = await runCli(['--stdin', '--stdin-filename', 'pkg/input.ts', '-f', 'json'], { cwd: root, stdin: 'FAKE_WARN;\n' });
      assert.equal(run.code, 1);
      const [result] = json(run.stdout);
      assert.equal(result.filePath, path.join(root, 'pkg', 'input.ts'));
      assert.deepEqual(result.messages.map((m) => [m.ruleId, m.severity, m.line]), [['fake-warn', 2, 1]]);
    });

    it('names anonymous input <text>', async () => {
      const run = await runCli(['--stdin', '-f', 'json'], { cwd: makeTree(), stdin: 'const = ;' });
      assert.equal(run.code, 1);
      const [result] = json(run.stdout);
      assert.equal(result.filePath, '<text>');
      assert.equal(result.fatalErrorCount, 1);
    });

    it('reports an ignored --stdin-filename instead of linting it', async () => {
      const root = makeTree({ '.gitignore': 'gen/\n' });
      const run = await runCli(['--stdin', '--stdin-filename', 'gen/x.ts', '-f', 'json'], { cwd: root, stdin: 'FAKE_ERROR;' });
      assert.equal(run.code, 0);
      assert.equal(json(run.stdout)[0].messages[0].message, IGNORED_FILE_MESSAGE);
    });

    it('rejects paths and --fix alongside --stdin', async () => {
      const withPaths = await runCli(['--stdin', 'src'], { cwd: makeTree() });
      assert.equal(withPaths.code, 2);
      assert.match(withPaths.stderr, /--stdin lints standard input only/);
      const withFix = await runCli(['--stdin', '--fix'], { cwd: makeTree() });
      assert.equal(withFix.code, 2);
      assert.match(withFix.stderr, /--fix option is not supported with --stdin/);
    });

    it('returns the fixed text with --fix-dry-run', async () => {
      const run = await runCli(['--stdin', '--stdin-filename', 'a.ts', '--fix-dry-run', '-f', 'json'], { cwd: makeTree(), stdin: 'FAKE_WARN;\n' });
      assert.equal(run.code, 0);
      assert.equal(json(run.stdout)[0].output, 'fixedWarn;\n');
    });
  });

  describe('fixing', () => {
    it('--fix writes changed files only and reports what remains', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_WARN;\nFAKE_ERROR;\n', 'b.ts': 'FAKE_ERROR;\n' });
      const before = fs.statSync(path.join(root, 'b.ts')).mtimeMs;
      const run = await runCli(['--fix', '-f', 'json'], { cwd: root });
      assert.equal(run.code, 1);
      assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), 'fixedWarn;\nFAKE_ERROR;\n');
      assert.equal(fs.readFileSync(path.join(root, 'b.ts'), 'utf8'), 'FAKE_ERROR;\n');
      assert.equal(fs.statSync(path.join(root, 'b.ts')).mtimeMs, before);
      const results = json(run.stdout);
      assert.deepEqual(results[0].messages.map((m) => m.ruleId), ['fake-error']);
      assert.ok(run.lint.calls.every((c) => c.fix));
    });

    it('--fix writes nothing when the run fails on a later file', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_WARN;\n', 'b.ts': '' });
      const run = await runCli(['--fix'], {
        cwd: root,
        readFile: (file) => {
          if (file.endsWith('b.ts')) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
          return fs.readFileSync(file, 'utf8');
        },
      });
      assert.equal(run.code, 2);
      assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), 'FAKE_WARN;\n');
    });

    it('--fix-dry-run leaves files alone and puts the fixed text in output', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_WARN;\n' });
      const run = await runCli(['--fix-dry-run', '-f', 'json'], { cwd: root });
      assert.equal(run.code, 0);
      assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), 'FAKE_WARN;\n');
      assert.equal(json(run.stdout)[0].output, 'fixedWarn;\n');
    });

    it('rejects --fix with --fix-dry-run', async () => {
      const run = await runCli(['--fix', '--fix-dry-run'], { cwd: makeTree({ 'a.ts': '' }) });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot be used together/);
    });

    it('counts fixable problems in the stylish summary', async () => {
      const root = makeTree({ 'a.ts': 'FAKE_WARN;\nFAKE_ERROR;\n' });
      const run = await runCli([], { cwd: root });
      assert.match(run.stdout, /\u2716 2 problems \(1 error, 1 warning\)\n  0 errors and 1 warning potentially fixable with the `--fix` option\.\n/);
    });
  });

  it('--output-file writes the report there, creating directories, and nothing to stdout', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n' });
    const run = await runCli(['-f', 'json', '-o', 'reports/lint.json'], { cwd: root });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const report = JSON.parse(fs.readFileSync(path.join(root, 'reports', 'lint.json'), 'utf8')) as JsonResult[];
    assert.equal(report[0].errorCount, 1);
  });

  it('colours stylish output on a TTY unless NO_COLOR is set', async () => {
    const root = makeTree({ 'a.ts': 'FAKE_ERROR;\n' });
    assert.match((await runCli([], { cwd: root, isTTY: true })).stdout, /\u001b\[31merror/);
    assert.doesNotMatch((await runCli([], { cwd: root, isTTY: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
    assert.doesNotMatch((await runCli([], { cwd: root, isTTY: false })).stdout, /\u001b\[/);
    assert.match((await runCli([], { cwd: root, env: { FORCE_COLOR: '1' } })).stdout, /\u001b\[/);
  });

  it('--list-rules prints id, default severity, fixes and description', async () => {
    const run = await runCli(['--list-rules']);
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      [
        'Rule        Default  Fixes        Description',
        'fake-error  error    suggestions  Fake rule fake-error.',
        'fake-warn   warn     fix          Fake rule fake-warn.',
        '',
      ].join('\n'),
    );
    const asJson = JSON.parse((await runCli(['--list-rules', '-f', 'json'])).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(asJson[1], {
      id: 'fake-warn',
      defaultSeverity: 'warn',
      description: 'Fake rule fake-warn.',
      fixable: true,
      hasSuggestions: false,
      docsUrl: 'https://github.com/durability-lint/durability-lint/blob/main/rules/docs/fake-warn.md',
    });
  });

  it('--print-config prints the resolved config for a file', async () => {
    const root = makeTree({ '.durabilityrc.json': '{ "rules": { "fake-warn": "off" } }' });
    const run = await runCli(['--print-config', 'src/a.ts', '--rule', 'fake-error:warn'], { cwd: root });
    assert.equal(run.code, 0);
    const config = JSON.parse(run.stdout) as { rules: Record<string, { severity: number }> };
    assert.equal(config.rules['fake-warn'].severity, 0);
    assert.equal(config.rules['fake-error'].severity, 1);
  });
});
