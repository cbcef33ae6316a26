import * as assert from 'node:assert/strict';
import { parseArgs, type CliOptions } from '../../server/src/cli/args';
import { readPackageVersion } from './helpers';

function parse(argv: string[]) {
  let out = '';
  let err = '';
  const parsed = parseArgs(argv, { writeOut: (t) => (out += t), writeErr: (t) => (err += t) });
  return { parsed, out, err };
}

function options(argv: string[]): CliOptions {
  const { parsed, err } = parse(argv);
  assert.equal(parsed.kind, 'run', err);
  return (parsed as { options: CliOptions }).options;
}

describe('cli/args', () => {
  it('has ESLint-like defaults', () => {
    const o = options([]);
    assert.deepEqual(o.paths, []);
    assert.equal(o.format, 'stylish');
    assert.equal(o.maxWarnings, -1);
    assert.equal(o.config, undefined);
    assert.equal(o.ignore, true);
    assert.equal(o.quiet, false);
    assert.equal(o.fix, false);
    assert.equal(o.color, undefined);
    assert.deepEqual(o.ruleOverrides, []);
    assert.deepEqual(o.ignorePatterns, []);
  });

  it('reads every option', () => {
    const o = options([
      'src', 'lib/a.ts',
      '--format', 'json', '-o', 'report.json', '--max-warnings', '3', '--quiet',
      '--stdin-filename', 'x.ts', '--fix-dry-run', '--no-ignore',
      '--ignore-pattern', 'gen/**', '--ignore-pattern', '*.d.ts', '-c', 'cfg.json', '--no-color',
    ]);
    assert.deepEqual(o.paths, ['src', 'lib/a.ts']);
    assert.equal(o.format, 'json');
    assert.equal(o.outputFile, 'report.json');
    assert.equal(o.maxWarnings, 3);
    assert.equal(o.quiet, true);
    assert.equal(o.stdinFilename, 'x.ts');
    assert.equal(o.fixDryRun, true);
    assert.equal(o.ignore, false);
    assert.deepEqual(o.ignorePatterns, ['gen/**', '*.d.ts']);
    assert.equal(o.config, 'cfg.json');
    assert.equal(o.color, false);
  });

  it('collects repeated --rule flags, every severity spelling, last one per rule winning', () => {
    const o = options(['--rule', 'a-rule:warn', '--rule', 'b-rule:0', '--rule', 'durability/c-rule:ERROR', '--rule', 'a-rule:2']);
    assert.deepEqual(o.ruleOverrides, [
      { ruleId: 'b-rule', severity: 0 },
      { ruleId: 'c-rule', severity: 2 },
      { ruleId: 'a-rule', severity: 2 },
    ]);
  });

  it('turns --no-config into config: false', () => {
    assert.equal(options(['--no-config']).config, false);
  });

  for (const [argv, expected] of [
    [['--bogus'], /unknown option '--bogus'/],
    [['--format', 'xml'], /Allowed choices are stylish, json/],
    [['--rule', 'no-colon'], /expected <id>:<severity>/],
    [['--rule', 'a-rule:loud'], /invalid severity 'loud'/],
    [['--max-warnings', 'many'], /whole number/],
    [['--max-warnings', '-2'], /whole number/],
    [['--config'], /argument missing/],
  ] as Array<[string[], RegExp]>) {
    it(`rejects ${argv.join(' ')} with exit code 2 and a message on stderr`, () => {
      const { parsed, err, out } = parse(argv);
      assert.deepEqual(parsed, { kind: 'exit', exitCode: 2 });
      assert.match(err, expected);
      assert.equal(out, '');
    });
  }

  it('prints the package version for --version and -v', () => {
    for (const flag of ['--version', '-v']) {
      const { parsed, out } = parse([flag]);
      assert.deepEqual(parsed, { kind: 'exit', exitCode: 0 });
      assert.equal(out.trim(), readPackageVersion());
    }
  });

  it('prints help with exit code 0', () => {
    const { parsed, out } = parse(['--help']);
    assert.deepEqual(parsed, { kind: 'exit', exitCode: 0 });
    assert.match(out, /Usage: durability-lint \[options\] \[paths\.\.\.\]/);
    assert.match(out, /--max-warnings <n>/);
  });
});
