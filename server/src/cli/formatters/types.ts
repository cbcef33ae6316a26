import type { FileResult } from '../../engine/types';
import type { RuleModule } from '../../engine/rule-api';

export interface FormatterContext {
  /** Base for the relative paths human-oriented formats print. */
  cwd: string;
  /** Whether ANSI colours are wanted (a TTY, NO_COLOR and FORCE_COLOR already considered). */
  color: boolean;
  /** The rules of this run, for formats that describe rules (SARIF, JUnit). */
  rules: readonly RuleModule<any>[];
  /** Set when `--max-warnings` was exceeded, as ESLint passes it to formatters. */
  maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number };
}

/** One output format: results in, the whole text to print out. */
export type Formatter = (results: readonly FileResult[], context: FormatterContext) => string;
