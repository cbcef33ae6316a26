/**
 * What the VS Code client and the language server both need: setting shapes,
 * command ids and the custom status notification. Plain data and types only: the
 * client bundle imports this file, so nothing here may pull in the engine.
 */

/** Client id: VS Code reads `durabilityLint.trace.server` from it. */
export const CLIENT_ID = 'durabilityLint';
export const SERVER_NAME = 'durability-lint';
/** `Diagnostic.source`, and the suffix of the fix-all code action kind. */
export const DIAGNOSTIC_SOURCE = 'durability-lint';
export const FIX_ALL_KIND = 'source.fixAll.durability-lint';
export const SETTINGS_SECTION = 'durabilityLint';

/**
 * How the extension launches the server's Node process. The protocol thread
 * allocates in short bursts (message parsing): a 2 MB semi-space instead of V8's
 * 16 MB default saves ~30 MB of idle RSS. Fewer malloc arenas keep the buffers
 * freed after cross-thread messages from pinning another ~30 MB, and a fixed mmap
 * threshold returns every freed block of 32 KB or more to the system at once (glibc
 * otherwise raises the threshold after the first large free, and the blocks of a
 * burst of analyses then stay in the heap, fragmented: ~15–40 MB idle). Both glibc
 * only. Other editors can get the same with NODE_OPTIONS and the environment.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=2'];
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '32768' };

export const LANGUAGE_IDS = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;

/** Commands the server executes (`workspace/executeCommand`). */
export const ServerCommands = {
  applyAllFixes: 'durabilityLint.applyAllFixes',
  showDocumentation: 'durabilityLint.showDocumentation',
} as const;

/**
 * Commands the VS Code extension contributes. Distinct from the server's: the
 * language client registers the server's commands itself, and a second
 * registration of the same id fails.
 */
export const ClientCommands = {
  restartServer: 'durabilityLint.restartServer',
  showOutput: 'durabilityLint.showOutput',
  fixAll: 'durabilityLint.fixAll',
} as const;

export type RunMode = 'onType' | 'onSave';
export type CustomSeverity = 'off' | 'info' | 'warn' | 'error' | 'default';

/** A severity override for the rules whose id matches `rule` (`*` wildcards allowed). */
export interface RuleCustomization {
  rule: string;
  severity: CustomSeverity;
}

export interface DisableRuleCommentSettings {
  enable: boolean;
  /** `separateLine`: `// …-disable-next-line` above; `sameLine`: `// …-disable-line` at the end. */
  location: 'separateLine' | 'sameLine';
}

/** The `durabilityLint.*` settings, per resource. */
export interface Settings {
  enable: boolean;
  run: RunMode;
  rules: RuleCustomization[];
  codeAction: { disableRuleComment: DisableRuleCommentSettings };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  rules: [],
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine' } },
};

/** `initializationOptions` the server understands; every field is optional. */
export interface InitializationOptions {
  /** Settings for clients that cannot answer `workspace/configuration`. */
  settings?: Partial<Settings>;
  timeBudget?: {
    /** A file that takes longer than this gets a slow-file warning. */
    warnMs?: number;
    /** Analysis is stopped after this long and the file is then only checked on save. */
    stopMs?: number;
  };
  /** Larger documents are not analysed. */
  maxFileSizeBytes?: number;
}

export type StatusState = 'ok' | 'warn' | 'error';

/** Server → client, after each analysis and on server-wide trouble (no `uri`). */
export const STATUS_NOTIFICATION = 'durabilityLint/status';

export interface StatusParams {
  /** The document this is about; absent for the server as a whole. */
  uri?: string;
  state: StatusState;
  /** Short text for a status item, e.g. `slow: 2.4 s`. */
  text: string;
  /** Longer explanation for a tooltip or the output channel. */
  detail?: string;
}
