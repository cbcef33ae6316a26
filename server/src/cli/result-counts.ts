import type { FileResult, LintMessage } from '../engine/types';

/** Recomputes a result's counts after the CLI added or moved messages (baseline, unused directives). */
export function recount(result: FileResult): FileResult {
  result.errorCount = 0;
  result.warningCount = 0;
  result.fatalErrorCount = 0;
  result.fixableErrorCount = 0;
  result.fixableWarningCount = 0;
  for (const message of result.messages) {
    if (message.fatal) result.fatalErrorCount++;
    if (message.severity === 2) {
      result.errorCount++;
      if (message.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (message.fix) result.fixableWarningCount++;
    }
  }
  return result;
}

/** Position order, as the engine sorts; stable, so equal positions keep the engine's order. */
export function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}
