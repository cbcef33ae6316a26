/**
 * Parsing. We call typescript-estree's `parse` (the parser behind
 * `@typescript-eslint/parser`'s `parseForESLint`) with tokens and comments off, and
 * run the scope manager ourselves: parseForESLint always collects tokens and
 * re-walks them for comments, which no rule here needs (directive comments are
 * found by a text scan in suppressions.ts). The resulting AST and ScopeManager are
 * the same shapes ESLint hands to plugins, so the ESLint shell can pass its own.
 */
import { visitorKeys } from './ast';
import { parse as parseEstree, type TSESTree } from '@typescript-eslint/typescript-estree';
import { analyze, type ScopeManager } from '@typescript-eslint/scope-manager';

export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export interface ParsedFile {
  ast: TSESTree.Program;
  scopeManager: ScopeManager;
  /**
   * How many nodes deep the tree is, when known: exact after a full parse (measured while
   * setting parents); after an incremental one, possibly an upper bound, but then one
   * within `MAX_TREE_DEPTH`, so `depth > MAX_TREE_DEPTH` is always the exact verdict.
   */
  depth?: number;
}

export interface ParseFailure {
  message: string;
  /**
   * The parser ran out of stack (chains like `a + a + …` or `else if` ladders thousands
   * long): the code is too deep to check, not known to be wrong.
   */
  tooDeep?: true;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export function isSupportedFile(filePath: string): boolean {
  const lower = filePath.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function usesJsx(filePath: string): boolean {
  const lower = filePath.toLowerCase();
  // Plain .js/.mjs/.cjs files may hold JSX (React Native projects do this); .ts never may,
  // because `<T>x` is a type assertion there.
  return lower.endsWith('.tsx') || lower.endsWith('.jsx') || lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs');
}

function looksLikeCommonJs(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.cjs') || filePath.toLowerCase().endsWith('.cts');
}

export function parseSource(text: string, filePath: string): ParsedFile | ParseFailure {
  const result = parseSourceDialect(text, filePath);
  return 'failure' in result ? result.failure : result.parsed;
}

/** As `parseSource`, also telling which dialect parsed (an incremental re-parse must use the same). */
export function parseSourceDialect(text: string, filePath: string): { parsed: ParsedFile; jsx: boolean } | { failure: ParseFailure } {
  const jsx = usesJsx(filePath);
  try {
    return { parsed: parseWith(text, filePath, jsx), jsx };
  } catch (error) {
    if (jsx && /\.(c|m)?js$/i.test(filePath) && !isStackOverflow(error)) {
      // A .js file that is not JSX can still fail as JSX (`a < b > c` style generics in
      // Flow-free code are rare, but `<T,>() =>` is not); retry once without JSX. Not
      // after running out of stack: the other dialect nests as deep.
      try {
        return { parsed: parseWith(text, filePath, false), jsx: false };
      } catch {
        /* report the first error: it is the one for the more likely dialect */
      }
    }
    return { failure: toParseFailure(error) };
  }
}

function parseWith(text: string, filePath: string, jsx: boolean): ParsedFile {
  const ast = parseProgram(text, filePath, jsx);
  const depth = setParents(ast);
  return { ast, scopeManager: analyzeScopes(ast, filePath), depth };
}

/** The bare ESTree (no parents, no scopes); throws on a syntax error. */
export function parseProgram(text: string, filePath: string, jsx: boolean): TSESTree.Program {
  return parseEstree(text, {
    jsx,
    loc: true,
    range: true,
    comment: false,
    tokens: false,
    filePath,
    errorOnUnknownASTType: false,
    allowInvalidAST: false,
    suppressDeprecatedPropertyWarnings: true,
  });
}

export function analyzeScopes(ast: TSESTree.Program, filePath: string): ScopeManager {
  return analyze(ast, {
    sourceType: looksLikeCommonJs(filePath) ? 'script' : ast.sourceType ?? 'module',
    globalReturn: looksLikeCommonJs(filePath),
    lib: [],
  });
}

function toParseFailure(error: unknown): ParseFailure {
  if (isStackOverflow(error)) return { message: String((error as Error).message), line: 1, column: 1, tooDeep: true };
  const e = error as { message?: string; lineNumber?: number; column?: number; location?: { start?: { line: number; column: number } } };
  const line = e.lineNumber ?? e.location?.start?.line ?? 1;
  const column = (e.column ?? e.location?.start?.column ?? 0) + 1;
  const message = String(e.message ?? error).split('\n')[0];
  return { message, line, column };
}

/** What V8 throws when recursion runs out of stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export function isParseFailure(result: ParsedFile | ParseFailure): result is ParseFailure {
  return !('ast' in result);
}

/**
 * Syntax trees deeper than this are not analysed (nor, in a project, used to judge
 * imports). Trees nest without brackets too: `a + a + …`, `else if` ladders, `.then()`
 * chains. The parser and the analysis recurse, and whether they run out of stack near
 * their limit depends on how warm the JIT is; a fixed limit well below the shallowest
 * overflow (about 620 levels, nested `switch`es, on a cold start) gives the same answer
 * on every run.
 */
export const MAX_TREE_DEPTH = 500;

/**
 * Whether the tree is more than `limit` nodes deep anywhere. Iterative, and it stops at
 * the first node past the limit.
 */
export function treeDepthExceeds(ast: TSESTree.Program, limit: number): boolean {
  const nodes: TSESTree.Node[] = [ast];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (child && typeof child === 'object' && 'type' in child) {
            nodes.push(child as TSESTree.Node);
            depths.push(depth + 1);
          }
        }
      } else if (value && typeof value === 'object' && 'type' in value) {
        nodes.push(value as TSESTree.Node);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * typescript-estree leaves `parent` unset (ESLint sets it while traversing); the
 * analysis walks upwards a lot, so set it once here, and measure the tree's depth on
 * the way (the depth limit needs it). Iterative: nesting depth is unbounded in real input.
 */
export function setParents(ast: TSESTree.Program): number {
  const stack: TSESTree.Node[] = [ast];
  const depths: number[] = [1];
  let deepest = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (child && typeof child === 'object' && 'type' in child) {
            (child as unknown as { parent: TSESTree.Node }).parent = node;
            stack.push(child as TSESTree.Node);
            depths.push(depth + 1);
          }
        }
      } else if (value && typeof value === 'object' && 'type' in value) {
        (value as unknown as { parent: TSESTree.Node }).parent = node;
        stack.push(value as TSESTree.Node);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}
