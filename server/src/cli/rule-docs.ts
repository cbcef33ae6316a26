/**
 * Rule documentation for formats that embed it (SARIF `help`, `fullDescription`):
 * the shipped `rules/docs/<id>.md` pages, read once per rule and run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './version';

const cache = new Map<string, string | undefined>();

export function ruleDocsMarkdown(ruleId: string): string | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  let text: string | undefined;
  const root = packageRoot();
  // Ids come from the rule registry, but a path separator must never reach the file system.
  if (root && /^[a-z0-9-]+$/.test(ruleId)) {
    try {
      text = fs.readFileSync(path.join(root, 'rules', 'docs', `${ruleId}.md`), 'utf8').replace(/\r\n?/g, '\n');
    } catch {
      text = undefined;
    }
  }
  cache.set(ruleId, text);
  return text;
}

/** The first paragraph under a `## heading`, on one line; undefined when the page has no such section. */
export function firstParagraphOf(markdown: string, heading: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start < 0) return undefined;
  const paragraph: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    if (line.startsWith('#') || line.startsWith('```')) break;
    paragraph.push(line.trim());
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}

/**
 * Markdown read as plain text, for viewers that show SARIF `help.text`: heading
 * marks and link targets go, code stays as written.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^#{1,6}\s+/, '').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1'))
    .join('\n')
    .trim();
}
