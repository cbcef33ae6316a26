import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { shouldUseColor } from '../../server/src/cli/color';
import { formatterNames, getFormatter, type FormatterContext } from '../../server/src/cli/formatters';
import type { FileResult, LintMessage } from '../../server/src/engine/types';

const cwd = path.resolve('/project');
const context: FormatterContext = { cwd, color: false, rules: [] };

function result(file: string, messages: LintMessage[], extra: Partial<FileResult> = {}): FileResult {
  const errors = messages.filter((m) => m.severity === 2);
  const warnings = messages.filter((m) => m.severity === 1);
  return {
    filePath: path.join(cwd, file),
    messages,
    errorCount: errors.length,
    warningCount: warnings.length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    fixableErrorCount: errors.filter((m) => m.fix).length,
    fixableWarningCount: warnings.filter((m) => m.fix).length,
    ...extra,
  };
}

const floating: LintMessage = {
  ruleId: 'no-floating-write',
  severity: 2,
  message: 'This write is not awaited.',
  messageId: 'floating',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 20,
  range: [40, 55],
  fix: { range: [40, 40], text: 'await ' },
  related: [{ message: 'the clear', line: 9, column: 1, endLine: 9, endColumn: 10 }],
};
const swallowed: LintMessage = {
  ruleId: 'no-swallowed-write-error',
  severity: 1,
  message: 'The failure of this write is dropped.',
  messageId: 'swallowed',
  line: 12,
  column: 10,
  endLine: 12,
  endColumn: 30,
  suggestions: [{ desc: 'Rethrow the error.', messageId: 'rethrow', fix: { range: [100, 102], text: '{ throw e; }' } }],
};
const parseError: LintMessage = { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Expression expected.', line: 1, column: 11 };

describe('cli/formatters', () => {
  it('registers every format of the CLI contract', () => {
    assert.deepEqual(formatterNames(), ['stylish', 'json', 'sarif', 'github', 'rdjson', 'junit', 'gitlab']);
    assert.equal(getFormatter('nope'), undefined);
    assert.equal(getFormatter('toString'), undefined, 'object prototype keys are not formats');
  });

  describe('json', () => {
    const json = getFormatter('json')!;

    it("writes ESLint's result shape and drops engine-only fields", () => {
      const results = [
        result('src/a.ts', [floating, swallowed], { source: 'const x = 1;', suppressedMessages: [{ ...swallowed, line: 20 }] }),
        result('src/bad.ts', [parseError]),
        result('src/clean.ts', []),
      ];
      const parsed = JSON.parse(json(results, context)) as Array<Record<string, unknown>>;
      assert.deepEqual(Object.keys(parsed[0]), [
        'filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount',
        'fixableErrorCount', 'fixableWarningCount', 'source', 'usedDeprecatedRules',
      ]);
      assert.deepEqual(parsed[0].messages, [
        {
          ruleId: 'no-floating-write', severity: 2, message: 'This write is not awaited.', line: 3, column: 5,
          messageId: 'floating', endLine: 3, endColumn: 20, fix: { range: [40, 40], text: 'await ' },
        },
        {
          ruleId: 'no-swallowed-write-error', severity: 1, message: 'The failure of this write is dropped.', line: 12, column: 10,
          messageId: 'swallowed', endLine: 12, endColumn: 30,
          suggestions: [{ messageId: 'rethrow', fix: { range: [100, 102], text: '{ throw e; }' }, desc: 'Rethrow the error.' }],
        },
      ]);
      assert.equal((parsed[0].suppressedMessages as Array<{ line: number }>)[0].line, 20);
      assert.equal(parsed[0].filePath, path.join(cwd, 'src/a.ts'), 'absolute paths, as ESLint');
      assert.deepEqual(parsed[1].messages, [
        { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Expression expected.', line: 1, column: 11 },
      ]);
      assert.equal(parsed[1].fatalErrorCount, 1);
      assert.deepEqual(parsed[2], {
        filePath: path.join(cwd, 'src/clean.ts'), messages: [], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0,
        warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [],
      });
    });

    it('prefers output over source, and writes a file-level notice without a position', () => {
      const notice: LintMessage = { ruleId: null, severity: 1, message: 'File ignored.', line: 0, column: 0 };
      const parsed = JSON.parse(json([result('a.ts', [notice], { output: 'fixed', source: 'orig' })], context));
      assert.equal(parsed[0].output, 'fixed');
      assert.equal('source' in parsed[0], false);
      assert.deepEqual(parsed[0].messages, [{ ruleId: null, severity: 1, message: 'File ignored.' }]);
    });

    it('prints an empty array for no results', () => {
      assert.equal(json([], context), '[]');
    });
  });

  describe('stylish', () => {
    const stylish = getFormatter('stylish')!;

    it("prints ESLint's layout: underlined relative path, aligned rows, summary", () => {
      const output = stylish([result('src/a.ts', [floating, swallowed]), result('src/clean.ts', []), result('src/bad.ts', [parseError])], context);
      assert.equal(
        output,
        [
          '',
          'src/a.ts',
          '   3:5   error    This write is not awaited             no-floating-write',
          '  12:10  warning  The failure of this write is dropped  no-swallowed-write-error',
          '',
          'src/bad.ts',
          '  1:11  error  Parsing error: Expression expected',
          '',
          '\u2716 3 problems (2 errors, 1 warning)',
          '  1 error and 0 warnings potentially fixable with the `--fix` option.',
          '',
        ].join('\n'),
      );
    });

    it('uses singular words and omits the fixable line when nothing is fixable', () => {
      const output = stylish([result('a.ts', [{ ...swallowed, suggestions: undefined }])], context);
      assert.match(output, /\n\u2716 1 problem \(0 errors, 1 warning\)\n$/);
      assert.doesNotMatch(output, /potentially fixable/);
    });

    it('prints nothing when there are no problems', () => {
      assert.equal(stylish([result('a.ts', [])], context), '');
    });

    it('colours only when asked, and aligns by visible width', () => {
      const coloured = stylish([result('src/a.ts', [floating, swallowed])], { ...context, color: true });
      assert.match(coloured, /\u001b\[/);
      assert.equal(stripVTControlCharacters(coloured), stylish([result('src/a.ts', [floating, swallowed])], context));
      assert.doesNotMatch(stylish([result('src/a.ts', [floating])], context), /\u001b\[/);
    });
  });

  describe('colour decision', () => {
    it('follows the TTY, NO_COLOR, FORCE_COLOR and the explicit flag', () => {
      const tty = { isTTY: true };
      const pipe = { isTTY: false };
      assert.equal(shouldUseColor(tty, {}), true);
      assert.equal(shouldUseColor(pipe, {}), false);
      assert.equal(shouldUseColor(tty, { NO_COLOR: '1' }), false);
      assert.equal(shouldUseColor(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
      assert.equal(shouldUseColor(tty, { TERM: 'dumb' }), false);
      assert.equal(shouldUseColor(pipe, { FORCE_COLOR: '1' }), true);
      assert.equal(shouldUseColor(pipe, { FORCE_COLOR: '' }), true);
      assert.equal(shouldUseColor(tty, { FORCE_COLOR: '0' }), false);
      assert.equal(shouldUseColor(tty, { FORCE_COLOR: 'false' }), false);
      assert.equal(shouldUseColor(pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }), true);
      assert.equal(shouldUseColor(pipe, {}, true), true);
      assert.equal(shouldUseColor(tty, { FORCE_COLOR: '1' }, false), false);
    });
  });
});
