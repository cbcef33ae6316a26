/** `--list-rules`: what can be configured, in the chosen format (text, or json for tooling). */
import { docsUrl } from '../engine/rule-api';
import type { RuleRegistry } from './rule-registry';

export function listRules(rules: RuleRegistry, format: string): string {
  const entries = rules.map((rule) => ({
    id: rule.id,
    defaultSeverity: rule.meta.defaultSeverity,
    description: rule.meta.docs.description,
    fixable: rule.meta.fixable === 'code',
    hasSuggestions: rule.meta.hasSuggestions === true,
    docsUrl: docsUrl(rule.id),
  }));
  if (format === 'json') return JSON.stringify(entries);
  if (entries.length === 0) return 'No rules are registered.';
  const rows = [
    ['Rule', 'Default', 'Fixes', 'Description'],
    ...entries.map((e) => [e.id, e.defaultSeverity, fixKinds(e.fixable, e.hasSuggestions), e.description]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

function fixKinds(fixable: boolean, hasSuggestions: boolean): string {
  const kinds = [fixable ? 'fix' : '', hasSuggestions ? 'suggestions' : ''].filter(Boolean);
  return kinds.length > 0 ? kinds.join(', ') : '-';
}
