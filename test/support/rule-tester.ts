/**
 * Rule tests as data, in the shape typescript-eslint's RuleTester uses: valid cases
 * must produce nothing from the rule; invalid cases list each expected message (id,
 * line, optionally column) and the exact text after each suggestion, and the exact
 * autofix output (or `null` for "no autofix").
 */
import * as assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { applyFixesToText } from '../../server/src/engine/fix';
import { parseSource, isParseFailure } from '../../server/src/engine/parse';
import type { RuleModule } from '../../server/src/engine/rule-api';
import type { EffectiveConfig, LintMessage, VocabularyExtension } from '../../server/src/engine/types';

export interface ValidCase {
  code: string;
  /** Defaults to `file.ts`; use `.tsx`, `.js`, `.cjs` to test dialects. */
  filename?: string;
  options?: Record<string, unknown>;
  vocabulary?: VocabularyExtension;
  name?: string;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column?: number;
  /** Output after applying each suggestion, in order; `[]` asserts there are none. */
  suggestions?: Array<{ messageId: string; output: string }>;
  /** Substring the rendered message must contain (e.g. the upload it names). */
  messageIncludes?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Autofix result; `null` (the default) asserts the rule offers no autofix here. */
  output?: string | null;
}

export function configFor(rule: RuleModule<any>, options?: Record<string, unknown>, vocabulary?: VocabularyExtension): EffectiveConfig {
  return { rules: { [rule.id]: { severity: 2, options: { ...rule.defaultOptions, ...(options ?? {}) } } }, vocabulary: vocabulary ?? {} };
}

export function lintWithRule(rule: RuleModule<any>, c: ValidCase, fix = false) {
  return lintText(c.code, c.filename ?? 'file.ts', { config: configFor(rule, c.options, c.vocabulary), fix });
}

function describeMessages(messages: LintMessage[]): string {
  return messages.map((m) => `  ${m.line}:${m.column} ${m.messageId ?? m.ruleId} ${m.message}`).join('\n') || '  (none)';
}

export function runRuleTests(rule: RuleModule<any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const [i, c] of cases.valid.entries()) {
        it(c.name ?? `valid #${i + 1}: ${firstLine(c.code)}`, () => {
          assertParses(c);
          const result = lintWithRule(rule, c);
          assert.deepEqual(result.messages, [], `expected no findings, got:\n${describeMessages(result.messages)}`);
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of cases.invalid.entries()) {
        it(c.name ?? `invalid #${i + 1}: ${firstLine(c.code)}`, () => {
          assertParses(c);
          const result = lintWithRule(rule, c);
          const got = result.messages;
          assert.equal(got.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${describeMessages(got)}`);
          for (const [j, expected] of c.errors.entries()) {
            const actual = got[j];
            assert.equal(actual.ruleId, rule.id);
            assert.equal(actual.messageId, expected.messageId, `finding ${j + 1}: messageId\n${describeMessages(got)}`);
            assert.equal(actual.line, expected.line, `finding ${j + 1}: line\n${describeMessages(got)}`);
            if (expected.column !== undefined) assert.equal(actual.column, expected.column, `finding ${j + 1}: column`);
            if (expected.messageIncludes) assert.ok(actual.message.includes(expected.messageIncludes), `message "${actual.message}" lacks "${expected.messageIncludes}"`);
            if (expected.suggestions) {
              const suggestions = actual.suggestions ?? [];
              assert.equal(suggestions.length, expected.suggestions.length, `finding ${j + 1}: suggestion count`);
              for (const [k, s] of expected.suggestions.entries()) {
                assert.equal(suggestions[k].messageId, s.messageId);
                const output = applyFixesToText(c.code, [suggestions[k].fix]);
                assert.equal(output, s.output, `finding ${j + 1}, suggestion ${k + 1}: output`);
                assert.ok(!isParseFailure(parseSource(output, c.filename ?? 'file.ts')), 'a suggestion must leave parseable code');
              }
            }
          }
          const fixed = lintWithRule(rule, c, true);
          if (c.output === undefined || c.output === null) {
            assert.equal(fixed.output, undefined, 'expected no autofix');
          } else {
            assert.equal(fixed.output, c.output);
          }
        });
      }
    });
  });
}

function assertParses(c: ValidCase): void {
  const parsed = parseSource(c.code, c.filename ?? 'file.ts');
  assert.ok(!isParseFailure(parsed), `test code does not parse: ${isParseFailure(parsed) ? parsed.message : ''}`);
}

function firstLine(code: string): string {
  const line = code.trim().split('\n').find((l) => !/^\s*(import|\/\/)/.test(l)) ?? code.trim().split('\n')[0];
  return line.trim().slice(0, 70);
}
