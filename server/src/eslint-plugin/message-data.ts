/**
 * Reading a message template's placeholders back out of the text it produced, so a
 * finding the engine already worded can be reported to ESLint by `messageId`.
 */
import { interpolate } from '../engine/rule-api';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The `data` that turns `template` into `text`; undefined when the reading found does not reproduce the text exactly. */
export function recoverData(template: string, text: string): Record<string, string> | undefined {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pattern += escapeRegExp(template.slice(last, match.index)) + '([\\s\\S]*?)';
    names.push(match[1]);
    last = match.index! + match[0].length;
  }
  pattern += escapeRegExp(template.slice(last));
  const found = new RegExp(`^${pattern}$`).exec(text);
  if (!found) return undefined;
  const data: Record<string, string> = {};
  names.forEach((name, i) => {
    if (!(name in data)) data[name] = found[i + 1];
  });
  return interpolate(template, data) === text ? data : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
