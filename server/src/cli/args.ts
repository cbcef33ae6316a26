/**
 * The command line, parsed with commander. Parsing never exits the process: help
 * and version come back as "exit with this code", and a bad option or value as a
 * message on stderr with exit code 2 (commander's own default would be 1, which
 * in our contract means "findings").
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Severity } from '../engine/types';
import type { RuleOverride } from './config';
import { DEFAULT_FORMAT, formatterNames } from './formatters';
import { normalizeRuleId } from './rule-registry';
import { parseSeverity, SEVERITY_HINT } from './severity';
import { packageVersion } from './version';

export interface CliOptions {
  paths: string[];
  format: string;
  outputFile?: string;
  ruleOverrides: RuleOverride[];
  /** A file (`--config`), `false` (`--no-config`) or undefined (look up `.durabilityrc.json`). */
  config?: string | false;
  /** -1 means no limit, as in ESLint. */
  maxWarnings: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  listRules: boolean;
  printConfig?: string;
  fix: boolean;
  fixDryRun: boolean;
  ignore: boolean;
  ignorePatterns: string[];
  /** `--color` / `--no-color`; undefined lets the terminal decide. */
  color?: boolean;
  /** `--fix-type`: which rule types' fixes apply (ESLint's problem, suggestion, layout); undefined means all. */
  fixTypes?: FixType[];
  /** A baseline file (`--baseline`), `false` (`--no-baseline`), or undefined (the default file when it exists). */
  baseline?: string | false;
  updateBaseline: boolean;
  pruneBaseline: boolean;
  cache: boolean;
  cacheLocation?: string;
  concurrency: Concurrency;
  /** Severity of unused-directive reports; 0 when they are not reported. */
  unusedDirectivesSeverity: Severity;
}

export const FIX_TYPES = ['problem', 'suggestion', 'layout'] as const;
export type FixType = (typeof FIX_TYPES)[number];

/** `off` lints on the main thread; a number is that many worker threads; `auto` decides per run. */
export type Concurrency = 'off' | 'auto' | number;

export type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'exit'; exitCode: number };

