/**
 * `durability-lint/eslint-plugin`: every rule, in ESLint's rule API, for teams that
 * already run ESLint (and vscode-eslint) and want the same findings, fixes and
 * suggestions without a second tool.
 *
 *   // eslint.config.js
 *   import durability from 'durability-lint/eslint-plugin';
 *   export default [durability.configs.recommended];
 *
 * The engine analyses a whole file at once (binding, flow, summaries) for all rules
 * together, so the ESLint rules are views on one engine run: each rule registers
 * itself and its options when ESLint creates it, and on `Program:exit` the first
 * rule to ask runs the engine on ESLint's own AST and scope manager — once per file
 * per ESLint pass, however many rules are on — and each rule reports its share.
 */
import type { ESLint, Linter, Rule, SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/types';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { lintParsed } from '../engine/lint';
import { docsUrl, type RuleModule } from '../engine/rule-api';
import type { EffectiveConfig, LintMessage, RuleOptions, Suggestion, VocabularyExtension } from '../engine/types';
import { allRules } from '../../../rules';
import { packageVersion } from '../cli/version';
import { recoverData } from './message-data';

const NAMESPACE = 'durability';
const VOCABULARY_KEYS = ['destroy', 'localWrite', 'remoteWrite', 'remoteRead'] as const;

interface FileRun {
  /** The rules ESLint enabled for this file, with their options. */
  requested: Map<string, RuleOptions>;
  /** The engine's findings by rule id, once a rule asked for them. */
  byRule?: Map<string, LintMessage[]>;
}

/** Keyed by ESLint's SourceCode: a new one per file and per fix pass, dropped with it. */
const runs = new WeakMap<SourceCode, FileRun>();

function toEslintRule(rule: RuleModule<any>): Rule.RuleModule {
  const meta: Rule.RuleMetaData = {
    type: rule.meta.type,
    docs: {
      description: rule.meta.docs.description,
      recommended: rule.meta.docs.recommended,
      url: docsUrl(rule.id),
    },
    messages: rule.meta.messages,
    schema: rule.meta.schema as Rule.RuleMetaData['schema'],
    defaultOptions: [rule.defaultOptions],
  };
  if (rule.meta.fixable) meta.fixable = rule.meta.fixable;
  if (rule.meta.hasSuggestions) meta.hasSuggestions = true;

  return {
    meta,
    create(context) {
      const sourceCode = context.sourceCode;
      // Another language plugin's file (JSON, Markdown, CSS) has no JavaScript to analyse.
      if ((sourceCode.ast as { type?: string } | undefined)?.type !== 'Program' || !sourceCode.scopeManager) return {};
      let run = runs.get(sourceCode);
      if (!run) runs.set(sourceCode, (run = { requested: new Map() }));
      // ESLint ≥ 9.15 merges meta.defaultOptions itself; earlier versions leave it to us.
      run.requested.set(rule.id, { ...rule.defaultOptions, ...((context.options[0] as RuleOptions | undefined) ?? {}) });
      const fileRun = run;
      return {
        'Program:exit'() {
          for (const message of findings(fileRun, sourceCode, context).get(rule.id) ?? []) {
            context.report(toDescriptor(rule, message));
          }
        },
      };
    },
  };
}

function findings(run: FileRun, sourceCode: SourceCode, context: Rule.RuleContext): Map<string, LintMessage[]> {
  if (run.byRule) return run.byRule;
  const config: EffectiveConfig = { rules: {}, vocabulary: vocabularyFrom(context.settings) };
  // Severity only selects what runs; ESLint applies the user's severities to the reports.
  for (const [id, options] of run.requested) config.rules[id] = { severity: 2, options };
  const { messages } = lintParsed(
    sourceCode.text,
    context.filename,
    sourceCode.ast as unknown as TSESTree.Program,
    sourceCode.scopeManager as unknown as ScopeManager,
    { config },
  );
  run.byRule = new Map();
  for (const message of messages) {
    if (message.ruleId === null) continue;
    const list = run.byRule.get(message.ruleId);
    if (list) list.push(message);
    else run.byRule.set(message.ruleId, [message]);
  }
  return run.byRule;
}

/** `settings.durability.vocabulary`: the same extension `.durabilityrc.json` takes; anything malformed is ignored. */
function vocabularyFrom(settings: Record<string, unknown> | undefined): VocabularyExtension {
  const raw = (settings?.[NAMESPACE] as { vocabulary?: Record<string, unknown> } | undefined)?.vocabulary;
  const vocabulary: VocabularyExtension = {};
  if (!raw || typeof raw !== 'object') return vocabulary;
  for (const key of VOCABULARY_KEYS) {
    const entries = raw[key];
    if (Array.isArray(entries)) vocabulary[key] = entries.filter((e): e is string => typeof e === 'string');
  }
  return vocabulary;
}

function toDescriptor(rule: RuleModule<any>, message: LintMessage): Rule.ReportDescriptor {
  const loc = {
    start: { line: message.line, column: message.column - 1 },
    end: { line: message.endLine ?? message.line, column: (message.endColumn ?? message.column) - 1 },
  };
  const descriptor = { loc, ...(messageRef(rule, message.messageId, message.message) ?? { message: message.message }) } as Rule.ReportDescriptor;
  const fix = message.fix;
  if (fix) descriptor.fix = (fixer) => fixer.replaceTextRange(fix.range, fix.text);
  if (message.suggestions && message.suggestions.length > 0) {
    descriptor.suggest = message.suggestions.map((suggestion: Suggestion) => ({
      ...(messageRef(rule, suggestion.messageId, suggestion.desc) ?? { desc: suggestion.desc }),
      fix: (fixer: Rule.RuleFixer) => fixer.replaceTextRange(suggestion.fix.range, suggestion.fix.text),
    })) as Rule.SuggestionReportDescriptor[];
  }
  return descriptor;
}

/**
 * Reports by `messageId` with the `data` that reproduces the engine's text, so
 * ESLint users' tooling (RuleTester's `messageId`, vscode-eslint) sees ids. The
 * engine hands over interpolated text, so the data is read back out of it; when
 * that is ambiguous the plain text is reported instead.
 */
function messageRef(rule: RuleModule<any>, messageId: string | undefined, text: string): { messageId: string; data?: Record<string, string> } | undefined {
  const template = messageId === undefined ? undefined : rule.meta.messages[messageId];
  if (messageId === undefined || template === undefined) return undefined;
  const data = recoverData(template, text);
  if (!data) return undefined;
  return Object.keys(data).length > 0 ? { messageId, data } : { messageId };
}

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(allRules.map((rule) => [rule.id, toEslintRule(rule)]));

const recommendedRules: Linter.RulesRecord = Object.fromEntries(
  allRules.filter((rule) => rule.meta.docs.recommended).map((rule) => [`${NAMESPACE}/${rule.id}`, rule.meta.defaultSeverity]),
);

interface DurabilityPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: Linter.Config };
}

const plugin: DurabilityPlugin = {
  meta: { name: 'durability-lint/eslint-plugin', version: packageVersion(), namespace: NAMESPACE },
  rules,
  configs: {} as DurabilityPlugin['configs'],
};

plugin.configs.recommended = {
  name: `${NAMESPACE}/recommended`,
  // The file kinds the CLI lints; .ts files still need a TypeScript parser in the user's config.
  files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
  plugins: { [NAMESPACE]: plugin },
  rules: recommendedRules,
};

export = plugin;
