/**
 * SARIF 2.1.0, shaped for GitHub code scanning: every rule described in
 * `tool.driver.rules` (with its docs page as help), one result per finding with a
 * full region and a fingerprint that survives edits elsewhere in the file, and the
 * fix and suggestions as SARIF `fixes`. Messages that belong to no rule (parse
 * errors, ignored files, unused directives) are tool notifications, not alerts: an
 * alert needs a rule to be dismissed against.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsUrl, type RuleModule } from '../../engine/rule-api';
import type { FileResult, LintMessage, TextEdit } from '../../engine/types';
import { relativeInside, repositoryRoot } from '../paths';
import { firstParagraphOf, markdownToText, ruleDocsMarkdown } from '../rule-docs';
import { resultText, TextLines } from '../source-text';
import { packageVersion } from '../version';
import type { Formatter } from './types';

export const SRCROOT = '%SRCROOT%';
const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export const sarif: Formatter = (results, context) => {
  const root = repositoryRoot(context.cwd);
  const rules = context.rules.map(describeRule);
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const sarifResults: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];

  for (const result of results) {
    if (result.messages.length === 0) continue;
    const location = artifactLocation(result.filePath, root);
    const text = resultText(result);
    const lines = text === undefined ? undefined : new TextLines(text);
    const occurrences = new Map<string, number>();
    for (const message of result.messages) {
      if (message.ruleId === null) {
        notifications.push(toNotification(message, location));
        continue;
      }
      const sarifResult: Sarif.Result = {
        ruleId: message.ruleId,
        level: level(message.severity),
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(message) } }],
      };
      const index = ruleIndex.get(message.ruleId);
      if (index !== undefined) sarifResult.ruleIndex = index;
      if (lines) {
        const key = `${message.ruleId}\n${lines.lineText(message.line).replace(/\s+/g, '')}`;
        const occurrence = (occurrences.get(key) ?? 0) + 1;
        occurrences.set(key, occurrence);
        sarifResult.partialFingerprints = { primaryLocationLineHash: `${sha256(key).slice(0, 16)}:${occurrence}` };
        const fixes = toFixes(message, location, lines);
        if (fixes.length > 0) sarifResult.fixes = fixes;
      }
      if (message.related && message.related.length > 0) {
        sarifResult.relatedLocations = message.related.map((related, id) => ({
          id,
          message: { text: related.message },
          physicalLocation: {
            artifactLocation: related.filePath ? artifactLocation(related.filePath, root) : location,
            region: { startLine: related.line, startColumn: related.column, endLine: related.endLine, endColumn: related.endColumn },
          },
        }));
      }
      sarifResults.push(sarifResult);
    }
  }

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'durability-lint',
        informationUri: informationUri(),
        version: packageVersion(),
        semanticVersion: packageVersion(),
        rules,
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root) } },
    // Engine columns count UTF-16 code units, which is also SARIF's default; said explicitly for readers.
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
  };
  if (notifications.length > 0) {
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }];
  }
  const log: Sarif.Log = { $schema: SCHEMA_URI, version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2);
};

function describeRule(rule: RuleModule<any>): Sarif.ReportingDescriptor {
  const markdown = ruleDocsMarkdown(rule.id);
  const description = rule.meta.docs.description;
  const severity = rule.meta.defaultSeverity === 'error' ? 'error' : 'warning';
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: (markdown && firstParagraphOf(markdown, 'Why this loses data')) ?? description },
    help: markdown ? { text: markdownToText(markdown), markdown } : { text: description, markdown: description },
    helpUri: docsUrl(rule.id),
    defaultConfiguration: { level: severity },
    properties: {
      tags: ['reliability', 'correctness', 'data-loss'],
      // Rules on by default as errors are the ones whose findings are near-certain losses;
      // warning-level rules are heuristics (naming, log-only handlers) with more noise.
      precision: rule.meta.defaultSeverity === 'error' ? 'high' : 'medium',
      'problem.severity': severity,
    },
  };
}

function level(severity: 1 | 2): Sarif.Result.level {
  return severity === 2 ? 'error' : 'warning';
}

function region(message: LintMessage): Sarif.Region {
  const out: Sarif.Region = { startLine: message.line, startColumn: message.column };
  out.endLine = message.endLine ?? message.line;
  out.endColumn = message.endColumn ?? message.column;
  return out;
}

function toNotification(message: LintMessage, location: Sarif.ArtifactLocation): Sarif.Notification {
  const notification: Sarif.Notification = {
    level: message.fatal || message.severity === 2 ? 'error' : 'warning',
    message: { text: message.message },
  };
  const physical: Sarif.PhysicalLocation = { artifactLocation: location };
  // A whole-file notice (an ignored file) has no position.
  if (message.line > 0) physical.region = region(message);
  notification.locations = [{ physicalLocation: physical }];
  return notification;
}

function toFixes(message: LintMessage, location: Sarif.ArtifactLocation, lines: TextLines): Sarif.Fix[] {
  const fixes: Sarif.Fix[] = [];
  if (message.fix) fixes.push(toFix('Apply the fix', message.fix, location, lines));
  for (const suggestion of message.suggestions ?? []) fixes.push(toFix(suggestion.desc, suggestion.fix, location, lines));
  return fixes;
}

function toFix(description: string, edit: TextEdit, location: Sarif.ArtifactLocation, lines: TextLines): Sarif.Fix {
  const start = lines.position(edit.range[0]);
  const end = lines.position(edit.range[1]);
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: [
          {
            deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            insertedContent: { text: edit.text },
          },
        ],
      },
    ],
  };
}

/**
 * Relative to the repository root under `%SRCROOT%` (code scanning resolves it to
 * the checkout); a file outside it gets an absolute `file:` URI.
 */
export function artifactLocation(filePath: string, cwd: string): Sarif.ArtifactLocation {
  if (!path.isAbsolute(filePath)) return { uri: encodePath(filePath.split(path.sep).join('/')) };
  const relative = relativeInside(cwd, filePath);
  if (relative !== undefined) return { uri: encodePath(relative), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(filePath).href };
}

function encodePath(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function informationUri(): string {
  // The repository the docs live in: docsUrl() points at a page inside it.
  return docsUrl('x').replace(/\/blob\/.*$/, '');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
