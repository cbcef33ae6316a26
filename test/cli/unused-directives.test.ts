/** `--report-unused-disable-directives` through the real engine and rules. */
import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { allRules } from '../../rules';
import { removal } from '../../server/src/cli/unused-directives';
import { makeTree, runCli } from './helpers';

const FLOATING = [
  "import AsyncStorage from '@react-native-async-storage/async-storage';",
  'export async function save(v: string) {',
  '  // durability-lint-disable-next-line no-floating-write -- fire and forget, reviewed',
  "  AsyncStorage.setItem('k', v);",
  '  // durability-lint-disable-next-line no-floating-write, no-swallowed-write-error',
  "  await AsyncStorage.setItem('k', v);",
  '  const s = "// durability-lint-disable-line no-floating-write";',
  '  return s; /* durability-lint-disable-line */',
  '}',
  '',
].join('\n');

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('cli/unused disable directives', () => {
  const run = (args: string[], cwd: string) => runCli(['--format', 'json', ...args], { cwd, lint: lintText, rules: allRules });

  it('reports directives that suppress nothing as warnings without a rule id, as ESLint does', async () => {
    const root = makeTree({ 'a.ts': FLOATING });
    const result = await run(['--report-unused-disable-directives'], root);
    assert.equal(result.code, 0, 'warnings only');
    const [file] = JSON.parse(result.stdout) as Array<{ messages: JsonMessage[]; warningCount: number; suppressedMessages: unknown[] }>;
    assert.deepEqual(
      file.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.message]),
      [
        [null, 1, 5, 3, "Unused durability-lint-disable directive (no problems were reported from 'no-floating-write' or 'no-swallowed-write-error')."],
        [null, 1, 8, 13, 'Unused durability-lint-disable directive (no problems were reported).'],
      ],
    );
    assert.equal(file.messages[0].endColumn, 83, "the end of the comment, exclusive");
    assert.equal(file.warningCount, 2);
    assert.equal(file.suppressedMessages.length, 1, 'the used directive still suppresses its finding');
  });

  it('suggests removing the directive: the whole line when it stands alone, else the comment', async () => {
    const root = makeTree({ 'a.ts': FLOATING });
    const result = await run(['--report-unused-disable-directives'], root);
    const [file] = JSON.parse(result.stdout) as Array<{ messages: Array<{ suggestions: Array<{ desc: string; fix: { range: [number, number]; text: string } }> }> }>;
    const apply = (edit: { range: [number, number]; text: string }) => FLOATING.slice(0, edit.range[0]) + edit.text + FLOATING.slice(edit.range[1]);
    const [own, trailing] = file.messages.map((m) => m.suggestions[0]);
    assert.equal(own.desc, 'Remove the unused directive');
    assert.equal(apply(own.fix), FLOATING.replace('  // durability-lint-disable-next-line no-floating-write, no-swallowed-write-error\n', ''));
    assert.equal(apply(trailing.fix), FLOATING.replace('return s; /* durability-lint-disable-line */', 'return s;'));
    const crlf = 'a();\r\n// durability-lint-disable-next-line\r\nb();\r\n';
    const start = crlf.indexOf('//');
    const edit = removal(crlf, [start, crlf.indexOf('\r', start)]);
    assert.equal(crlf.slice(0, edit.range[0]) + crlf.slice(edit.range[1]), 'a();\r\nb();\r\n');
  });

  it('is off by default, and --report-unused-disable-directives-severity sets the level', async () => {
    const root = makeTree({ 'a.ts': FLOATING });
    const quiet = JSON.parse((await run([], root)).stdout) as Array<{ messages: unknown[] }>;
    assert.deepEqual(quiet[0].messages, []);
    const strict = await run(['--report-unused-disable-directives-severity', 'error'], root);
    assert.equal(strict.code, 1);
    assert.deepEqual(
      (JSON.parse(strict.stdout) as Array<{ messages: JsonMessage[] }>)[0].messages.map((m) => m.severity),
      [2, 2],
    );
    assert.equal((await run(['--report-unused-disable-directives-severity', 'off', '--report-unused-disable-directives'], root)).code, 0);
  });
});
