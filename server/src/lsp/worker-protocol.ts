/** Messages between the server's main thread and its analysis worker. */
import type { LintMessage } from '../engine/types';
import type { RuleCustomization } from './protocol';

export interface WorkerInit {
  /** Where relative paths in config errors are resolved from. */
  cwd: string;
}

export interface LintRequest {
  type: 'lint';
  id: number;
  /** Where the file lives: config lookup starts here. */
  filePath: string;
  /** The path the parser sees; differs from filePath when the document's name has no JS/TS extension. */
  lintPath: string;
  text: string;
  customizations: RuleCustomization[];
  /** Also compute the fully fixed text (`lintText` with `fix: true`). */
  fix?: boolean;
}

/** `idle`: nothing to do for a while; a good moment to give memory back. */
export type HostToWorker = LintRequest | { type: 'clearConfigCache' } | { type: 'idle' };

export interface ConfigProblemInfo {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type LintReply =
  | { type: 'result'; id: number; messages: LintMessage[]; output?: string; configFiles: string[]; durationMs: number }
  | { type: 'ignored'; id: number; configFiles: string[] }
  | { type: 'configError'; id: number; configFile: string; problems: ConfigProblemInfo[]; message: string }
  | { type: 'error'; id: number; message: string; stack?: string };

export type WorkerToHost = { type: 'ready' } | LintReply;
