/**
 * The engine's entry point: text in, findings out. Pure: no file system, no process
 * state, so the CLI, its workers, the language server and the ESLint shell share it.
 */
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { parseSource, isParseFailure, isStackOverflow, treeDepthExceeds, MAX_TREE_DEPTH } from './parse';
import { analyzeParsedFile } from './analyze';
import { runRules } from './run-rules';
import { applySuppressions, findDirectives } from './suppressions';
import type { EffectiveConfig, FileResult, LintMessage, UnusedDirective } from './types';
import { applyFixesToText } from './fix';
import { allRules } from '../../../rules';
import type { Project } from './project';
import type { DocumentParser } from './incremental-parse';
import { fileRole } from './file-role';

export interface LintOptions {
  config: EffectiveConfig;
  /**
   * Apply fixes (in passes until stable) and return the fixed text in `output`.
   * A function chooses which messages' fixes apply, as ESLint's `fix` option.
   */
  fix?: boolean | ((message: LintMessage) => boolean);
  /** Keep suppressed findings in `suppressedMessages` (baselines, unused-directive reports). */
  keepSuppressed?: boolean;
  /** Other project files, for judging imported functions and storage by what they really are. */
  project?: Project;
  /** Files larger than this many bytes (UTF-8) are skipped with a notice. Default 2 MB. */
  maxFileSize?: number;
  /**
   * The folder the user linted (CLI working directory, editor workspace): a file's role
   * (test, tooling) is read from its path below it, so a checkout under `~/e2e/` is not
   * all "tests".
   */
  root?: string;
  /**
   * The document's parser, kept between analyses of the same document (the language
   * server): an edit inside a function body re-parses only that body.
   */
  parser?: DocumentParser;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** A line this long is generated or minified code, not something a person maintains. */
const MINIFIED_LINE_LENGTH = 20_000;
/** Share of `;`, `{` and `}` above which a long line is code rather than data. */
const MINIFIED_DENSITY = 0.01;
/** Deeper than this, parsers and analyses built on recursion run out of stack. */
const MAX_NESTING = 500;

export function lintText(text: string, filePath: string, options: LintOptions): FileResult {
  const source = stripBom(text);
  const skip = skipReason(source, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (skip) return skippedResult(filePath, skip.reason, skip.message);
  if (!options.fix) return toFileResult(filePath, lintOnce(source, filePath, options, options.parser));

  // Apply non-overlapping fixes in passes until nothing changes (as ESLint does, at most 10).
  let current = source;
  let fixed = false;
  let pass = lintOnce(current, filePath, options);
  let dropped: LintMessage[] | undefined;
  const wanted = typeof options.fix === 'function' ? options.fix : () => true;
  for (let i = 0; i < 10; i++) {
    const fixes = pass.messages.filter((m) => m.fix && wanted(m)).map((m) => m.fix!);
    if (fixes.length === 0) break;
    const next = applyFixesToText(current, fixes);
    if (next === current) break;
    const reparsed = lintOnce(next, filePath, options);
    if (reparsed.messages.some((m) => m.fatal)) {
      // A fix that breaks parsing is dropped: keep the last good text and its findings.
      dropped = pass.messages.filter((m) => m.fix && wanted(m));
      break;
    }
    current = next;
    pass = reparsed;
    fixed = true;
  }
  const result = toFileResult(filePath, pass);
  if (fixed) result.output = hadBom(text) ? '\uFEFF' + current : current;
  if (dropped) result.droppedFixes = dropped;
  return result;
}

interface RawResult {
  messages: LintMessage[];
  suppressed: LintMessage[];
  unused?: UnusedDirective[];
  skipped?: FileResult['skipped'];
}

function lintOnce(source: string, filePath: string, options: LintOptions, parser?: DocumentParser): RawResult {
  const parsed = parser?.parse(source) ?? options.project?.parsedFor(filePath, source) ?? parseSource(source, filePath);
  if (isParseFailure(parsed)) {
    if (parsed.tooDeep) return tooDeepResult();
    return {
      messages: [
        {
          ruleId: null,
          fatal: true,
          severity: 2,
          message: `Parsing error: ${parsed.message}`,
          line: parsed.line,
          column: parsed.column,
        },
      ],
      suppressed: [],
    };
  }
  return lintParsed(source, filePath, parsed.ast, parsed.scopeManager, options, parsed.depth);
}

/** For shells that parsed already (the ESLint plugin gets ESLint's AST and scope manager). */
export function lintParsed(
  source: string,
  filePath: string,
  ast: TSESTree.Program,
  scopeManager: ScopeManager,
  options: LintOptions,
  /** The tree's depth when the parse measured it; otherwise it is measured here. */
  depth?: number,
): RawResult {
  const relative = options.root ? path.relative(options.root, filePath) : filePath;
  const rolePath = relative.startsWith('..') || path.isAbsolute(relative) ? filePath : relative;
  const role = fileRole(rolePath);
  const enabled = allRules.filter(
    (rule) => (options.config.rules[rule.id]?.severity ?? 0) > 0 && (role === 'application' || rule.meta.appliesTo === 'all'),
  );
  if (enabled.length === 0) return { messages: [], suppressed: [] };
  if (depth === undefined ? treeDepthExceeds(ast, MAX_TREE_DEPTH) : depth > MAX_TREE_DEPTH) return tooDeepResult();
  let messages: LintMessage[];
  try {
    const file = analyzeParsedFile(source, filePath, ast, scopeManager, options.config.vocabulary, options.project, rolePath);
    messages = runRules(file, enabled, options.config);
  } catch (error) {
    // Code the parser took but the analysis cannot walk is reported as not checked, like
    // an over-limit file (the depth limit should make this unreachable); other errors are bugs.
    if (!isStackOverflow(error)) throw error;
    return tooDeepResult();
  }
  const directives = findDirectives(source, ast);
  return applySuppressions(messages, directives, options.keepSuppressed ?? false);
}

/**
 * Code nested deeper than MAX_TREE_DEPTH, or than the parser or the analysis can recurse,
 * without the brackets the pre-parse check counts: not checked, with a notice, as
 * over-limit files are. One message whichever step gave up, so runs agree.
 */
function tooDeepResult(): RawResult {
  const message = `File skipped: its code nests more than ${MAX_TREE_DEPTH} levels deep (counting operators, calls and else-ifs as well as brackets).`;
  return { messages: [{ ruleId: null, severity: 1, message, line: 1, column: 1 }], suppressed: [], skipped: 'tooDeep' };
}

function toFileResult(filePath: string, raw: RawResult): FileResult {
  const messages = raw.messages.sort((a, b) => a.line - b.line || a.column - b.column);
  const result: FileResult = {
    filePath,
    messages,
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  if (raw.suppressed.length > 0) result.suppressedMessages = raw.suppressed;
  if (raw.unused && raw.unused.length > 0) result.unusedDirectives = raw.unused.map(({ kind, rules, range }) => ({ kind, rules, range }));
  if (raw.skipped) result.skipped = raw.skipped;
  for (const m of messages) {
    if (m.severity === 2) {
      result.errorCount++;
      if (m.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (m.fix) result.fixableWarningCount++;
    }
    if (m.fatal) result.fatalErrorCount++;
  }
  return result;
}

/**
 * Cheap checks before parsing: one pass over the text, no allocation per character.
 * A very long line is minified code only when it is dense with statements: a long
 * string literal (an embedded SVG, a base64 font) parses fast and the rest of the
 * file is still code somebody maintains.
 */
function skipReason(source: string, maxFileSize: number): { reason: NonNullable<FileResult['skipped']>; message: string } | null {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > maxFileSize) {
    return { reason: 'tooLarge', message: `File skipped: ${(bytes / 1024 / 1024).toFixed(1)} MB is over the ${(maxFileSize / 1024 / 1024).toFixed(1)} MB limit (maxFileSize).` };
  }
  let lineStart = 0;
  let lineNumber = 1;
  let punctuation = 0;
  let depth = 0;
  let maxDepth = 0;
  for (let i = 0; i <= source.length; i++) {
    const c = i < source.length ? source.charCodeAt(i) : 10;
    // Line breaks as the parser counts them: \r\n, \n, \r (old Mac files), U+2028, U+2029.
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      const length = i - lineStart;
      if (length > MINIFIED_LINE_LENGTH && punctuation / length > MINIFIED_DENSITY) {
        return { reason: 'minified', message: `File skipped: line ${lineNumber} is ${length} characters of dense code; minified or generated code is not analysed.` };
      }
      if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
      lineStart = i + 1;
      lineNumber++;
      punctuation = 0;
    } else if (c === 40 || c === 91 || c === 123) {
      // ( [ {  — brackets inside strings and comments count too: an over-estimate is safe here.
      if (++depth > maxDepth) maxDepth = depth;
      if (c === 123) punctuation++;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      if (c === 125) punctuation++;
    } else if (c === 59) punctuation++;
  }
  if (maxDepth > MAX_NESTING) return { reason: 'tooDeep', message: `File skipped: brackets nest ${maxDepth} levels deep, over the limit of ${MAX_NESTING}.` };
  return null;
}

function skippedResult(filePath: string, reason: NonNullable<FileResult['skipped']>, message: string): FileResult {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 1, message, line: 1, column: 1 }],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    skipped: reason,
  };
}

function hadBom(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** Offsets in results are relative to the text without its BOM, as in ESLint. */
function stripBom(text: string): string {
  return hadBom(text) ? text.slice(1) : text;
}
