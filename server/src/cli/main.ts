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
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../engine/lint';
import type { EffectiveConfig, FileResult } from '../engine/types';
import type { Project } from '../engine/project';
import { parseArgs, type CliOptions, type Concurrency } from './args';
import { Baseline, BASELINE_FILE_NAME, type BaselineOutcome } from './baseline';
import { LintCache } from './cache';
import { shouldUseColor } from './color';
import { ConfigResolver } from './config';
import { discoverFiles, IgnoreFilter, type DiscoverOptions } from './discover';
import { CliError, InputError, UsageError } from './errors';
import { fixOption, hasApplicableFix, type FixRequest } from './fix-types';
import { getFormatter } from './formatters';
import { listRules } from './list-rules';
import { displayPath } from './paths';
import { ProgressBar, type ProgressStream } from './progress';
import { defaultRuleRegistry, type RuleRegistry } from './rule-registry';
import { addUnusedDirectiveMessages } from './unused-directives';
import { packageVersion } from './version';
import { runInWorkers, type PoolJob } from './worker-pool';
import { writeFileAtomic } from './write-file';
import { projectRoot, ProjectRegistry } from './project-host';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: ProgressStream;
  readStdin(): Promise<string>;
  readFile(file: string): string;
  /** The rules to configure and list; the engine's registry unless a test supplies its own. */
  rules: RuleRegistry;
  lint: typeof lintText;
  /** Part of every cache key: a new release may find different things in the same file. */
  version: string;
  /** Cores this process may use, for `--concurrency auto`. */
  cpuCount: number;
  now(): number;
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
    version: packageVersion(),
    cpuCount: os.availableParallelism(),
    now: Date.now,
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
  // Loaded before linting so a broken baseline fails the run at once, not after minutes of work.
  const baseline = loadBaseline(options, io);
  let results = options.stdin
    ? [await lintStdin(options, io, resolver, discoverOptions)]
    : await lintFiles(options, io, resolver, discoverOptions);
  reportDroppedFixes(results, io);

  if (baseline) applyBaseline(baseline, options, io, results, resolver);
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
  // A file that could not be checked (too large, minified, nested too deeply) must not
  // pass CI silently; listing it in `ignores` is how a team says it need not be checked.
  const skipped = results.filter((r) => r.skipped);
  if (skipped.length > 0) {
    io.stderr.write(
      `durability-lint could not check ${skipped.length} file${skipped.length === 1 ? '' : 's'} (${skipped
        .slice(0, 3)
        .map((r) => displayPath(io.cwd, r.filePath))
        .join(', ')}${skipped.length > 3 ? ', …' : ''}); add ${skipped.length === 1 ? 'it' : 'them'} to "ignores" if that is intended.\n`,
    );
  }
  return errorCount > 0 || tooManyWarnings || skipped.length > 0 ? 1 : 0;
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
  if (options.fixTypes && !options.fix && !options.fixDryRun) {
    throw new UsageError('The --fix-type option requires either --fix or --fix-dry-run.');
  }
  if (options.updateBaseline && options.pruneBaseline) {
    throw new UsageError('The --update-baseline option already drops stale entries; use it without --prune-baseline.');
  }
  if ((options.updateBaseline || options.pruneBaseline) && options.baseline === false) {
    throw new UsageError(`The ${options.updateBaseline ? '--update-baseline' : '--prune-baseline'} option cannot be used with --no-baseline.`);
  }
  if ((options.updateBaseline || options.pruneBaseline) && options.stdin) {
    throw new UsageError('The baseline can only be updated or pruned from a run over files, not --stdin.');
  }
}

function fixRequest(options: CliOptions): FixRequest {
  if (!options.fix && !options.fixDryRun) return false;
  return options.fixTypes ?? true;
}

