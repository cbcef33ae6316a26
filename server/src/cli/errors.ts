/**
 * Errors that end a run with exit code 2 (usage, config, unreadable input).
 * They carry a message fit for the terminal; anything else that escapes is a bug.
 */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends CliError {}

export interface ConfigProblem {
  /** JSON path of the offending key, e.g. `rules.no-floating-write[1].reportLogOnly`. */
  path: string;
  /** 1-based position, for problems found while parsing (no key to name yet). */
  line?: number;
  column?: number;
  message: string;
}

export class ConfigError extends CliError {
  constructor(
    /** The config file as shown to the user (relative to the working directory when inside it). */
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(problems.map((p) => `${locate(file, p)}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
  }
}

function locate(file: string, problem: ConfigProblem): string {
  return problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
}

/** A path argument that yields nothing to lint, or a file that cannot be read. */
export class InputError extends CliError {}
