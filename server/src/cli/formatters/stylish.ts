/**
 * ESLint's default format, reproduced closely because users scan it by habit:
 * a group per file under its underlined path, aligned `line:col  severity
 * message  rule` rows, and a summary with the fixable counts.
 */
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createColors } from 'picocolors';
import type { FileResult } from '../../engine/types';
import { displayPath } from '../paths';
import type { Formatter } from './types';

export const stylish: Formatter = (results, context) => {
  const c = createColors(context.color);
  let output = '\n';
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  let summaryColor: 'red' | 'yellow' = 'yellow';

  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    fixableErrorCount += result.fixableErrorCount;
    fixableWarningCount += result.fixableWarningCount;
    if (result.messages.length === 0) continue;

    const rows = result.messages.map((message) => {
      let type: string;
      if (message.fatal || message.severity === 2) {
        type = c.red('error');
        summaryColor = 'red';
      } else {
        type = c.yellow('warning');
      }
      return [
        '',
        String(message.line || 0),
        String(message.column || 0),
        type,
        // ESLint drops a message's final period in this format; so do we, for identical columns.
        message.message.replace(/([^ ])\.$/u, '$1'),
        c.dim(message.ruleId ?? ''),
      ];
    });
    const table = alignTable(rows, ['l', 'r', 'l', 'l', 'l', 'l'])
      .map((row) => row.replace(/(\d+)\s+(\d+)/u, (_, line: string, column: string) => c.dim(`${line}:${column}`)))
      .join('\n');
    output += `${c.underline(shownPath(result, context.cwd))}\n${table}\n\n`;
  }

  const total = errorCount + warningCount;
  if (total === 0) return '';
  const paint = (text: string) => c[summaryColor](c.bold(text));
  output += paint(
    `\u2716 ${total} ${plural('problem', total)} (${errorCount} ${plural('error', errorCount)}, ${warningCount} ${plural('warning', warningCount)})\n`,
  );
  if (fixableErrorCount > 0 || fixableWarningCount > 0) {
    output += paint(
      `  ${fixableErrorCount} ${plural('error', fixableErrorCount)} and ${fixableWarningCount} ${plural('warning', fixableWarningCount)} potentially fixable with the \`--fix\` option.\n`,
    );
  }
  return context.color ? c.reset(output) : output;
};

function shownPath(result: FileResult, cwd: string): string {
  return path.isAbsolute(result.filePath) ? displayPath(cwd, result.filePath) : result.filePath;
}

function plural(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

/** text-table's layout (which ESLint uses): two-space gutters, padding by visible width, no trailing blanks. */
function alignTable(rows: string[][], align: ('l' | 'r')[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const padding = ' '.repeat(widths[i] - visibleLength(cell));
        return align[i] === 'r' ? padding + cell : cell + padding;
      })
      .join('  ')
      .replace(/\s+$/, ''),
  );
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}
