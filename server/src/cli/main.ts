/**
 * The CLI: arguments → config → files → engine → formatter → exit code.
 *
 * Exit codes follow ESLint: 0 clean (warnings within --max-warnings), 1 findings
 * or too many warnings, 2 when the run itself failed (usage, config, unreadable
 * file, internal error). A file that does not parse is a finding (a fatal
 * message), not a failed run; anything else that prevents checking a file is 2,
 * so CI never passes on code that was not looked at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../engine/lint';
import type { EffectiveConfig, FileResult } from '../engine/types';
import { parseArgs, type CliOptions } from './args';
import { shouldUseColor } from './color';
import { ConfigResolver } from './config';
import { discoverFiles, IgnoreFilter, type DiscoverOptions } from './discover';
import { CliError, InputError, UsageError } from './errors';
import { getFormatter } from './formatters';
import { listRules } from './list-rules';
import { displayPath } from './paths';
import { defaultRuleRegistry, type RuleRegistry } from './rule-registry';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  readStdin(): Promise<string>;
  readFile(file: string): string;
  /** The rules to configure and list; the engine's registry unless a test supplies its own. */
  rules: RuleRegistry;
  lint: typeof lintText;
}

export const IGNORED_FILE_MESSAGE = 'File ignored because of a matching ignore pattern. Use "--no-ignore" to override.';

export async function main(argv: readonly string[], overrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readStream(process.stdin),
    readFile: (file) => fs.readFileSync(file, 'utf8'),
    rules: defaultRuleRegistry(),
    lint: lintText,
    ...overrides,
  };
  try {
    const parsed = parseArgs(argv, { writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
    if (parsed.kind === 'exit') return parsed.exitCode;
    return await run(parsed.options, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`durability-lint: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  const formatter = getFormatter(options.format)!;
  if (options.listRules) {
    io.stdout.write(`${listRules(io.rules, options.format)}\n`);
    return 0;
  }
  checkCombinations(options);

  const resolver = new ConfigResolver({
    cwd: io.cwd,
    config: options.config,
    ruleOverrides: options.ruleOverrides,
    errorsOnly: options.quiet,
    rules: io.rules,
  });
  if (options.printConfig !== undefined) {
    const config = resolver.forFile(path.resolve(io.cwd, options.printConfig));
    io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }

  const discoverOptions: DiscoverOptions = {
    cwd: io.cwd,
    useIgnores: options.ignore,
    ignorePatterns: options.ignorePatterns,
    isIgnoredByConfig: (file) => resolver.isIgnored(file),
  };
  let results = options.stdin
    ? [await lintStdin(options, io, resolver, discoverOptions)]
    : lintFiles(options, io, resolver, discoverOptions);
  if (options.quiet) results = errorResults(results);

  const errorCount = sum(results, (r) => r.errorCount);
  const warningCount = sum(results, (r) => r.warningCount);
  const tooManyWarnings = options.maxWarnings >= 0 && warningCount > options.maxWarnings;

  const toFile = options.outputFile !== undefined;
  const report = formatter(results, {
    cwd: io.cwd,
    color: shouldUseColor(toFile ? { isTTY: false } : io.stdout, io.env, options.color),
    rules: io.rules,
    maxWarningsExceeded: tooManyWarnings ? { maxWarnings: options.maxWarnings, foundWarnings: warningCount } : undefined,
  });
  if (toFile) writeReport(path.resolve(io.cwd, options.outputFile!), report, io.cwd);
  else if (report) io.stdout.write(`${report}\n`);

  if (errorCount === 0 && tooManyWarnings) {
    io.stderr.write(`durability-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  }
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

function checkCombinations(options: CliOptions): void {
  if (options.fix && options.fixDryRun) {
    throw new UsageError('The --fix option and the --fix-dry-run option cannot be used together.');
  }
  if (options.stdin && options.fix) {
    throw new UsageError('The --fix option is not supported with --stdin; use --fix-dry-run to get the fixed text in the json output.');
  }
  if (options.stdin && options.paths.length > 0) {
    throw new UsageError(`--stdin lints standard input only; remove the paths (${options.paths.join(', ')}) or --stdin.`);
  }
}

function lintFiles(options: CliOptions, io: CliIo, resolver: ConfigResolver, discoverOptions: DiscoverOptions): FileResult[] {
  const { files, ignoredFiles } = discoverFiles(options.paths, discoverOptions);
  const results = new Map<string, FileResult>();
  for (const file of ignoredFiles) results.set(file, ignoredFileResult(file));
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      throw new InputError(`Cannot read file '${displayPath(io.cwd, file)}': ${describeError(error)}`);
    }
    results.set(file, lintOne(io, text, file, resolver.forFile(file), options.fix || options.fixDryRun));
  }
  // Written only once every file was checked, as ESLint does: a run that fails half-way
  // leaves the tree as it was rather than half-fixed.
  if (options.fix) {
    for (const [file, result] of results) {
      if (result.output === undefined) continue;
      try {
        fs.writeFileSync(file, result.output, 'utf8');
      } catch (error) {
        throw new InputError(`Cannot write fixes to '${displayPath(io.cwd, file)}': ${describeError(error)}`);
      }
    }
  }
  // Named-but-ignored files take their place in path order, as ESLint lists them.
  return [...results.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((file) => results.get(file)!);
}

async function lintStdin(options: CliOptions, io: CliIo, resolver: ConfigResolver, discoverOptions: DiscoverOptions): Promise<FileResult> {
  const text = await io.readStdin();
  if (options.stdinFilename === undefined) {
    // ESLint's name for anonymous input; config is looked up from the working directory.
    return lintOne(io, text, '<text>', resolver.forFile(path.join(io.cwd, '<text>')), options.fixDryRun);
  }
  const file = path.resolve(io.cwd, options.stdinFilename);
  if (new IgnoreFilter(discoverOptions).isIgnored(file)) return ignoredFileResult(file);
  return lintOne(io, text, file, resolver.forFile(file), options.fixDryRun);
}

function lintOne(io: CliIo, text: string, file: string, config: EffectiveConfig, fix: boolean): FileResult {
  let result: FileResult;
  try {
    result = io.lint(text, file, { config, fix, keepSuppressed: true });
  } catch (error) {
    // A crash in a rule must name the file, or nobody can reproduce it.
    throw new Error(`while linting ${displayPath(io.cwd, file)}: ${(error as Error)?.stack ?? String(error)}`);
  }
  // As ESLint: a result with problems carries its source unless a fix produced new output.
  if (result.output === undefined && result.errorCount + result.warningCount > 0) result.source = text;
  return result;
}

function ignoredFileResult(filePath: string): FileResult {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 1, message: IGNORED_FILE_MESSAGE, line: 0, column: 0 }],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

/** ESLint's `getErrorResults`: errors only, and files left without errors drop out. */
function errorResults(results: FileResult[]): FileResult[] {
  const kept: FileResult[] = [];
  for (const result of results) {
    const messages = result.messages.filter((m) => m.fatal || m.severity === 2);
    if (messages.length === 0) continue;
    kept.push({
      ...result,
      messages,
      suppressedMessages: (result.suppressedMessages ?? []).filter((m) => m.fatal || m.severity === 2),
      errorCount: messages.length,
      warningCount: 0,
      fixableWarningCount: 0,
    });
  }
  return kept;
}

function writeReport(file: string, report: string, cwd: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, report, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot write output file '${displayPath(cwd, file)}': ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ?? e?.message ?? String(error);
}

function sum(results: readonly FileResult[], pick: (r: FileResult) => number): number {
  return results.reduce((total, r) => total + pick(r), 0);
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
