/**
 * reviewdog's Diagnostic Format (rdjson): one `DiagnosticResult` with a diagnostic
 * per finding. Every fix and suggestion becomes a reviewdog `suggestion`, which
 * reviewdog posts as a GitHub "suggested change" a reviewer accepts in one click.
 * Columns are 1-based UTF-8 byte offsets in the line and ends are exclusive, as the
 * format defines them, so a line with non-ASCII text before the finding still
 * points at the right characters.
 */
import * as path from 'node:path';
import { docsUrl } from '../../engine/rule-api';
import type { LintMessage, TextEdit } from '../../engine/types';
import { displayPath, toPosix } from '../paths';
import { resultText, TextLines } from '../source-text';
import type { Formatter } from './types';

interface RdPosition {
  line: number;
  column?: number;
}
interface RdRange {
  start: RdPosition;
  end?: RdPosition;
}
interface RdDiagnostic {
  message: string;
  location: { path: string; range?: RdRange };
  severity: 'ERROR' | 'WARNING' | 'INFO';
  source: { name: string; url?: string };
  code?: { value: string; url?: string };
  suggestions?: Array<{ range: RdRange; text: string }>;
  related_locations?: Array<{ message: string; location: { path: string; range: RdRange } }>;
}

const SOURCE = { name: 'durability-lint', url: docsUrl('x').replace(/\/blob\/.*$/, '') };

export const rdjson: Formatter = (results, context) => {
  const diagnostics: RdDiagnostic[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const file = path.isAbsolute(result.filePath) ? toPosix(displayPath(context.cwd, result.filePath)) : result.filePath;
    const text = resultText(result);
    const lines = text === undefined ? undefined : new TextLines(text);
    const byteColumn = (line: number, column: number) => (lines ? lines.utf8Column(line, column) : column);
    for (const message of result.messages) {
      const diagnostic: RdDiagnostic = {
        message: message.message,
        location: { path: file },
        severity: message.fatal || message.severity === 2 ? 'ERROR' : 'WARNING',
        source: SOURCE,
      };
      if (message.line > 0) diagnostic.location.range = messageRange(message, byteColumn);
      if (message.ruleId !== null) diagnostic.code = { value: message.ruleId, url: docsUrl(message.ruleId) };
      const edits = [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((s) => s.fix)];
      if (edits.length > 0 && lines) diagnostic.suggestions = edits.map((edit) => toSuggestion(edit, lines));
      if (message.related && message.related.length > 0) {
        diagnostic.related_locations = message.related.map((related) => ({
          message: related.message,
          location: {
            path: related.filePath ? toPosix(displayPath(context.cwd, related.filePath)) : file,
            range: {
              start: { line: related.line, column: byteColumn(related.line, related.column) },
              end: { line: related.endLine, column: byteColumn(related.endLine, related.endColumn) },
            },
          },
        }));
      }
      diagnostics.push(diagnostic);
    }
  }
  return JSON.stringify({ source: SOURCE, diagnostics });
};

function messageRange(message: LintMessage, byteColumn: (line: number, column: number) => number): RdRange {
  const range: RdRange = { start: { line: message.line, column: byteColumn(message.line, message.column) } };
  if (message.endLine !== undefined && message.endColumn !== undefined) {
    range.end = { line: message.endLine, column: byteColumn(message.endLine, message.endColumn) };
  }
  return range;
}

function toSuggestion(edit: TextEdit, lines: TextLines): { range: RdRange; text: string } {
  const start = lines.position(edit.range[0]);
  const end = lines.position(edit.range[1]);
  return {
    range: {
      start: { line: start.line, column: lines.utf8Column(start.line, start.column) },
      end: { line: end.line, column: lines.utf8Column(end.line, end.column) },
    },
    text: edit.text,
  };
}
