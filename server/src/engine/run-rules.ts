/**
 * Runs the enabled rules over one analysed file and turns their reports into
 * messages with 1-based positions, interpolated text, fixes and suggestions.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { AnalyzedFile } from './analyzed-file';
import { interpolate, type ReportDescriptor, type RuleModule, type RuleVisitors } from './rule-api';
import { traverse } from './traverse';
import type { EffectiveConfig, LintMessage } from './types';
import { LineIndex } from './line-index';

export function runRules(file: AnalyzedFile, rules: readonly RuleModule<any>[], config: EffectiveConfig): LintMessage[] {
  const lines = new LineIndex(file.source);
  const messages: LintMessage[] = [];
  const visitorSets: RuleVisitors[] = [];
  for (const rule of rules) {
    const ruleConfig = config.rules[rule.id];
    if (!ruleConfig || ruleConfig.severity === 0) continue;
    const options = { ...rule.defaultOptions, ...ruleConfig.options };
    const seen = new Set<string>();
    const context = {
      options,
      file,
      report(descriptor: ReportDescriptor) {
        const range = descriptor.range ?? (descriptor.node.range as [number, number]);
        // A rule may reach the same node through two facts; report it once.
        const key = `${range[0]}:${range[1]}:${descriptor.messageId}`;
        if (seen.has(key)) return;
        seen.add(key);
        messages.push(toMessage(rule, ruleConfig.severity as 1 | 2, descriptor, range, lines));
      },
    };
    rule.check?.(context);
    if (rule.create) visitorSets.push(rule.create(context));
  }
  if (visitorSets.length > 0) traverse(file.ast, visitorSets);
  return messages;
}

function toMessage(
  rule: RuleModule<any>,
  severity: 1 | 2,
  descriptor: ReportDescriptor,
  range: [number, number],
  lines: LineIndex,
): LintMessage {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`${rule.id}: unknown messageId '${descriptor.messageId}'`);
  const start = lines.position(range[0]);
  const end = lines.position(range[1]);
  const message: LintMessage = {
    ruleId: rule.id,
    severity,
    message: interpolate(template, descriptor.data),
    messageId: descriptor.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  if (descriptor.fix && rule.meta.fixable) message.fix = descriptor.fix;
  if (descriptor.suggest && descriptor.suggest.length > 0 && rule.meta.hasSuggestions) {
    message.suggestions = descriptor.suggest.map((s) => {
      const desc = rule.meta.messages[s.messageId];
      if (desc === undefined) throw new Error(`${rule.id}: unknown suggestion messageId '${s.messageId}'`);
      return { desc: interpolate(desc, s.data), messageId: s.messageId, fix: s.fix };
    });
  }
  if (descriptor.related && descriptor.related.length > 0) {
    message.related = descriptor.related.map((r) => {
      const node = r.node as TSESTree.Node;
      const text = interpolate(rule.meta.messages[r.messageId] ?? r.messageId, r.data);
      if (r.filePath) {
        // Another file's node: its own loc is the only position we have (columns 0-based there).
        const { start, end } = node.loc;
        return { message: text, filePath: r.filePath, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
      }
      const s = lines.position(node.range[0]);
      const e = lines.position(node.range[1]);
      return { message: text, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
    });
  }
  return message;
}
