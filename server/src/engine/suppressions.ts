/**
 * Disable directives, found by a text scan (the parser runs without comment
 * collection, which costs a full token walk). A match inside a string or template
 * literal is discarded by checking it against the AST's literal ranges.
 *
 *   // durability-lint-disable-next-line rule-a, rule-b -- reason
 *   // durability-lint-disable-line rule-a
 *   /* durability-lint-disable rule-a *\/ ... /* durability-lint-enable rule-a *\/
 *   /* durability-lint-disable *\/        (every rule, to the end of the file or an enable)
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { LintMessage } from './types';
import { LineIndex } from './line-index';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Empty means every rule. */
  rules: string[];
  /** 1-based line the directive applies to (line kinds) or starts at (block kinds). */
  line: number;
  column: number;
  /** Offsets of the whole comment, for fixers that remove unused directives. */
  range: [number, number];
  justification?: string;
}

const DIRECTIVE_PATTERN =
  /(\/\/|\/\*)[ \t]*durability-lint-(disable-next-line|disable-line|disable|enable)(?=[\s*]|$)([^\n\r]*)/g;

export function findDirectives(source: string, ast: TSESTree.Program | null): Directive[] {
  if (!source.includes('durability-lint-')) return [];
  const lines = new LineIndex(source);
  const directives: Directive[] = [];
  let literalRanges: Array<[number, number]> | null = null;
  for (const match of source.matchAll(DIRECTIVE_PATTERN)) {
    const start = match.index!;
    const isBlock = match[1] === '/*';
    let rest = match[3];
    let end = start + match[0].length;
    if (isBlock) {
      const close = source.indexOf('*/', start + 2);
      if (close < 0) continue;
      end = close + 2;
      rest = source.slice(start + match[0].length - match[3].length, close);
    }
    literalRanges ??= ast ? collectLiteralRanges(ast) : [];
    if (literalRanges.some(([a, b]) => start > a && start < b)) continue;
    const kind = match[2] as DirectiveKind;
    if (isBlock === false && (kind === 'disable' || kind === 'enable')) {
      // ESLint accepts line comments for block directives too; so do we.
    }
    const [ruleText, justification] = splitJustification(rest);
    const rules = ruleText
      .split(',')
      .map((r) => r.trim().replace(/^durability\//, ''))
      .filter((r) => r.length > 0);
    const pos = lines.position(start);
    directives.push({
      kind,
      rules,
      line: kind === 'disable-next-line' ? pos.line + 1 : pos.line,
      column: pos.column,
      range: [start, end],
      justification,
    });
  }
  return directives;
}

function splitJustification(text: string): [string, string | undefined] {
  const at = text.search(/\s--\s|\s--$/);
  if (at < 0) return [text, undefined];
  return [text.slice(0, at), text.slice(at).replace(/^\s--\s?/, '').trim() || undefined];
}

function collectLiteralRanges(ast: TSESTree.Program): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    const type = node.type;
    if ((type === 'Literal' && typeof node.value === 'string') || type === 'TemplateElement' || type === 'JSXText') {
      ranges.push(node.range as [number, number]);
      continue;
    }
    for (const key in node) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const value = node[key];
      if (Array.isArray(value)) for (const v of value) stack.push(v);
      else if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') stack.push(value);
    }
  }
  return ranges;
}

export interface SuppressionResult {
  messages: LintMessage[];
  suppressed: LintMessage[];
  /** Directives that suppressed nothing (for --report-unused-disable-directives). */
  unused: Directive[];
}

/** Splits messages into kept and suppressed. Fatal parse errors are never suppressed. */
export function applySuppressions(
  messages: LintMessage[],
  directives: Directive[],
  keepSuppressed: boolean,
): SuppressionResult {
  if (directives.length === 0) return { messages, suppressed: [], unused: [] };
  const used = new Set<Directive>();
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable').sort((a, b) => a.range[0] - b.range[0]);
  for (const message of messages) {
    const by = message.fatal ? undefined : suppressingDirective(message, directives, blocks);
    if (by) {
      used.add(by);
      if (keepSuppressed) suppressed.push(message);
    } else kept.push(message);
  }
  const unused = directives.filter((d) => d.kind !== 'enable' && !used.has(d));
  return { messages: kept, suppressed, unused };
}

function applies(directive: Directive, ruleId: string | null): boolean {
  return directive.rules.length === 0 || (ruleId !== null && directive.rules.includes(ruleId));
}

function suppressingDirective(message: LintMessage, all: Directive[], blocks: Directive[]): Directive | undefined {
  for (const d of all) {
    if ((d.kind === 'disable-line' || d.kind === 'disable-next-line') && d.line === message.line && applies(d, message.ruleId)) {
      return d;
    }
  }
  // Block directives: the last disable/enable before the message that names its rule wins.
  let active: Directive | undefined;
  for (const d of blocks) {
    if (d.line > message.line || (d.line === message.line && d.column > message.column)) break;
    if (!applies(d, message.ruleId)) {
      // `enable` with no rules ends every disable; an enable of other rules leaves this one alone.
      continue;
    }
    active = d.kind === 'disable' ? d : undefined;
  }
  return active;
}
