/**
 * Building blocks for fixes and suggestions: edits that keep the user's indentation
 * and line endings, so a fixed file looks hand-written.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { TextEdit } from './types';

export function lineEnding(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/** Leading whitespace of the line that holds `offset`. */
export function indentationAt(source: string, offset: number): string {
  let start = offset;
  while (start > 0 && source[start - 1] !== '\n' && source[start - 1] !== '\r') start--;
  let end = start;
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  return source.slice(start, end);
}

/** Inserts whole lines after a statement, at the statement's indentation. */
export function insertLinesAfter(source: string, node: TSESTree.Node, lines: string[]): TextEdit {
  const indent = indentationAt(source, node.range[0]);
  const eol = lineEnding(source);
  return { range: [node.range[1], node.range[1]], text: lines.map((l) => `${eol}${indent}${l}`).join('') };
}

export function insertBefore(node: TSESTree.Node, text: string): TextEdit {
  return { range: [node.range[0], node.range[0]], text };
}

/** The range of a statement including its indentation and line break, for moving it. */
export function wholeLinesOf(source: string, node: TSESTree.Node): [number, number] | null {
  let start = node.range[0];
  while (start > 0 && (source[start - 1] === ' ' || source[start - 1] === '\t')) start--;
  if (start > 0 && source[start - 1] !== '\n' && source[start - 1] !== '\r') return null;
  let end = node.range[1];
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  if (source[end] === '\r') end++;
  if (source[end] === '\n') end++;
  else if (end < source.length) return null;
  return [start, end];
}

/** One edit that moves `moved` (whole lines) to just after `anchor`. Both must sit on their own lines. */
export function moveStatementAfter(source: string, moved: TSESTree.Node, anchor: TSESTree.Node): TextEdit | null {
  const lines = wholeLinesOf(source, moved);
  if (!lines || anchor.range[0] < moved.range[1]) return null;
  const eol = lineEnding(source);
  const indent = indentationAt(source, anchor.range[0]);
  const movedText = source.slice(moved.range[0], moved.range[1]);
  const between = source.slice(lines[1], anchor.range[1]);
  return { range: [lines[0], anchor.range[1]], text: `${between}${eol}${indent}${movedText}` };
}

/**
 * Words that are reserved somewhere: always (`enum`), in strict code and modules (`let`,
 * `static`, `implements`, …), in modules and async functions (`await`) or in generators
 * (`yield`). The parser lets some of them through as bindings (`var await = …` in a
 * module), but an edit that refers to such a binding (`await.ok`) reads as the keyword.
 */
const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with ' +
    'await yield let static implements interface package private protected public'
  ).split(' '),
);

/**
 * Whether generated code may refer to the binding `name` anywhere in a file: false for
 * words reserved in some context. A fix or suggestion that would have to name such a
 * binding is not offered (names it introduces itself come from `freshName`).
 */
export function isReferenceableName(name: string): boolean {
  return !RESERVED_WORDS.has(name);
}

/** A name not used anywhere in `scopeText`, starting with `preferred`. */
export function freshName(scopeText: string, preferred: string): string {
  // A word in a comment (`// upload-response`) or a property after a dot is no binding.
  const code = scopeText.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
  const taken = (name: string) => new RegExp(`(^|[^.\\w$-])${name}(?![\\w$-])`).test(code);
  let name = preferred;
  for (let i = 2; taken(name); i++) name = `${preferred}${i}`;
  return name;
}
