/**
 * The engine's public shapes. Shells (CLI, language server, ESLint plugin) and
 * formatters depend on this module only; none of it knows about VS Code or LSP.
 */

/** ESLint-compatible numeric severity: 1 = warning, 2 = error. 0 means off. */
export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A text edit on the original source: replace `range` (UTF-16 offsets, end exclusive) by `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  messageId?: string;
  fix: TextEdit;
}

/** A location elsewhere in the same file that explains a finding (e.g. the upload a clear should wait for). */
export interface RelatedLocation {
  message: string;
  /** 1-based line and column, like ESLint's JSON. endColumn is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Absolute path when the location is in another file; omitted for the same file. */
  filePath?: string;
}

/** One finding. Lines and columns are 1-based (ESLint's JSON convention); endColumn is exclusive. */
export interface LintMessage {
  /** Rule id, or null for a fatal parse error. */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Offsets of the reported node in the source (UTF-16), for editors and fixers. */
  range?: [number, number];
  fatal?: true;
  fix?: TextEdit;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
}

export interface FileResult {
  filePath: string;
  messages: LintMessage[];
  /** Findings hidden by disable directives; kept so "unused directive" reporting and baselines can work. */
  suppressedMessages?: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Present when the caller asked for the fixed source and a fix was applied. */
  output?: string;
  /** The original text, kept only when a formatter needs it. */
  source?: string;
  /** Disable directives that suppressed nothing (`--report-unused-disable-directives`). */
  unusedDirectives?: UnusedDirective[];
  /** Findings whose fixes were not applied because the fixed text would not parse. */
  droppedFixes?: LintMessage[];
  /**
   * Set when the file was not analysed (too large, minified, nested too deeply): the
   * one message then says why. Shells must not count such a file as checked.
   */
  skipped?: 'tooLarge' | 'minified' | 'tooDeep';
}

export interface UnusedDirective {
  /** `enable` never appears (an enable suppresses nothing by design); the type matches suppressions.ts. */
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** Empty means the directive named no rule (every rule). */
  rules: string[];
  /** UTF-16 offsets of the whole comment. */
  range: [number, number];
}

export type RuleOptions = Record<string, unknown>;

/** The resolved configuration that applies to one file. */
export interface ResolvedRuleConfig {
  severity: Severity;
  options: RuleOptions;
}

export interface VocabularyExtension {
  destroy?: string[];
  localWrite?: string[];
  remoteWrite?: string[];
  remoteRead?: string[];
}

export interface EffectiveConfig {
  rules: Record<string, ResolvedRuleConfig>;
  vocabulary: VocabularyExtension;
}