async function lintFiles(options: CliOptions, io: CliIo, resolver: ConfigResolver, discoverOptions: DiscoverOptions): Promise<FileResult[]> {
  const { files, ignoredFiles } = discoverFiles(options.paths, discoverOptions);
  const results = new Map<string, FileResult>();
  for (const file of ignoredFiles) results.set(file, ignoredFileResult(file));
  const fix = fixRequest(options);
  const cache = options.cache ? LintCache.load(LintCache.locate(io.cwd, options.cacheLocation), io.version) : undefined;
  const progress = new ProgressBar(io.stderr, files.length, io.now);
  let done = 0;
  const read = (file: string): string => {
    try {
      return io.readFile(file);
    } catch (error) {
      throw new InputError(`Cannot read file '${displayPath(io.cwd, file)}': ${describeError(error)}`);
    }
  };
  // Cross-file analysis: imported project functions are judged by their bodies. Only with
  // the real engine (an injected test engine knows nothing of projects).
  const root = io.lint === lintText ? projectRoot(io.cwd) : undefined;
  const projects = root ? new ProjectRegistry(root) : undefined;
  const depHashes = new Map<string, string | undefined>();
  const currentHash = (file: string): string | undefined => {
    if (!depHashes.has(file)) {
      const text = projects?.readFile(file);
      depHashes.set(file, text === undefined ? undefined : LintCache.contentHash(text));
    }
    return depHashes.get(file);
  };
  const finish = (file: string, raw: FileResult, text: string, hashes?: { content: string; config: string }, deps: string[] = []) => {
    // Only a plain lint result is reusable: a fixed one describes text the file no longer has.
    if (cache && hashes && raw.output === undefined && raw.droppedFixes === undefined) {
      const depsWithHashes: Record<string, string> = {};
      for (const dep of deps) {
        const hash = currentHash(dep);
        if (hash) depsWithHashes[dep] = hash;
      }
      cache.set(file, hashes.content, hashes.config, raw, depsWithHashes);
    }
    results.set(file, finishResult(raw, text, options, io));
    progress.update(++done);
  };

  // With a cache, every file is read and hashed first: only the misses need an engine,
  // and how many there are decides whether workers are worth starting.
  const jobs: Array<PoolJob & { hashes?: { content: string; config: string } }> = [];
  for (const file of files) {
    const config = resolver.forFile(file);
    if (!cache) {
      jobs.push({ filePath: file, config, text: () => read(file) });
      continue;
    }
    const text = read(file);
    const hashes = { content: LintCache.contentHash(text), config: cache.configHash(config) };
    const cached = cache.get(file, hashes.content, hashes.config, currentHash);
    if (cached && !hasApplicableFix(cached, fix, io.rules)) {
      finish(file, cached, text);
      continue;
    }
    jobs.push({ filePath: file, config, hashes, text: () => text });
  }

  const workers = workerCount(options.concurrency, jobs.length, io);
  if (workers === 0) {
    for (const job of jobs) {
      const text = job.text();
      const project = projects?.forVocabulary(job.config.vocabulary);
      const result = lintOne(io, text, job.filePath, job.config, fix, project);
      finish(job.filePath, result, text, job.hashes, project?.dependenciesOf(job.filePath));
      projects?.trim();
    }
  } else {
    await runInWorkers(jobs, workers, fix, (job, result, text, deps) => finish(job.filePath, result, text, job.hashes, deps), root, io.cwd);
  }
  progress.finish();
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      // The results are complete and correct; only the next run loses its head start.
      io.stderr.write(`durability-lint: could not write the cache '${displayPath(io.cwd, cache.file)}': ${describeError(error)}\n`);
    }
  }

  // Written only once every file was checked, as ESLint does: a run that fails half-way
  // leaves the tree as it was rather than half-fixed.
  if (options.fix) {
    for (const [file, result] of results) {
      if (result.output === undefined) continue;
      try {
        writeFileAtomic(file, result.output);
      } catch (error) {
        throw new InputError(`Cannot write fixes to '${displayPath(io.cwd, file)}': ${describeError(error)}`);
      }
    }
  }
  // Named-but-ignored files take their place in path order, as ESLint lists them.
  return [...results.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((file) => results.get(file)!);
}

/**
 * Worker threads only pay off when parsing is the bottleneck and cores are idle.
 * Measured with `npm run bench:ci` on 2-core machines, workers were slower than
 * the main thread alone: one Node process already keeps ~1.5 cores busy (parallel
 * GC, background compilation) and every worker compiles TypeScript's parser again.
 * So `auto` uses them only with cores to spare and enough files to amortise the
 * start-up. An injected engine (tests) cannot cross into a worker.
 */
export function workerCount(setting: Concurrency, jobCount: number, io: Pick<CliIo, 'cpuCount' | 'lint'>): number {
  if (jobCount === 0 || setting === 'off' || io.lint !== lintText) return 0;
  if (typeof setting === 'number') return Math.min(setting, jobCount);
  if (jobCount < AUTO_MIN_FILES || io.cpuCount < AUTO_MIN_CPUS) return 0;
  // One core stays with the main thread, which reads files and formats the report.
  return Math.min(io.cpuCount - 1, Math.ceil(jobCount / AUTO_MIN_FILES));
}

const AUTO_MIN_FILES = 50;
const AUTO_MIN_CPUS = 4;

/** The CLI's own steps on a result, in the main thread whoever linted it. */
function finishResult(result: FileResult, text: string, options: CliOptions, io: CliIo): FileResult {
  addUnusedDirectiveMessages(result, text, options.unusedDirectivesSeverity);
  // As ESLint: a result with problems carries its source unless a fix produced new output.
  if (result.output === undefined && result.errorCount + result.warningCount > 0) result.source = text;
  return result;
}

/**
 * Fixes the engine had to drop, told after the run in path order: results arrive in
 * completion order with workers, and stderr must not depend on that either.
 */
