/** Messages between the server's main thread and its analysis worker. */
import type { LintMessage } from '../engine/types';
import type { RuleCustomization } from './protocol';

export interface WorkerInit {
  /** Where relative paths in config errors are resolved from; the workspace folder. */
  cwd: string;
  /** Open documents of files on disk, with their current text (a replacement worker starts with them). */
  documents?: OpenDocument[];
}

export interface OpenDocument {
  filePath: string;
  text: string;
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
  /** The text is an open document of the file at filePath: other files' analyses see it instead of the disk. */
  projectFile?: boolean;
}

/** One slice of the workspace index: discover or analyse files for about `sliceMs`. */
export interface IndexRequest {
  type: 'index';
  id: number;
  sliceMs: number;
  maxFileSizeBytes: number;
}

export type WorkerRequest = LintRequest | IndexRequest;

export type FileChangeKind = 'created' | 'changed' | 'deleted';

/**
 * `idle`: nothing to do for a while; a good moment to give memory back. `open`/`close`:
 * a document's text now shadows its file, or no longer does (edits arrive with lint
 * requests). `filesChanged`: files changed on disk.
 */
export type HostToWorker =
  | WorkerRequest
  | { type: 'clearConfigCache' }
  | { type: 'idle' }
  | ({ type: 'open' } & OpenDocument)
  | { type: 'close'; filePath: string }
  | { type: 'filesChanged'; changes: Array<{ filePath: string; kind: FileChangeKind }> };

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

export interface IndexReply {
  type: 'indexed';
  id: number;
  /** Files analysed or skipped so far, of `total` found so far. */
  done: number;
  total: number;
  /** Still looking for files (`total` grows). */
  discovering: boolean;
  finished: boolean;
  /** Why the index ended before every file was analysed. */
  stopped?: string;
  /** Worker time spent on the index, and the project source it holds now. */
  spentMs: number;
  projectBytes: number;
}

/**
 * Besides replies: `dependents`, open documents whose analysis may change because a file
 * they depend on changed; `log`, a line for the output.
 */
export type WorkerToHost = { type: 'ready' } | LintReply | IndexReply | { type: 'dependents'; files: string[] } | { type: 'log'; message: string };
