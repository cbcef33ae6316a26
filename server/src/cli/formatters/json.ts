/**
 * ESLint's `--format json`, field for field, so tools that read ESLint output
 * (reviewdog, CI annotators, editor integrations) read ours unchanged. Engine-only
 * fields (`range`, `related`) stay out: ESLint messages do not have them.
 */
import type { FileResult, LintMessage } from '../../engine/types';
import type { Formatter } from './types';

export const json: Formatter = (results) => JSON.stringify(results.map(toEslintResult));

export function toEslintResult(result: FileResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    filePath: result.filePath,
    messages: result.messages.map(toEslintMessage),
    suppressedMessages: (result.suppressedMessages ?? []).map(toEslintMessage),
    errorCount: result.errorCount,
    fatalErrorCount: result.fatalErrorCount,
    warningCount: result.warningCount,
    fixableErrorCount: result.fixableErrorCount,
    fixableWarningCount: result.fixableWarningCount,
  };
  if (result.output !== undefined) out.output = result.output;
  else if (result.source !== undefined) out.source = result.source;
  out.usedDeprecatedRules = [];
  return out;
}

export function toEslintMessage(message: LintMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { ruleId: message.ruleId };
  if (message.fatal) out.fatal = true;
  out.severity = message.severity;
  out.message = message.message;
  // A notice about a whole file (an ignored file named on the command line) has no position, as in ESLint.
  if (message.line > 0) {
    out.line = message.line;
    out.column = message.column;
  }
  if (message.messageId !== undefined) out.messageId = message.messageId;
  if (message.endLine !== undefined) out.endLine = message.endLine;
  if (message.endColumn !== undefined) out.endColumn = message.endColumn;
  if (message.fix) out.fix = { range: message.fix.range, text: message.fix.text };
  if (message.suggestions && message.suggestions.length > 0) {
    out.suggestions = message.suggestions.map((s) => {
      const suggestion: Record<string, unknown> = {};
      if (s.messageId !== undefined) suggestion.messageId = s.messageId;
      suggestion.fix = { range: s.fix.range, text: s.fix.text };
      suggestion.desc = s.desc;
      return suggestion;
    });
  }
  return out;
}
