/**
 * The ESLint plugin: ESLint's rule API shape, ESLint's own RuleTester with
 * @typescript-eslint/parser, and a real `ESLint` run whose findings must equal the
 * CLI's — same rules, positions, messages and suggestions.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, RuleTester, type Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { allRules } from '../../rules';
import { docsUrl } from '../../server/src/engine/rule-api';
import { lintText } from '../../server/src/engine/lint';
import { recoverData } from '../../server/src/eslint-plugin/message-data';
import { makeTree, repoRoot, runCli } from '../cli/helpers';

// Resolved through the package's own "exports", as a user's config would import it.
const plugin = require('durability-lint/eslint-plugin') as typeof import('../../server/src/eslint-plugin/index');
const engine = require('../../server/src/engine/lint') as { lintParsed: (...args: unknown[]) => unknown };

const typescript: Linter.Config = { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } };

async function eslintOn(cwd: string, extra: Linter.Config[] = [], files = ['.']): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, typescript, ...extra] });
  return eslint.lintFiles(files);
}

describe('eslint-plugin', function () {
  this.timeout(60_000);

  describe('shape', () => {
    it('exports every rule with ESLint meta: docs url, messages, schema, fixable, suggestions, defaults', () => {
      assert.deepEqual(Object.keys(plugin.rules), allRules.map((r) => r.id));
      for (const rule of allRules) {
        const eslintRule = plugin.rules[rule.id];
        const meta = eslintRule.meta!;
        assert.equal(meta.type, rule.meta.type);
        assert.equal(meta.docs!.description, rule.meta.docs.description);
        assert.equal(meta.docs!.url, docsUrl(rule.id));
        assert.deepEqual(meta.messages, rule.meta.messages);
        assert.deepEqual(meta.schema, rule.meta.schema);
        assert.equal(meta.fixable, rule.meta.fixable);
        assert.equal(meta.hasSuggestions === true, rule.meta.hasSuggestions === true);
        assert.deepEqual(meta.defaultOptions, [rule.defaultOptions]);
        assert.equal(typeof eslintRule.create, 'function');
      }
    });

    it('has a recommended flat config naming rules durability/<id> at their default severities', () => {
      const recommended = plugin.configs.recommended;
      assert.equal(recommended.name, 'durability/recommended');
      assert.equal(recommended.plugins!.durability, plugin);
      assert.deepEqual(
        recommended.rules,
        Object.fromEntries(allRules.filter((r) => r.meta.docs.recommended).map((r) => [`durability/${r.id}`, r.meta.defaultSeverity])),
      );
      assert.equal(plugin.meta.namespace, 'durability');
      assert.equal(plugin.meta.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    });
  });

  describe("ESLint's RuleTester with @typescript-eslint/parser", () => {
    const tester = new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } });
    const head = "import AsyncStorage from '@react-native-async-storage/async-storage';\n";

    tester.run('durability/no-floating-write', plugin.rules['no-floating-write'], {
      valid: [
        `${head}export async function save(v: string) {\n  await AsyncStorage.setItem('k', v);\n}`,
        `${head}export function save(v: string) {\n  return AsyncStorage.setItem('k', v);\n}`,
        `${head}export function save(v: string) {\n  void AsyncStorage.setItem('k', v);\n}`,
        `export function remember(cache: Map<string, string>) {\n  cache.set('k', 'v');\n}`,
      ],
      invalid: [
        {
          code: `${head}export async function save(v: string) {\n  AsyncStorage.setItem('k', v);\n}`,
          errors: [
            {
              messageId: 'dropped',
              data: { noun: 'AsyncStorage write', api: 'AsyncStorage.setItem' },
              line: 3,
              column: 3,
              endLine: 3,
              endColumn: 31,
              suggestions: [
                { messageId: 'suggestAwait', output: `${head}export async function save(v: string) {\n  await AsyncStorage.setItem('k', v);\n}` },
              ],
            },
          ],
        },
        {
          name: 'options reach the engine: ignoreVoid false',
          code: `${head}export function save(v: string) {\n  void AsyncStorage.setItem('k', v);\n}`,
          options: [{ ignoreVoid: false }],
          errors: [{ messageId: 'voided', suggestions: [] }],
        },
      ],
    });

    tester.run('durability/no-swallowed-write-error', plugin.rules['no-swallowed-write-error'], {
      valid: [`${head}export async function save(v: string) {\n  try { await AsyncStorage.setItem('k', v); } catch (e) { throw e; }\n}`],
      invalid: [
        {
          code: `${head}export async function save(v: string) {\n  try { await AsyncStorage.setItem('k', v); } catch {}\n}`,
          errors: [
            {
              messageId: 'swallowed',
              line: 3,
              suggestions: [
                {
                  messageId: 'suggestRethrow',
                  output: `${head}export async function save(v: string) {\n  try { await AsyncStorage.setItem('k', v); } catch (error) { throw error; }\n}`,
                },
              ],
            },
          ],
        },
      ],
    });

    tester.run('durability/no-destroy-before-backup', plugin.rules['no-destroy-before-backup'], {
      valid: [
        "export async function logout(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  if (!res.ok) throw new Error('no');\n  localStorage.clear();\n}",
      ],
      invalid: [
        {
          code: "export async function logout(body: string) {\n  localStorage.clear();\n  const res = await fetch('/api', { method: 'POST', body });\n  if (!res.ok) throw new Error('no');\n}",
          errors: [
            {
              messageId: 'precedes',
              line: 2,
              column: 3,
              suggestions: [],
            },
          ],
        },
      ],
    });

    tester.run('durability/no-unchecked-upload-response', plugin.rules['no-unchecked-upload-response'], {
      valid: ["export async function send(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  if (!res.ok) throw new Error('no');\n}"],
      invalid: [
        {
          code: "export async function send(body: string) {\n  await fetch('/api', { method: 'POST', body });\n}",
          errors: [
            {
              messageId: 'unchecked',
              suggestions: [
                {
                  messageId: 'suggestCheck',
                  output:
                    "export async function send(body: string) {\n  const response = await fetch('/api', { method: 'POST', body });\n  if (!response.ok) throw new Error(`Upload failed: HTTP ${response.status}`);\n}",
                },
              ],
            },
          ],
        },
      ],
    });
  });

  describe('a real ESLint run', () => {
    const fixture = path.join(repoRoot, 'test', 'eslint-plugin', 'fixtures', 'app');

    it('reports what the CLI reports on the same project, rule for rule and position for position', async () => {
      const ts = [
        "import AsyncStorage from '@react-native-async-storage/async-storage';",
        "import axios from 'axios';",
        'export async function signOut(state: { notes: string[] }) {',
        '  await AsyncStorage.clear();',
        "  await axios.post('/api/notes', state.notes);",
        "  AsyncStorage.setItem('signedOut', 'yes');",
        '}',
        '',
      ].join('\n');
      const root = makeTree({ 'src/session.ts': ts });
      fs.cpSync(path.join(fixture, 'src'), path.join(root, 'src'), { recursive: true });

      const results = await eslintOn(root);
      const cli = await runCli(['--format', 'json'], { cwd: root, lint: lintText, rules: allRules });
      const cliResults = JSON.parse(cli.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>;

      // ESLint adds the suggestions' `data`; what a user sees and applies is the rest.
      const suggestions = (list: Array<Record<string, unknown>> = []) => JSON.stringify(list.map(({ messageId, desc, fix }) => ({ messageId, desc, fix })));
      const shape = (filePath: string, m: Record<string, any>) =>
        [path.relative(root, filePath), String(m.ruleId).replace(/^durability\//, ''), m.severity, m.line, m.column, m.endLine, m.endColumn, m.message, m.messageId, suggestions(m.suggestions)].join(' | ');
      const fromEslint = results.flatMap((r) => r.messages.map((m) => shape(r.filePath, m as Record<string, any>))).sort();
      const fromCli = cliResults.flatMap((r) => r.messages.map((m) => shape(r.filePath, m))).sort();
      assert.ok(fromCli.length >= 5, fromCli.join('\n'));
      assert.deepEqual(fromEslint, fromCli);
      assert.ok(results.some((r) => r.filePath.endsWith('clean.mjs') && r.messages.length === 0));
      for (const file of ['session.ts', 'outbox.js']) {
        assert.ok(results.find((r) => r.filePath.endsWith(file))!.messages.length > 0, `${file} has findings`);
      }
    });

    it('runs the engine once per file, not once per rule', async () => {
      const root = makeTree({});
      fs.cpSync(path.join(fixture, 'src'), path.join(root, 'src'), { recursive: true });
      const original = engine.lintParsed;
      let calls = 0;
      engine.lintParsed = (...args: unknown[]) => {
        calls++;
        return original(...args);
      };
      try {
        const results = await eslintOn(root);
        assert.equal(results.length, 2);
        assert.ok(Object.keys(plugin.rules).length > 1);
        assert.equal(calls, 2);
      } finally {
        engine.lintParsed = original;
      }
    });

    it('honours severities and options from the user config, and the vocabulary from settings', async () => {
      const root = makeTree({
        'a.js':
          "export async function reset(store) {\n  store.wipe();\n  const res = await fetch('/api/backup', { method: 'POST', body: '{}' });\n  if (!res.ok) throw new Error('backup failed');\n}\n",
      });
      const rule = 'durability/no-destroy-before-backup';
      const plain = await eslintOn(root);
      assert.deepEqual(plain[0].messages.filter((m) => m.ruleId === rule), []);
      const extended = await eslintOn(root, [{ settings: { durability: { vocabulary: { destroy: ['store.wipe'] } } }, rules: { [rule]: 'warn' } }]);
      assert.deepEqual(
        extended[0].messages.filter((m) => m.ruleId === rule).map((m) => [m.severity, m.line]),
        [[1, 2]],
      );
      const off = await eslintOn(root, [{ settings: { durability: { vocabulary: { destroy: ['store.wipe'] } } }, rules: { [rule]: 'off' } }]);
      assert.deepEqual(off[0].messages.filter((m) => m.ruleId === rule), []);
    });

    it('applies suggestions through ESLint to the same text the CLI would produce', async () => {
      const code = "import localforage from 'localforage';\nexport async function keep(d) {\n  localforage.setItem('d', d);\n}\n";
      const root = makeTree({ 'a.js': code });
      const [result] = await eslintOn(root);
      const suggestion = result.messages[0].suggestions![0];
      const applied = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
      assert.equal(applied, "import localforage from 'localforage';\nexport async function keep(d) {\n  await localforage.setItem('d', d);\n}\n");
    });
  });

  describe('recoverData', () => {
    it('reads placeholders back out of a message, or gives up when the text does not fit', () => {
      assert.deepEqual(recoverData('The {{noun}} `{{api}}` is lost.', 'The AsyncStorage write `a.b` is lost.'), { noun: 'AsyncStorage write', api: 'a.b' });
      assert.deepEqual(recoverData('{{a}} and {{a}}', 'x and x'), { a: 'x' });
      assert.equal(recoverData('{{a}} and {{a}}', 'x and y'), undefined);
      assert.equal(recoverData('Fixed text.', 'Other text.'), undefined);
      assert.deepEqual(recoverData('Fixed (text).', 'Fixed (text).'), {});
    });
  });
});
