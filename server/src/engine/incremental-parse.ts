/**
 * Re-parsing a document after an edit without re-parsing all of it. In an editor almost
 * every keystroke lands inside one function body; re-parsing only that body and
 * splicing it into the previous tree costs a fraction of a full parse on a big file
 * (the parse and the ESTree conversion are most of an analysis' time).
 *
 * The body is parsed on its own as the body of an object method — the one context that
 * allows `return`, `await` (when async), `yield` (when a generator) and `super` — at
 * the same offsets and lines as in the document: everything before it is blanked to
 * spaces (line breaks kept), so positions need no translation. Nodes after the edit
 * are moved by the length difference. The scopes of the edited function are analysed
 * again and grafted into the previous scope manager (incremental-scopes.ts); after an
 * edit between top-level statements, or when the graft does not fit, the scopes of the
 * whole file are analysed again. Whenever the parse does not fit — the edit is outside a
 * function body, touches its braces, or the new body does not parse — this falls back
 * to a full parse, which also gives the proper syntax error.
 *
 * Two kinds of keystroke re-parse nothing: spaces typed between tokens, and an edit inside
 * one name token that leaves a plain name — a property or member name, which no scope
 * sees, or a declaration's name, whose variables are then renamed in the scope manager
 * (incremental-scopes.ts). Only positions after the edit move.
 *
 * The previous tree is changed in place: a `DocumentParser` owns its trees, and no one
 * else may keep one (analyses keep nothing between runs; the project parses its own).
 */
import { visitorKeys } from './ast';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  analyzeScopes,
  MAX_TREE_DEPTH,
  parseProgram,
  parseSourceDialect,
  setParents,
  treeDepthExceeds,
  type ParsedFile,
  type ParseFailure,
} from './parse';
import { reanalyzeFunctionScopes, renameDeclaration } from './incremental-scopes';
import { isReferenceableName } from './source-edits';

type AnyNode = TSESTree.Node & { parent?: TSESTree.Node };
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

interface Previous {
  text: string;
  parsed: ParsedFile;
  jsx: boolean;
}

export interface ParseStats {
  full: number;
  incremental: number;
  /** Of the incremental parses, those that updated the scopes of the edited function only. */
  incrementalScopes: number;
  /** Edits of spaces between tokens: nothing re-parsed, positions moved. */
  spacesOnly: number;
  /** Edits inside a property or member name: the name changed, nothing re-parsed. */
  namesOnly: number;
}

export class DocumentParser {
  private previous: Previous | null = null;
  readonly stats: ParseStats = { full: 0, incremental: 0, incrementalScopes: 0, spacesOnly: 0, namesOnly: 0 };

  constructor(readonly filePath: string) {}

  parse(text: string): ParsedFile | ParseFailure {
    const previous = this.previous;
    if (previous && previous.text === text) return previous.parsed;
    let spliced: ParsedFile | null = null;
    try {
      spliced = previous ? reparseBody(previous, text, this.filePath, this.stats) : null;
    } catch {
      // Out of stack in the scope analysis of a deep tree, or anything unforeseen: the tree
      // may be half spliced, so it is dropped and the full parse decides (and reports).
      this.previous = null;
    }
    if (spliced) {
      this.previous = { text, parsed: spliced, jsx: previous!.jsx };
      this.stats.incremental++;
      return spliced;
    }
    this.stats.full++;
    const result = parseSourceDialect(text, this.filePath);
    if ('failure' in result) {
      // Keep the last good tree: the next edit usually repairs the text near it.
      return result.failure;
    }
    this.previous = { text, parsed: result.parsed, jsx: result.jsx };
    return result.parsed;
  }
}

/** The changed span: old text [start, oldEnd) became new text [start, newEnd). */
function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < shorter - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail++;
  }
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