function reportDroppedFixes(results: readonly FileResult[], io: CliIo): void {
  for (const result of results) {
    const dropped = result.droppedFixes;
    delete result.droppedFixes;
    if (!dropped || dropped.length === 0) continue;
    const where = displayPath(io.cwd, result.filePath);
    const list = dropped.map((m) => `${m.ruleId ?? 'unknown'} at ${m.line}:${m.column}`).join(', ');
    io.stderr.write(
      `durability-lint: ${dropped.length === 1 ? 'a fix' : `${dropped.length} fixes`} in ${where} not applied: ` +
        `the fixed file would not parse (${list}). The findings stay reported; please report this as a bug.\n`,
    );
  }
}

function loadBaseline(options: CliOptions, io: CliIo): Baseline | undefined {
  if (options.baseline === false) return undefined;
  const file = path.resolve(io.cwd, options.baseline ?? BASELINE_FILE_NAME);
  const exists = fs.existsSync(file);
  if (options.updateBaseline) return exists ? Baseline.load(file, io.cwd) : Baseline.empty(file, io.cwd);
  if (!exists) {
    // A baseline named on the command line must exist; the default one is optional.
    if (options.baseline !== undefined || options.pruneBaseline) {
      throw new InputError(`Baseline file '${displayPath(io.cwd, file)}' not found. Create it with --update-baseline.`);
    }
    return undefined;
  }
  return Baseline.load(file, io.cwd);
}

function applyBaseline(baseline: Baseline, options: CliOptions, io: CliIo, results: FileResult[], resolver: ConfigResolver): void {
  const configs = new Map<string, EffectiveConfig>();
  const ruleRanOn = (file: string, ruleId: string): boolean => {
    let config = configs.get(file);
    if (!config) configs.set(file, (config = resolver.forFile(file)));
    return (config.rules[ruleId]?.severity ?? 0) > 0;
  };
  const shown = displayPath(io.cwd, baseline.file);
  if (options.updateBaseline) {
    baseline.update(results, ruleRanOn);
    baseline.save();
    baseline.apply(results, ruleRanOn);
    io.stderr.write(`durability-lint: wrote ${shown} (${baseline.entryCount} ${baseline.entryCount === 1 ? 'entry' : 'entries'}).\n`);
    return;
  }
  const outcome = baseline.apply(results, ruleRanOn);
  reportExceeded(outcome, io);
  if (outcome.stale.length === 0) return;
  if (options.pruneBaseline) {
    baseline.prune(outcome.stale);
    baseline.save();
    io.stderr.write(`durability-lint: pruned ${outcome.stale.length} stale ${outcome.stale.length === 1 ? 'entry' : 'entries'} from ${shown}.\n`);
    return;
  }
  const list = outcome.stale.map((s) => `  ${s.file}: ${s.ruleId} (recorded ${s.recorded}, found ${s.found})`).join('\n');
  io.stderr.write(
    `durability-lint: ${shown} has ${outcome.stale.length} stale ${outcome.stale.length === 1 ? 'entry' : 'entries'} ` +
      `(findings that are gone; they would hide new ones). Run with --prune-baseline to remove them:\n${list}\n`,
  );
}

function reportExceeded(outcome: BaselineOutcome, io: CliIo): void {
  for (const e of outcome.exceeded) {
    io.stderr.write(
      `durability-lint: ${e.file} has ${e.found} findings of ${e.ruleId}, more than the ${e.recorded} in the baseline; all ${e.found} are reported.\n`,
    );
  }
}

async function lintStdin(options: CliOptions, io: CliIo, resolver: ConfigResolver, discoverOptions: DiscoverOptions): Promise<FileResult> {
  const text = await io.readStdin();
  if (options.stdinFilename === undefined) {
    // ESLint's name for anonymous input; config is looked up from the working directory.
    const result = lintOne(io, text, '<text>', resolver.forFile(path.join(io.cwd, '<text>')), fixRequest(options));
    return finishResult(result, text, options, io);
  }
  const file = path.resolve(io.cwd, options.stdinFilename);
  if (new IgnoreFilter(discoverOptions).isIgnored(file)) return ignoredFileResult(file);
  const config = resolver.forFile(file);
  const project = io.lint === lintText ? new ProjectRegistry(projectRoot(io.cwd)).forVocabulary(config.vocabulary) : undefined;
  return finishResult(lintOne(io, text, file, config, fixRequest(options), project), text, options, io);
}

function lintOne(io: CliIo, text: string, file: string, config: EffectiveConfig, fix: FixRequest, project?: Project): FileResult {
  try {
    return io.lint(text, file, { config, fix: fixOption(fix, io.rules), keepSuppressed: true, project, root: io.cwd });
  } catch (error) {
    // A crash in a rule must name the file, or nobody can reproduce it.
    throw new Error(`while linting ${displayPath(io.cwd, file)}: ${(error as Error)?.stack ?? String(error)}`);
  }
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
    // Atomic, so a CI step that uploads the report never picks up half of one.
    writeFileAtomic(file, report);
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
