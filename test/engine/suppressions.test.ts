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
    assert.equal(result.skipped, 'tooDeep', JSON.stringify(result.messages));
  });
  describe('unbracketed chains past the depth limit are skipped with the too-deep notice, not a parse error', function () {
    // Generous: each case takes well under a second; a hang or a crash is what this is about.
    this.timeout(120_000);
    const shapes: Record<string, (depth: number) => string> = {
      'string concatenation': (n) => "let x;\nx = 'a'" + " + 'a'".repeat(n) + ';\n',
      'a || a || …': (n) => 'export const x = a' + ' || a'.repeat(n) + ';\n',
      'an else-if ladder': (n) => 'if (a) {}\n' + 'else if (a) {}\n'.repeat(n),
      'a .then() chain': (n) => 'export const p = fetch(url)' + '.then()'.repeat(n) + ';\n',
      'a .then() chain, one call a line': (n) => 'export const p = fetch(url)\n' + '  .then(f)\n'.repeat(n) + ';\n',
      'a ternary ladder': (n) => 'export const x = ' + 'a ? b : '.repeat(n) + 'c;\n',
      'unary operators': (n) => 'export const x = ' + '!'.repeat(n) + 'a;\n',
    };
    for (const [shape, make] of Object.entries(shapes)) {
      it(shape, () => {
        // 200 deep is still analysed; past the limit the file is skipped, whether the parser
        // gave out (thousands deep) or not (under a thousand).
        assert.equal(lintText(make(200), 'chain.js', { config: defaultConfig() }).skipped, undefined, '200 deep');
        for (const depth of [700, 3000, 10_000]) {
          for (const file of ['chain.js', 'chain.ts']) {
            const result = lintText(make(depth), file, { config: defaultConfig() });
            assert.equal(result.skipped, 'tooDeep', `${depth} deep in ${file}: ${JSON.stringify(result.messages)}`);
            assert.equal(result.messages.length, 1);
            assert.equal(result.messages[0].fatal, undefined);
            assert.equal(result.messages[0].severity, 1);
            assert.equal(result.fatalErrorCount, 0);
            assert.match(result.messages[0].message, /nests more than 500 levels deep/);
          }
        }
      });
    }
    it('near the limit, every run gives the same verdict (not whether the stack happened to last)', () => {
      // Depths where the parser runs out of stack on a cold start but not once warm.
      const make = shapes['string concatenation'];
      for (const depth of [480, 520, 640, 800, 900, 1000, 1200]) {
        const runs = Array.from({ length: 3 }, () => lintText(make(depth), 'chain.js', { config: defaultConfig() }));
        assert.deepEqual(runs[1], runs[0], `${depth} deep`);
        assert.deepEqual(runs[2], runs[0], `${depth} deep`);
        assert.equal(runs[0].skipped, depth > 500 ? 'tooDeep' : undefined, `${depth} deep`);
      }
    });
    it('a real syntax error in a long chain is still a parse error', () => {
      const result = lintText('export const x = a' + ' + a'.repeat(300) + ' +;\n', 'chain.js', { config: defaultConfig() });
      assert.equal(result.skipped, undefined);
      assert.equal(result.fatalErrorCount, 1);
      assert.match(result.messages[0].message, /^Parsing error: /);
    });
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
  it('a file with old-Mac (\\r) or Unicode line separators is many lines, not one minified line', () => {
    // Over 20,000 characters in all and dense with `;`: as a single line it would look minified.
    const filler = Array.from({ length: 2000 }, (_, i) => `const a${i} = ${i};`);
    for (const eol of ['\r', '\u2028', '\u2029', '\r\n']) {
      const code = [...filler, `const res = await fetch('/api', { method: 'POST', body: 'x' });`, 'localStorage.clear();', ''].join(eol);
      const result = lintText(code, 'old-mac.ts', { config: defaultConfig() });
      assert.equal(result.skipped, undefined, `${JSON.stringify(eol)}: ${result.messages[0]?.message}`);
      assert.deepEqual(result.messages.map((m) => m.ruleId), ['no-unchecked-upload-response', 'no-destroy-before-backup']);
      if (eol !== '\u2028' && eol !== '\u2029') assert.deepEqual(result.messages.map((m) => m.line), [2001, 2002]);
    }
    // Still one long line when it really is one.
    assert.equal(lintText(filler.join(' '), 'one-line.ts', { config: defaultConfig() }).skipped, 'minified');
  });
});