function reparseBody(previous: Previous, text: string, filePath: string, stats: ParseStats): ParsedFile | null {
  const span = changedSpan(previous.text, text);
  const { ast, scopeManager } = previous.parsed;
  if (movesOnlySpaces(previous, text, span)) {
    // Same tokens, same tree, same scopes: only positions after the edit move.
    moveNodesAfter(ast, [span.start, span.oldEnd], span.newEnd - span.oldEnd, lineStarts(text), [], { newEnd: span.newEnd, lineDelta: 0 });
    stats.spacesOnly++;
    return { ast, scopeManager, depth: previous.parsed.depth };
  }
  const renamed = renamedName(previous, text, span);
  // One name token changed: a property name (no reference) or a declaration's name (its
  // variables are renamed with it, and their uses stop resolving). Same tree shape.
  if (renamed && (renamed.property || renameDeclaration(scopeManager, renamed.identifier, renamed.name))) {
    moveNodesAfter(ast, renamed.token, span.newEnd - span.oldEnd, lineStarts(text), [], editEnd(previous.text, text, span));
    renamed.identifier.name = renamed.name;
    stats.namesOnly++;
    return { ast, scopeManager, depth: previous.parsed.depth };
  }
  const fn = innermostFunctionAround(ast, span.start, span.oldEnd);
  let splicedDepth: number | null;
  if (fn) {
    const oldBody = fn.body as TSESTree.BlockStatement;
    splicedDepth = spliceFunctionBody(previous, text, filePath, fn, span);
    if (splicedDepth === null) return null;
    if (reanalyzeFunctionScopes(scopeManager, fn, oldBody, previous.jsx)) {
      stats.incrementalScopes++;
      return { ast, scopeManager, depth: depthAfterSplice(ast, previous.parsed.depth, splicedDepth) };
    }
  } else {
    splicedDepth = spliceTopLevelStatements(previous, text, filePath, span);
    if (splicedDepth === null) return null;
  }
  return { ast, scopeManager: analyzeScopes(ast, filePath), depth: depthAfterSplice(ast, previous.parsed.depth, splicedDepth) };
}

/**
 * The new tree's depth without walking all of it: the deeper of the old tree and the
 * spliced-in part is an upper bound (what was replaced can only have been shallower or
 * as deep). Only when that bound crosses the limit, and the new part alone does not, is
 * the tree checked (stopping at the limit), so that the too-deep verdict stays exact;
 * the limit itself is then a bound within it.
 */
function depthAfterSplice(ast: TSESTree.Program, previousDepth: number | undefined, splicedDepth: number): number | undefined {
  if (previousDepth === undefined) return undefined;
  const bound = Math.max(previousDepth, splicedDepth);
  if (bound <= MAX_TREE_DEPTH || splicedDepth > MAX_TREE_DEPTH) return bound;
  return treeDepthExceeds(ast, MAX_TREE_DEPTH) ? MAX_TREE_DEPTH + 1 : MAX_TREE_DEPTH;
}

/** How deep `node` sits: the Program is at depth 1. */
function depthOf(node: AnyNode): number {
  let depth = 1;
  for (let n = node.parent; n; n = (n as AnyNode).parent) depth++;
  return depth;
}

