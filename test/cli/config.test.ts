import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver, resolveConfigForFile, type ConfigOptions } from '../../server/src/cli/config';
import { ConfigError, UsageError } from '../../server/src/cli/errors';
import { fakeRules, makeTree, writeTree } from './helpers';

function resolver(cwd: string, options: ConfigOptions = {}): ConfigResolver {
  return new ConfigResolver({ cwd, rules: fakeRules, ...options });
}

function configErrorFor(files: Record<string, string>, target = 'a.ts'): ConfigError {
  const root = makeTree({ 'a.ts': '', ...files });
  try {
    resolver(root).forFile(path.join(root, target));
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('cli/config', () => {
  it('defaults every rule to its default severity and options', () => {
    const root = makeTree({ 'a.ts': '' });
    const config = resolver(root).forFile(path.join(root, 'a.ts'));
    assert.deepEqual(config, {
      rules: {
        'fake-error': { severity: 2, options: { level: 'low' } },
        'fake-warn': { severity: 1, options: {} },
      },
      vocabulary: { destroy: [], localWrite: [], remoteWrite: [], remoteRead: [] },
    });
  });

  it('cascades configs upward, the nearest one winning per rule', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'off', 'fake-warn': 'error' } }),
      'pkg/.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'warn' } }),
      'pkg/src/deep/a.ts': '',
      'top.ts': '',
    });
    const r = resolver(root);
    const nested = r.forFile(path.join(root, 'pkg/src/deep/a.ts'));
    assert.equal(nested.rules['fake-error'].severity, 1);
    assert.equal(nested.rules['fake-warn'].severity, 2, 'inherited from the outer config');
    assert.equal(r.forFile(path.join(root, 'top.ts')).rules['fake-error'].severity, 0);
    assert.deepEqual(r.configFilesFor(path.join(root, 'pkg/src/deep/a.ts')), [
      path.join(root, 'pkg/.durabilityrc.json'),
      path.join(root, '.durabilityrc.json'),
    ]);
  });

  it('stops the lookup at a config marked root', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ rules: { 'fake-warn': 'off', 'fake-error': 'off' } }),
      'pkg/.durabilityrc.json': JSON.stringify({ root: true, rules: { 'fake-error': 'warn' } }),
      'pkg/a.ts': '',
    });
    const config = resolver(root).forFile(path.join(root, 'pkg/a.ts'));
    assert.equal(config.rules['fake-error'].severity, 1);
    assert.equal(config.rules['fake-warn'].severity, 1, 'the outer "off" must not apply past root: true');
  });

  it('keeps options from a farther config when a nearer one only changes the severity', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': ['error', { level: 'high', names: ['x'] }] } }),
      'sub/.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'warn' } }),
      'sub/a.ts': '',
    });
    const config = resolver(root).forFile(path.join(root, 'sub/a.ts'));
    assert.deepEqual(config.rules['fake-error'], { severity: 1, options: { level: 'high', names: ['x'] } });
  });

  it('merges options over the rule defaults', () => {
    const root = makeTree({ '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': ['warn', { limit: 3 }] } }) });
    assert.deepEqual(resolver(root).forFile(path.join(root, 'a.ts')).rules['fake-error'].options, { level: 'low', limit: 3 });
  });

  it('reads JSON with comments and trailing commas', () => {
    const root = makeTree({
      '.durabilityrc.json': `// project config
{
  /* the warn rule is noisy here */
  "rules": { "fake-warn": "off", },
  "vocabulary": { "destroy": ["store.wipe"], },
}
`,
    });
    const config = resolver(root).forFile(path.join(root, 'a.ts'));
    assert.equal(config.rules['fake-warn'].severity, 0);
    assert.deepEqual(config.vocabulary.destroy, ['store.wipe']);
  });

  it('accepts a byte order mark and the ESLint plugin spelling of rule ids', () => {
    const root = makeTree({ '.durabilityrc.json': '\uFEFF{ "rules": { "durability/fake-error": 0 } }' });
    assert.equal(resolver(root).forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 0);
  });

  it('unions vocabulary entries across the cascade', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ vocabulary: { remoteWrite: ['api.push'], destroy: ['store.wipe'] } }),
      'sub/.durabilityrc.json': JSON.stringify({ vocabulary: { remoteWrite: ['*.uploadBackup', 'api.push'] } }),
    });
    const { vocabulary } = resolver(root).forFile(path.join(root, 'sub/a.ts'));
    assert.deepEqual(vocabulary.remoteWrite, ['api.push', '*.uploadBackup']);
    assert.deepEqual(vocabulary.destroy, ['store.wipe']);
  });

  it('reads a "durability-lint" key from package.json, but prefers .durabilityrc.json in the same directory', () => {
    const root = makeTree({
      'package.json': JSON.stringify({ name: 'x', 'durability-lint': { rules: { 'fake-error': 'warn' } } }),
      'both/package.json': JSON.stringify({ name: 'y', 'durability-lint': { rules: { 'fake-error': 'off' } } }),
      'both/.durabilityrc.json': JSON.stringify({ rules: { 'fake-warn': 'off' } }),
      'plain/package.json': JSON.stringify({ name: 'z' }),
    });
    const r = resolver(root);
    assert.equal(r.forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 1);
    const both = r.forFile(path.join(root, 'both/a.ts'));
    assert.equal(both.rules['fake-error'].severity, 1, 'the package.json next to the rc file is not read');
    assert.equal(both.rules['fake-warn'].severity, 0);
    assert.equal(r.forFile(path.join(root, 'plain/a.ts')).rules['fake-error'].severity, 1);
  });

  it('uses only the --config file when given, and only defaults with --no-config', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'warn' } }),
      'configs/strict.json': JSON.stringify({ rules: { 'fake-warn': 'error' } }),
      'sub/.durabilityrc.json': JSON.stringify({ rules: { 'fake-warn': 'off' } }),
    });
    const explicit = resolver(root, { config: 'configs/strict.json' }).forFile(path.join(root, 'sub/a.ts'));
    assert.equal(explicit.rules['fake-warn'].severity, 2);
    assert.equal(explicit.rules['fake-error'].severity, 2, 'the looked-up configs are not applied');
    const none = resolver(root, { config: false }).forFile(path.join(root, 'sub/a.ts'));
    assert.equal(none.rules['fake-warn'].severity, 1);
    assert.equal(none.rules['fake-error'].severity, 2);
  });

  it('fails early on a missing --config file', () => {
    const root = makeTree();
    assert.throws(() => resolver(root, { config: 'nope.json' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^nope\.json: cannot read config file \(ENOENT\)$/);
      return true;
    });
  });

  it('lets --rule win over config files, and rejects an unknown --rule id', () => {
    const root = makeTree({ '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': ['off', { level: 'high' }] } }) });
    const config = resolver(root, { ruleOverrides: [{ ruleId: 'fake-error', severity: 1 }] }).forFile(path.join(root, 'a.ts'));
    assert.deepEqual(config.rules['fake-error'], { severity: 1, options: { level: 'high' } });
    assert.throws(
      () => resolver(root, { ruleOverrides: [{ ruleId: 'fake-eror', severity: 1 }] }),
      (error: unknown) => error instanceof UsageError && /--rule fake-eror: unknown rule \(did you mean "fake-error"\?\)/.test(error.message),
    );
  });

  it('turns warning rules off in errors-only mode', () => {
    const root = makeTree();
    const config = resolver(root, { errorsOnly: true }).forFile(path.join(root, 'a.ts'));
    assert.equal(config.rules['fake-warn'].severity, 0);
    assert.equal(config.rules['fake-error'].severity, 2);
  });

  it('applies overrides in order, relative to the config directory, bare names matching at any depth', () => {
    const root = makeTree({
      'sub/.durabilityrc.json': JSON.stringify({
        overrides: [
          { files: ['scripts/**'], rules: { 'fake-error': 'off' } },
          { files: '*.test.ts', rules: { 'fake-warn': 'error' } },
          { files: ['scripts/keep.ts'], rules: { 'fake-error': 'warn' } },
        ],
      }),
    });
    const r = resolver(root);
    const at = (p: string) => r.forFile(path.join(root, p)).rules;
    assert.equal(at('sub/scripts/tool.ts')['fake-error'].severity, 0);
    assert.equal(at('sub/scripts/keep.ts')['fake-error'].severity, 1);
    assert.equal(at('sub/src/a.ts')['fake-error'].severity, 2);
    assert.equal(at('sub/src/deep/a.test.ts')['fake-warn'].severity, 2);
    assert.equal(at('scripts/tool.ts')['fake-error'].severity, 2, 'outside the config directory');
  });

  it('evaluates ignores relative to the directory of the config that declares them', () => {
    const root = makeTree({
      '.durabilityrc.json': JSON.stringify({ ignores: ['**/*.generated.ts'] }),
      'sub/.durabilityrc.json': JSON.stringify({ ignores: ['gen/**', 'legacy/'] }),
    });
    const r = resolver(root);
    assert.equal(r.isIgnored(path.join(root, 'sub/gen/a.ts')), true);
    assert.equal(r.isIgnored(path.join(root, 'sub/legacy/old/a.ts')), true);
    assert.equal(r.isIgnored(path.join(root, 'gen/a.ts')), false);
    assert.equal(r.isIgnored(path.join(root, 'sub/src/a.ts')), false);
    assert.equal(r.isIgnored(path.join(root, 'sub/src/api.generated.ts')), true, 'the outer config applies too');
  });

  it('picks up edited config after clearCache', () => {
    const root = makeTree({ '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'warn' } }) });
    const r = resolver(root);
    assert.equal(r.forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 1);
    writeTree(root, { '.durabilityrc.json': JSON.stringify({ rules: { 'fake-error': 'off' } }) });
    assert.equal(r.forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 1, 'cached');
    r.clearCache();
    assert.equal(r.forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 0);
  });

  it('offers a one-call resolveConfigForFile', () => {
    const root = makeTree({ '.durabilityrc.json': JSON.stringify({ rules: { 'fake-warn': 'error' } }) });
    assert.equal(resolveConfigForFile(path.join(root, 'a.ts'), { cwd: root, rules: fakeRules }).rules['fake-warn'].severity, 2);
  });

  describe('errors name the file and the key', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['unknown top-level key', { rule: {} }, /^\.durabilityrc\.json: rule: unknown key \(did you mean "rules"\?\); expected one of rules, vocabulary, ignores, root, overrides$/],
      ['unknown rule id', { rules: { 'fake-eror': 'warn' } }, /^\.durabilityrc\.json: rules\.fake-eror: unknown rule \(did you mean "fake-error"\?\)$/],
      ['unknown rule id with no close match', { rules: { 'something-else-entirely': 'warn' } }, /^\.durabilityrc\.json: rules\.something-else-entirely: unknown rule$/],
      ['bad severity', { rules: { 'fake-error': 'warning' } }, /^\.durabilityrc\.json: rules\.fake-error: invalid severity "warning"; expected off, warn, error, 0, 1 or 2$/],
      ['bad severity number', { rules: { 'fake-error': 3 } }, /rules\.fake-error: invalid severity 3/],
      ['bad severity in an array', { rules: { 'fake-error': ['loud', {}] } }, /rules\.fake-error\[0\]: invalid severity "loud"/],
      ['array too long', { rules: { 'fake-error': ['warn', {}, {}] } }, /rules\.fake-error: expected \[severity\] or \[severity, options\], got an array of 3/],
      ['unknown option', { rules: { 'fake-error': ['warn', { levle: 'high' }] } }, /rules\.fake-error\[1\]\.levle: unknown option \(known options: level, names, limit\)/],
      ['option outside its enum', { rules: { 'fake-error': ['warn', { level: 'max' }] } }, /rules\.fake-error\[1\]\.level: expected one of "low", "high", got "max"/],
      ['option of the wrong type', { rules: { 'fake-error': ['warn', { names: 'x' }] } }, /rules\.fake-error\[1\]\.names: expected an array, got a string/],
      ['options for a rule that takes none', { rules: { 'fake-warn': ['warn', { any: 1 }] } }, /rules\.fake-warn\[1\]: this rule takes no options/],
      ['rules not an object', { rules: ['fake-error'] }, /: rules: expected an object of rule id to severity, got an array/],
      ['unknown vocabulary class', { vocabulary: { delete: ['x.y'] } }, /: vocabulary\.delete: unknown vocabulary class; expected one of destroy, localWrite, remoteWrite, remoteRead/],
      ['vocabulary entry not a string', { vocabulary: { destroy: ['ok', 5] } }, /: vocabulary\.destroy\[1\]: expected a non-empty string, got number 5/],
      ['ignores not an array', { ignores: 'dist/**' }, /: ignores: expected an array of strings, got string "dist\/\*\*"/],
      ['root not a boolean', { root: 'yes' }, /: root: expected a boolean, got string "yes"/],
      ['overrides not an array', { overrides: {} }, /: overrides: expected an array of \{ files, rules \}, got an object/],
      ['override without files', { overrides: [{ rules: {} }] }, /: overrides\[0\]\.files: expected an array of strings, got nothing/],
      ['override with an unknown key', { overrides: [{ files: ['a/**'], rule: {} }] }, /: overrides\[0\]\.rule: unknown key \(did you mean "rules"\?\)/],
      ['override with an unknown rule', { overrides: [{ files: ['a/**'], rules: { nope: 'off' } }] }, /: overrides\[0\]\.rules\.nope: unknown rule/],
      ['config not an object', ['rules'], /^\.durabilityrc\.json: expected an object, got an array$/],
    ];
    for (const [name, content, expected] of cases) {
      it(name, () => {
        const error = configErrorFor({ '.durabilityrc.json': JSON.stringify(content) });
        assert.match(error.message, expected);
        assert.equal(error.file, '.durabilityrc.json');
      });
    }

    it('reports every problem in a file at once', () => {
      const error = configErrorFor({ '.durabilityrc.json': JSON.stringify({ rules: { nope: 'off', 'fake-error': 'loud' }, extra: 1 }) });
      assert.equal(error.problems.length, 3);
      assert.deepEqual(error.problems.map((p) => p.path), ['rules.nope', 'rules.fake-error', 'extra']);
    });

    it('reports a parse error with file, line and column', () => {
      const error = configErrorFor({ '.durabilityrc.json': '{\n  "rules": {}\n  "ignores": []\n}\n' });
      assert.equal(error.message, '.durabilityrc.json:3:3: invalid JSON: comma expected');
    });

    it('names a nested config by its path from the working directory', () => {
      const error = configErrorFor({ 'pkg/.durabilityrc.json': '{ "rules": { "nope": "off" } }' }, 'pkg/a.ts');
      assert.equal(error.message, `${path.join('pkg', '.durabilityrc.json')}: rules.nope: unknown rule`);
    });

    it('names the package.json key path', () => {
      const error = configErrorFor({ 'package.json': JSON.stringify({ 'durability-lint': { rules: { 'fake-error': 'nah' } } }) });
      assert.match(error.message, /^package\.json: durability-lint\.rules\.fake-error: invalid severity "nah"/);
    });

    it('does not judge a broken package.json that is not ours', () => {
      const root = makeTree({ 'package.json': '{ not json', 'a.ts': '' });
      assert.equal(resolver(root).forFile(path.join(root, 'a.ts')).rules['fake-error'].severity, 2);
    });

    it('never evaluates config as code', () => {
      const root = makeTree({ 'a.ts': '' });
      const marker = path.join(root, 'executed');
      writeTree(root, { '.durabilityrc.json': `require('fs').writeFileSync(${JSON.stringify(marker)}, ''); module.exports = {};` });
      assert.throws(() => resolver(root).forFile(path.join(root, 'a.ts')), ConfigError);
      assert.equal(fs.existsSync(marker), false);
    });
  });
});
