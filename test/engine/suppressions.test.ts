import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';

const bad = `const res = await fetch('/api', { method: 'POST', body: 'x' });\nlocalStorage.clear();`;

function rules(code: string): string[] {
  return lintText(code, 'file.ts', { config: defaultConfig() }).messages.map((m) => `${m.line}:${m.ruleId}`);
}

describe('suppressions', () => {
  it('reports both findings without directives', () => {
    assert.deepEqual(rules(bad), ['1:no-unchecked-upload-response', '2:no-destroy-before-backup']);
  });
  it('disable-next-line with a rule and a reason', () => {
    const code = `const res = await fetch('/api', { method: 'POST', body: 'x' });\n// durability-lint-disable-next-line no-destroy-before-backup -- the server keeps a copy\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['1:no-unchecked-upload-response']);
  });
  it('disable-line for every rule', () => {
    const code = `const res = await fetch('/api', { method: 'POST', body: 'x' }); // durability-lint-disable-line\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['2:no-destroy-before-backup']);
  });
  it('the durability/ prefix is accepted', () => {
    const code = `const res = await fetch('/api', { method: 'POST', body: 'x' }); // durability-lint-disable-line durability/no-unchecked-upload-response\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['2:no-destroy-before-backup']);
  });
  it('a directive for another rule does not hide this one', () => {
    const code = `const res = await fetch('/api', { method: 'POST', body: 'x' });\n// durability-lint-disable-next-line no-floating-write\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['1:no-unchecked-upload-response', '3:no-destroy-before-backup']);
  });
  it('block disable and enable', () => {
    const code = `/* durability-lint-disable no-unchecked-upload-response */\nconst res = await fetch('/api', { method: 'POST', body: 'x' });\n/* durability-lint-enable no-unchecked-upload-response */\nconst res2 = await fetch('/api', { method: 'POST', body: 'y' });\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['4:no-unchecked-upload-response', '5:no-destroy-before-backup']);
  });
  it('a block disable of everything to the end of the file', () => {
    const code = `/* durability-lint-disable */\n${bad}`;
    assert.deepEqual(rules(code), []);
  });
  it('a directive inside a string is not a directive', () => {
    const code = `const note = "// durability-lint-disable-line";\nconst res = await fetch('/api', { method: 'POST', body: note }); const s = '// durability-lint-disable-line';\nlocalStorage.clear();`;
    assert.deepEqual(rules(code), ['2:no-unchecked-upload-response', '3:no-destroy-before-backup']);
  });
  it('keeps suppressed findings when asked (for baselines and unused-directive reports)', () => {
    const code = `const res = await fetch('/api', { method: 'POST', body: 'x' }); // durability-lint-disable-line\nlocalStorage.clear();`;
    const result = lintText(code, 'file.ts', { config: defaultConfig(), keepSuppressed: true });
    assert.equal(result.suppressedMessages?.length, 1);
    assert.equal(result.suppressedMessages?.[0].ruleId, 'no-unchecked-upload-response');
  });
});

describe('bad input', () => {
  it('a file that does not parse gives one fatal message', () => {
    const result = lintText('const = ;\nlocalStorage.clear(', 'broken.ts', { config: defaultConfig() });
    assert.equal(result.messages.length, 1);
    assert.equal(result.messages[0].fatal, true);
    assert.equal(result.messages[0].ruleId, null);
    assert.equal(result.messages[0].line, 1);
    assert.match(result.messages[0].message, /^Parsing error: /);
    assert.equal(result.fatalErrorCount, 1);
  });
  it('empty files, BOMs and CRLF line endings', () => {
    assert.deepEqual(lintText('', 'empty.ts', { config: defaultConfig() }).messages, []);
    const crlf = `\uFEFFconst res = await fetch('/api', { method: 'POST', body: 'x' });\r\nlocalStorage.clear();\r\n`;
    const result = lintText(crlf, 'crlf.ts', { config: defaultConfig() });
    assert.deepEqual(result.messages.map((m) => [m.line, m.column]), [[1, 19], [2, 1]]);
  });
  it('JSX in .tsx and in plain .js files', () => {
    const code = `export function Button() {\n  return <button onClick={() => localStorage.clear()}>x</button>;\n}`;
    assert.deepEqual(lintText(code, 'a.tsx', { config: defaultConfig() }).messages, []);
    assert.deepEqual(lintText(code, 'a.js', { config: defaultConfig() }).messages, []);
  });
  it('deep nesting is analysed up to the limit and skipped with a notice beyond it', () => {
    const nested = (depth: number) => 'const x = ' + '[\n'.repeat(depth) + ']'.repeat(depth) + ';\nlocalStorage.clear();';
    assert.deepEqual(lintText(nested(400), 'deep.ts', { config: defaultConfig() }).messages, []);
    for (const depth of [3000, 10_000]) {
      const result = lintText(nested(depth), 'deep.ts', { config: defaultConfig() });
      assert.equal(result.skipped, 'tooDeep');
      assert.equal(result.messages.length, 1);
      assert.match(result.messages[0].message, /nest \d+ levels deep/);
    }
    const ifs = 'if (a) {\n'.repeat(10_000) + '}\n'.repeat(10_000);
    assert.equal(lintText(ifs, 'deep.ts', { config: defaultConfig() }).skipped, 'tooDeep');
  });
  it('a chain too deep for the analysis is skipped with a notice, not a crash', () => {
    const chain = 'export const x = a' + '.b()\n'.repeat(20_000) + ';\n';
    const result = lintText(chain, 'chain.js', { config: defaultConfig() });
    assert.ok(result.skipped === 'tooDeep' || result.messages.every((m) => m.fatal), JSON.stringify(result.messages));
  });
  it('files over the size limit and minified files are skipped with a notice', () => {
    const big = 'const a = 1;\n'.repeat(100_000);
    const tooLarge = lintText(big, 'big.ts', { config: defaultConfig(), maxFileSize: 1024 * 1024 });
    assert.equal(tooLarge.skipped, 'tooLarge');
    assert.match(tooLarge.messages[0].message, /over the 1\.0 MB limit/);
    assert.equal(lintText(big, 'big.ts', { config: defaultConfig() }).skipped, undefined);
    const minified = 'function f(){var a=1;return a};'.repeat(1000);
    const result = lintText(minified, 'bundle.js', { config: defaultConfig() });
    assert.equal(result.skipped, 'minified');
    assert.equal(result.warningCount, 1);
    // An embedded asset on one long line is data, not minified code: the file is analysed.
    const asset = `export const icon = '${'A'.repeat(50_000)}';\nconst res = await fetch('/api', { method: 'POST', body: icon });\nlocalStorage.clear();\n`;
    const analysed = lintText(asset, 'icon.ts', { config: defaultConfig() });
    assert.equal(analysed.skipped, undefined);
    assert.deepEqual(analysed.messages.map((m) => m.ruleId), ['no-unchecked-upload-response', 'no-destroy-before-backup']);
  });
});