interface Span {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const SPACES = /^[ \t]*$/;
/** Nodes whose value spaces are part of: a space typed inside them changes the tree. */
const SPACE_SENSITIVE = /^(Literal|TemplateLiteral|TemplateElement|JSX\w*)$/;

/**
 * Spaces or tabs typed or deleted next to a blank (so no token is split or joined), no line
 * break involved (so automatic semicolons stay where they were), outside strings, templates
 * and JSX text: the tokens, and so the tree and its scopes, are unchanged.
 */
function movesOnlySpaces(previous: Previous, text: string, span: Span): boolean {
  if (!SPACES.test(previous.text.slice(span.start, span.oldEnd)) || !SPACES.test(text.slice(span.start, span.newEnd))) return false;
  const blank = (c: number) => Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
  if (!blank(text.charCodeAt(span.start - 1)) && !blank(text.charCodeAt(span.newEnd))) return false;
  let node: AnyNode | null = previous.parsed.ast;
  while (node) {
    if (SPACE_SENSITIVE.test(node.type)) return false;
    // Strictly: a space typed at a token's edge is outside that token.
    node = childAround(node, span.start, span.oldEnd, true);
  }
  return true;
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/**
 * Words that change what a name next to them means (`get x()`, `static x`, `constructor()`,
 * `async x()`, `declare x`), beside the reserved words: a rename to or from one of them is
 * parsed again.
 */
const CONTEXTUAL_WORDS = new Set(
  (
    'abstract accessor any as assert asserts async bigint boolean constructor declare from get global infer is keyof module ' +
    'namespace never number object of out override readonly require satisfies set string symbol type undefined unique unknown using'
  ).split(' '),
);

function isSpecialName(name: string): boolean {
  return !isReferenceableName(name) || CONTEXTUAL_WORDS.has(name);
}

/**
 * A name token that is the only one the edit touched and is still one plain name after
 * it, either in a position the scope analysis ignores (`property`: a property read's name
 * `a.name`, an object literal's key, not shorthand, a class or interface member's name,
 * none computed) or naming a declaration (a class, function, interface, type alias or
 * variable). Renaming a property name in place gives the tree a fresh parse gives; a
 * declaration's also needs its variables renamed.
 */
function renamedName(
  previous: Previous,
  text: string,
  span: Span,
): { identifier: TSESTree.Identifier; token: TSESTree.Range; name: string; property: boolean } | null {
  let node: AnyNode | null = previous.parsed.ast;
  let parent: AnyNode | null = null;
  while (node && node.type !== 'Identifier') {
    parent = node;
    node = childAround(node, span.start, span.oldEnd, false);
  }
  if (!node || !parent) return null;
  const identifier = node as TSESTree.Identifier;
  // A declared name's node also spans its type annotation (`x?: T`): the token is its start.
  const start = identifier.range[0];
  const end = start + identifier.name.length;
  if (span.oldEnd > end) return null;
  const newEnd = end + span.newEnd - span.oldEnd;
  const name = text.slice(start, newEnd);
  if (previous.text.slice(start, end) !== identifier.name || !NAME.test(name)) return null;
  if (isSpecialName(name) || isSpecialName(identifier.name)) return null;
  // The token neither swallowed nor split a neighbour.
  if (isNameChar(text.charCodeAt(start - 1)) || isNameChar(text.charCodeAt(newEnd))) return null;
  const token: TSESTree.Range = [start, end];
  if (isPropertyName(identifier, parent)) return { identifier, token, name, property: true };
  return isDeclaredName(identifier, parent) ? { identifier, token, name, property: false } : null;
}

function isDeclaredName(identifier: TSESTree.Identifier, parent: AnyNode): boolean {
  switch (parent.type) {
    case 'ClassDeclaration':
    case 'FunctionDeclaration':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'VariableDeclarator':
      return parent.id === identifier;
    default:
      return false;
  }
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c === 92 || c > 127;
}

function isPropertyName(identifier: TSESTree.Identifier, parent: AnyNode): boolean {
  switch (parent.type) {
    case 'MemberExpression':
      return parent.property === identifier && !parent.computed;
    case 'Property':
      return parent.key === identifier && !parent.computed && !parent.shorthand;
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'TSAbstractMethodDefinition':
    case 'TSAbstractPropertyDefinition':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return parent.key === identifier && !parent.computed;
    default:
      return false;
  }
}

/** Replaces `fn`'s body; the depth of the deepest node in the new body, or null when it does not fit. */
function spliceFunctionBody(previous: Previous, text: string, filePath: string, fn: FunctionNode, span: Span): number | null {
  const body = fn.body as TSESTree.BlockStatement;
  const delta = span.newEnd - span.oldEnd;
  const head = `({${fn.async ? 'async ' : ''}${fn.generator ? '*' : ''}m()`;
  const padded = paddedSource(text, body.range[0], body.range[1] + delta, head, '})');
  if (padded === null) return null;
  const program = tryParse(padded, filePath, previous.jsx);
  const newBody = program && methodBodyOf(program);
  if (!newBody || newBody.range[0] !== body.range[0] || newBody.range[1] !== body.range[1] + delta) return null;

  moveNodesAfter(previous.parsed.ast, body.range, delta, lineStarts(text), [body], editEnd(previous.text, text, span));
  (fn as { body: TSESTree.BlockStatement }).body = newBody;
  (newBody as AnyNode).parent = fn;
  return depthOf(fn) + setParents(newBody as unknown as TSESTree.Program);
}

/**
 * An edit between or in top-level statements outside any function body (a class
 * member's signature, an interface, an import): the statements it touches and one
 * neighbour on each side are parsed again on their own. The neighbours make sure a
 * boundary the edit could move (a lost `;` joining two statements) lies inside the
 * re-parsed stretch; outside it, tokens and so statement boundaries are unchanged.
 */
function spliceTopLevelStatements(previous: Previous, text: string, filePath: string, span: Span): number | null {
  const program = previous.parsed.ast;
  const statements = program.body;
  if (statements.length === 0) return null;
  let first = 0;
  while (first < statements.length - 1 && startOf(statements[first + 1]) < span.start) first++;
  let last = statements.length - 1;
  while (last > 0 && statements[last - 1].range[1] > span.oldEnd) last--;
  first = Math.max(0, Math.min(first, last) - 1);
  last = Math.min(statements.length - 1, Math.max(last, first) + 1);
  // An edit before the first statement or after the last could change what the file
  // starts or ends with (a directive prologue, the end-of-file position): parse it all.
  if (span.start <= startOf(statements[0]) || span.oldEnd >= statements[statements.length - 1].range[1]) return null;
  const regionStart = startOf(statements[first]);
  const regionEnd = statements[last].range[1];
  const delta = span.newEnd - span.oldEnd;
  // `export {}` keeps the stretch a module when the file is one (top-level `await`).
  const head = program.sourceType === 'module' ? 'export{};' : '';
  const padded = paddedSource(text, regionStart, regionEnd + delta, head, '');
  if (padded === null) return null;
  const parsed = tryParse(padded, filePath, previous.jsx);
  if (!parsed) return null;
  const replacement = head ? parsed.body.slice(1) : parsed.body;
  if (
    replacement.length === 0 ||
    startOf(replacement[0]) !== regionStart ||
    replacement[replacement.length - 1].range[1] !== regionEnd + delta
  ) {
    return null;
  }

  moveNodesAfter(program, [regionStart, regionEnd], delta, lineStarts(text), statements.slice(first, last + 1), editEnd(previous.text, text, span));
  statements.splice(first, last - first + 1, ...replacement);
  let deepest = 1;
  for (const statement of replacement) {
    (statement as AnyNode).parent = program;
    deepest = Math.max(deepest, 1 + setParents(statement as unknown as TSESTree.Program));
  }
  return deepest;
}

function tryParse(text: string, filePath: string, jsx: boolean): TSESTree.Program | null {
  try {
    return parseProgram(text, filePath, jsx);
  } catch {
    return null;
  }
}

/**
 * The deepest function whose block body strictly contains the old span: the edit
 * does not touch the braces, so the body stays one block.
 */
function innermostFunctionAround(ast: TSESTree.Program, start: number, end: number): FunctionNode | null {
  let found: FunctionNode | null = null;
  let node: AnyNode | null = ast;
  while (node) {
    if (
      (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') &&
      node.body?.type === 'BlockStatement' &&
      node.body.range[0] < start &&
      end < node.body.range[1]
    ) {
      found = node;
    }
    node = childAround(node, start, end, false);
  }
  return found;
}

/**
 * Where a node's text starts. Decorators written before `export` belong to the class but
 * lie before the export statement's range (`@Entity() export class User {}`).
 */
function startOf(node: AnyNode): number {
  const declaration = node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' ? node.declaration : node;
  const decorators = declaration && 'decorators' in declaration ? declaration.decorators : undefined;
  return decorators && decorators.length > 0 ? Math.min(node.range[0], decorators[0].range[0]) : node.range[0];
}

/** The child whose text holds [start, end): with `strict`, not touching either edge. */
function childAround(node: AnyNode, start: number, end: number, strict: boolean): AnyNode | null {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && 'range' in child) {
        const from = startOf(child as AnyNode);
        const to = (child as AnyNode).range[1];
        if (strict ? from < start && end < to : from <= start && end <= to) return child as AnyNode;
      }
    }
  }
  return null;
}

