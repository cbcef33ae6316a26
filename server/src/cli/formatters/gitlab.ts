/**
 * GitLab's Code Quality report (a subset of Code Climate's issue format): GitLab
 * shows each finding in the merge request widget and beside the changed line in
 * the diff. The fingerprint follows the SARIF one — rule, path, the line's text
 * without whitespace, and which occurrence it is — so an issue keeps its identity
 * when unrelated lines move, and GitLab can tell new findings from fixed ones.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { displayPath, repositoryRoot, toPosix } from '../paths';
import { resultText, TextLines } from '../source-text';
import type { Formatter } from './types';

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end?: number } };
}

export const gitlab: Formatter = (results, context) => {
  const root = repositoryRoot(context.cwd);
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const file = path.isAbsolute(result.filePath) ? toPosix(displayPath(root, result.filePath)) : result.filePath;
    const text = resultText(result);
    const lines = text === undefined ? undefined : new TextLines(text);
    const occurrences = new Map<string, number>();
    for (const message of result.messages) {
      const check = message.ruleId ?? (message.fatal ? 'parse-error' : 'durability-lint');
      const key = `${check}\n${file}\n${lines ? lines.lineText(message.line).replace(/\s+/g, '') : message.message}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      const issue: CodeQualityIssue = {
        description: message.ruleId ? `${message.message} (${message.ruleId})` : message.message,
        check_name: check,
        fingerprint: createHash('md5').update(`${key}\n${occurrence}`).digest('hex'),
        // GitLab ranks by these names; a failing finding is "major", a warning "minor".
        severity: message.fatal ? 'blocker' : message.severity === 2 ? 'major' : 'minor',
        location: { path: file, lines: { begin: Math.max(1, message.line) } },
      };
      if (message.endLine !== undefined && message.endLine !== message.line) issue.location.lines.end = message.endLine;
      issues.push(issue);
    }
  }
  return JSON.stringify(issues, null, 2);
};
