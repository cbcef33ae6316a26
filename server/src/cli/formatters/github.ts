/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the
 * pull request's diff, with no upload step. Escaping follows the runner's
 * documented rules (as @actions/core implements them): `%`, CR and LF in the
 * message, and additionally `:` and `,` in properties, since those delimit them.
 */
import * as path from 'node:path';
import type { LintMessage } from '../../engine/types';
import { displayPath, repositoryRoot, toPosix } from '../paths';
import type { Formatter } from './types';

export const github: Formatter = (results, context) => {
  const root = repositoryRoot(context.cwd);
  const lines: string[] = [];
  for (const result of results) {
    const file = path.isAbsolute(result.filePath) ? toPosix(displayPath(root, result.filePath)) : result.filePath;
    for (const message of result.messages) lines.push(annotation(file, message));
  }
  return lines.join('\n');
};

export function annotation(file: string, message: LintMessage): string {
  const command = message.fatal || message.severity === 2 ? 'error' : 'warning';
  const properties: Array<[string, string | number]> = [['file', file]];
  if (message.line > 0) {
    const endLine = message.endLine ?? message.line;
    properties.push(['line', message.line], ['endLine', endLine]);
    // GitHub takes columns only for a single-line range; with them on a multi-line one
    // the annotation is rejected, so the columns go and the lines stay.
    if (endLine === message.line) {
      properties.push(['col', message.column]);
      if (message.endColumn !== undefined) properties.push(['endColumn', message.endColumn]);
    }
  }
  properties.push(['title', message.ruleId ?? (message.fatal ? 'parse error' : 'durability-lint')]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${props}::${escapeData(message.message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