/**
 * The new text with everything outside [start, end) blanked (line breaks kept, so lines
 * and columns stay those of the document), `head` written into the blank before the
 * stretch and `tail` after it. Null when no stretch of the blank without a line break
 * is long enough for `head`.
 */
function paddedSource(text: string, start: number, end: number, head: string, tail: string): string | null {
  const prefix = text.slice(0, start).replace(/[^\r\n\u2028\u2029]/g, ' ');
  if (!head) return prefix + text.slice(start, end) + tail;
  const slot = slotFor(prefix, head.length);
  if (slot < 0) return null;
  return prefix.slice(0, slot) + head + prefix.slice(slot + head.length) + text.slice(start, end) + tail;
}

function slotFor(blank: string, length: number): number {
  let runStart = 0;
  for (let i = 0; i <= blank.length; i++) {
    const c = blank.charCodeAt(i);
    if (i === blank.length || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      if (i - runStart >= length) return runStart;
      runStart = i + 1;
    }
  }
  return -1;
}

/** `({ m() { … } })` → the method's body. */
function methodBodyOf(program: TSESTree.Program): TSESTree.BlockStatement | null {
  if (program.body.length !== 1) return null;
  const statement = program.body[0];
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'ObjectExpression') return null;
  const property = statement.expression.properties[0];
  if (statement.expression.properties.length !== 1 || property?.type !== 'Property') return null;
  if (property.value.type !== 'FunctionExpression') return null;
  return property.value.body;
}

