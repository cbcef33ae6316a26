/**
 * `--report-unused-disable-directives`: a disable comment that suppresses nothing
 * becomes a finding of its own, with no rule id, worded as ESLint words it. Such a
 * comment is worse than noise: it will silently hide the next real finding on
 * that line.
 */
import type { FileResult, LintMessage, Severity, TextEdit } from '../engine/types';
import { recount, sortMessages } from './result-counts';
import { TextLines } from './source-text';

export function addUnusedDirectiveMessages(result: FileResult, text: string, severity: Severity): FileResult {
  if (severity === 0 || !result.unusedDirectives || result.unusedDirectives.length === 0) return result;
  // Positions are in the text the engine linted last: the fixed text when fixes were applied.
  let source = result.output ?? text;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const lines = new TextLines(source);
  for (const directive of result.unusedDirectives) {
    const start = lines.position(directive.range[0]);
    const end = lines.position(directive.range[1]);
    const message: LintMessage = {
      ruleId: null,
      severity,
      message: `Unused durability-lint-disable directive (${unusedReason(directive.rules)}).`,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      range: directive.range,
      // A suggestion rather than a fix: deleting a comment is the reviewer's call, and
      // review tools (reviewdog, SARIF viewers) offer it as a one-click change.
      suggestions: [{ desc: 'Remove the unused directive', fix: removal(source, directive.range) }],
    };
    result.messages.push(message);
  }
  sortMessages(result.messages);
  return recount(result);
}

function unusedReason(rules: readonly string[]): string {
  if (rules.length === 0) return 'no problems were reported';
  const quoted = rules.map((rule) => `'${rule}'`);
  const list =
    quoted.length === 1
      ? quoted[0]
      : quoted.length === 2
        ? `${quoted[0]} or ${quoted[1]}`
        : `${quoted.slice(0, -1).join(', ')}, or ${quoted[quoted.length - 1]}`;
  return `no problems were reported from ${list}`;
}

/** Deletes the comment; a comment alone on its line takes the line with it. */
export function removal(source: string, [start, end]: [number, number]): TextEdit {
  let lineStart = start;
  while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = end;
  while (lineEnd < source.length && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
  const aloneOnLine = source.slice(lineStart, start).trim() === '' && source.slice(end, lineEnd).trim() === '';
  if (aloneOnLine) {
    let after = lineEnd;
    if (source[after] === '\r') after++;
    if (source[after] === '\n') after++;
    return { range: [lineStart, after], text: '' };
  }
  let from = start;
  while (from > lineStart && (source[from - 1] === ' ' || source[from - 1] === '\t')) from--;
  return { range: [from, end], text: '' };
}