export interface ArgsOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export function parseArgs(argv: readonly string[], output: ArgsOutput): ParsedArgs {
  const program = new Command('durability-lint')
    .description("Finds code patterns that lose users' data.")
    .argument('[paths...]', 'files, directories or globs to lint (default: .)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(formatterNames()).default(DEFAULT_FORMAT))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--rule <id:severity>', 'set a rule severity (off, warn, error, 0, 1, 2); repeatable', collectRule)
    .option('-c, --config <file>', 'use this config file instead of looking up .durabilityrc.json')
    .option('--no-config', 'ignore config files; use the built-in defaults')
    .option('--max-warnings <n>', 'exit with 1 when there are more than n warnings', parseMaxWarnings)
    .option('--quiet', 'report errors only (rules at warning severity are not run)')
    .option('--stdin', 'lint the code on standard input')
    .option('--stdin-filename <name>', 'the file name to assume for --stdin (config lookup, parser dialect)')
    .option('--list-rules', 'print the rules and exit')
    .option('--print-config <file>', 'print the configuration that applies to a file and exit')
    .option('--fix', 'apply fixes and write the changed files')
    .option('--fix-dry-run', 'compute fixes without writing; the fixed text is in the json output')
    .option('--fix-type <types>', 'fix only these rule types: problem, suggestion, layout (comma-separated; repeatable)', collectFixTypes)
    .option('--baseline <file>', 'fail only on findings beyond the counts in this baseline (default: ./durability-lint-baseline.json when it exists)')
    .option('--no-baseline', 'ignore the baseline file')
    .option('--update-baseline', 'write the current findings to the baseline, so later runs fail only on new ones')
    .option('--prune-baseline', 'remove baseline entries for findings that are gone')
    .option('--cache', 'only re-check files whose content or config changed since the last run')
    .option('--cache-location <path>', 'the cache file, or a directory to keep it in (default: ./.durabilitylintcache)')
    .option('--concurrency <n>', 'worker threads: a number, auto, or off (the main thread only)', parseConcurrency, 'auto')
    .option('--report-unused-disable-directives', 'report disable directives that suppress nothing')
    .option(
      '--report-unused-disable-directives-severity <severity>',
      'severity of unused-directive reports (off, warn, error); implies --report-unused-disable-directives',
      parseUnusedSeverity,
    )
    .option('--no-ignore', 'lint files that .gitignore, config ignores, --ignore-pattern or the defaults exclude')
    .option('--ignore-pattern <pattern>', 'ignore files matching this gitignore-style pattern; repeatable', collect)
    .option('--color', 'force colored output')
    .option('--no-color', 'disable colored output')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .showHelpAfterError('(run with --help for usage)');

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const success = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return { kind: 'exit', exitCode: success ? 0 : 2 };
    }
    throw error;
  }

  const raw = program.opts<Record<string, unknown>>();
  return {
    kind: 'run',
    options: {
      paths: (program.processedArgs[0] as string[] | undefined) ?? [],
      format: raw.format as string,
      outputFile: raw.outputFile as string | undefined,
      ruleOverrides: (raw.rule as RuleOverride[] | undefined) ?? [],
      config: raw.config as string | false | undefined,
      maxWarnings: (raw.maxWarnings as number | undefined) ?? -1,
      quiet: raw.quiet === true,
      stdin: raw.stdin === true,
      stdinFilename: raw.stdinFilename as string | undefined,
      listRules: raw.listRules === true,
      printConfig: raw.printConfig as string | undefined,
      fix: raw.fix === true,
      fixDryRun: raw.fixDryRun === true,
      ignore: raw.ignore as boolean,
      ignorePatterns: (raw.ignorePattern as string[] | undefined) ?? [],
      color: raw.color as boolean | undefined,
      fixTypes: raw.fixType as FixType[] | undefined,
      baseline: raw.baseline as string | false | undefined,
      updateBaseline: raw.updateBaseline === true,
      pruneBaseline: raw.pruneBaseline === true,
      cache: raw.cache === true,
      cacheLocation: raw.cacheLocation as string | undefined,
      concurrency: raw.concurrency as Concurrency,
      unusedDirectivesSeverity:
        (raw.reportUnusedDisableDirectivesSeverity as Severity | undefined) ?? (raw.reportUnusedDisableDirectives === true ? 1 : 0),
    },
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectRule(value: string, previous: RuleOverride[] | undefined): RuleOverride[] {
  const separator = value.lastIndexOf(':');
  if (separator <= 0) throw new InvalidArgumentError(`expected <id>:<severity>, e.g. no-floating-write:warn`);
  const severity: Severity | undefined = parseSeverity(value.slice(separator + 1));
  if (severity === undefined) throw new InvalidArgumentError(`invalid severity '${value.slice(separator + 1)}'; expected ${SEVERITY_HINT}`);
  const ruleId = normalizeRuleId(value.slice(0, separator).trim());
  // The last --rule for an id wins, as later flags do everywhere else.
  return [...(previous ?? []).filter((o) => o.ruleId !== ruleId), { ruleId, severity }];
}

function collectFixTypes(value: string, previous: FixType[] | undefined): FixType[] {
  const types = value.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  for (const type of types) {
    if (!(FIX_TYPES as readonly string[]).includes(type)) {
      throw new InvalidArgumentError(`invalid fix type '${type}'; expected ${FIX_TYPES.join(', ')}`);
    }
  }
  if (types.length === 0) throw new InvalidArgumentError(`expected one or more of ${FIX_TYPES.join(', ')}`);
  return [...new Set([...(previous ?? []), ...(types as FixType[])])];
}

function parseConcurrency(value: string): Concurrency {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === 'auto') return text;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 256) return Number(text);
  throw new InvalidArgumentError('expected a number of worker threads (1 or more), auto, or off');
}

function parseUnusedSeverity(value: string): Severity {
  const severity = parseSeverity(value);
  if (severity === undefined) throw new InvalidArgumentError(`invalid severity '${value}'; expected ${SEVERITY_HINT}`);
  return severity;
}

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) {
    throw new InvalidArgumentError('expected a whole number of warnings (0 or more; -1 for no limit)');
  }
  return Number(value);
}