/**
 * Nodes after the replaced stretch move by `delta`; the nodes around it grow by
 * `delta`; nodes before it keep their positions; the `replaced` nodes are dropped, not
 * moved. Locations are recomputed from the new
 * text's line starts. Iterative: nesting depth is unbounded in real input.
 */
function moveNodesAfter(
  ast: TSESTree.Program,
  [stretchStart, stretchEnd]: TSESTree.Range,
  delta: number,
  lines: number[],
  replaced: readonly TSESTree.Node[],
  edit: { newEnd: number; lineDelta: number },
): void {
  // Every node after the edit moves by `lineDelta` lines; only those on the line where the
  // edit ends also change column. Most keystrokes add no line, and then everything below
  // that line keeps its location object. (Range arrays are always replaced, never changed
  // in place: the parser shares some between a node and its child.)
  const { lineDelta } = edit;
  const oldEndLine = position(lines, edit.newEnd).line - lineDelta;
  const moveLocation = (loc: TSESTree.Position, offset: number): TSESTree.Position =>
    loc.line === oldEndLine ? position(lines, offset) : lineDelta === 0 ? loc : { line: loc.line + lineDelta, column: loc.column };
  const stack: AnyNode[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // The Program always spans the whole text, from 0 to its end.
    const program = node.type === 'Program';
    if ((node.range[1] <= stretchStart && !program) || replaced.includes(node)) continue;
    const { start, end } = node.loc;
    if (node.range[0] >= stretchEnd && !program) {
      node.range = [node.range[0] + delta, node.range[1] + delta];
      if (lineDelta !== 0 || start.line === oldEndLine || end.line === oldEndLine) {
        node.loc = { start: moveLocation(start, node.range[0]), end: moveLocation(end, node.range[1]) };
      }
    } else {
      node.range = [node.range[0], node.range[1] + delta];
      node.loc = { start, end: moveLocation(end, node.range[1]) };
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && 'range' in child) stack.push(child as AnyNode);
      } else if (value && typeof value === 'object' && 'range' in value) {
        stack.push(value as AnyNode);
      }
    }
  }
}

/** Where the edit ends in the new text, and how many lines it added (a CR LF pair split by the edit counts). */
function editEnd(before: string, after: string, span: Span): { newEnd: number; lineDelta: number } {
  const around = (text: string, end: number) => lineStarts(text.slice(Math.max(0, span.start - 1), end + 1)).length;
  return { newEnd: span.newEnd, lineDelta: around(after, span.newEnd) - around(before, span.oldEnd) };
}

/** Line starts as TypeScript counts them: CRLF, LF, CR, LS and PS end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(lines: number[], offset: number): TSESTree.Position {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lines[low] };
}
