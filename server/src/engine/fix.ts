/**
 * Applying text edits. Overlapping edits are skipped (the next pass picks them up),
 * which is how ESLint keeps multi-pass fixing safe.
 */
import type { TextEdit } from './types';

export function applyFixesToText(text: string, fixes: readonly TextEdit[]): string {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let cursor = 0;
  let lastEnd = -1;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < lastEnd || start < cursor) continue;
    out += text.slice(cursor, start) + fix.text;
    cursor = end;
    lastEnd = end;
  }
  return out + text.slice(cursor);
}
