/**
 * The workspace index, in the analysis worker: finds the workspace's JS/TS files (with the
 * CLI's ignores: build output and dependencies, `.gitignore`, config `ignores`) and analyses
 * each with the cross-file projects, so the summaries an opened file needs are ready and
 * the dependency graph covers closed files. It works in slices the main thread asks for
 * when no document is waiting, so an opened document waits at most for one slice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../engine/lint';
import { isSupportedFile } from '../engine/parse';
import type { ConfigResolver } from '../cli/config';
import { DEFAULT_IGNORES, IgnoreFilter } from '../cli/discover';
import { collectGarbageIfWorthIt } from './gc';
import { PROJECT_SOURCE_BUDGET, type Workspace } from './workspace';
import type { IndexReply, IndexRequest } from './worker-protocol';

/**
 * Files indexed at most. Past this a workspace is a monorepo whose packages are edited a
 * few at a time; the memory budget usually stops the index earlier anyway.
 */
export const INDEX_MAX_FILES = 5000;
/**
 * Worker time spent indexing at most. The index only spares each file's first analysis
 * the summaries of its imports; more than a minute of one core at startup is not worth it
 * on a laptop that is also building and type-checking.
 */
export const INDEX_MAX_MS = 60_000;

/** Folders the CLI never walks into (`**\/node_modules/**` and the like in its defaults). */
const SKIPPED_FOLDERS = new Set(DEFAULT_IGNORES.map((p) => /^\*\*\/([^*/]+)\/\*\*$/.exec(p)?.[1]).filter((name): name is string => !!name));

export class WorkspaceIndex {
  private readonly folders: string[];
  private nextFolder = 0;
  private readonly files: string[] = [];
  private nextFile = 0;
  private spentMs = 0;
  private stopped: string | undefined;
  /** Set when discovery stopped at INDEX_MAX_FILES: the files found are still analysed. */
  private truncated: string | undefined;
  private readonly ignores: IgnoreFilter;

  constructor(
    private readonly cwd: string,
    private readonly workspace: Workspace,
    private readonly resolverFor: (file: string) => ConfigResolver,
  ) {
    this.folders = [cwd];
    this.ignores = new IgnoreFilter({ cwd, useIgnores: true, isIgnoredByConfig: (file) => resolverFor(file).isIgnored(file) });
  }

  private get discovering(): boolean {
    return this.nextFolder < this.folders.length;
  }

  private get finished(): boolean {
    return this.stopped !== undefined || (!this.discovering && this.nextFile >= this.files.length);
  }

  /** Works for about `request.sliceMs` (at least one step: a folder read or a file analysed). */
  slice(request: IndexRequest): IndexReply {
    const started = performance.now();
    do {
      if (this.discovering) this.readFolder(this.folders[this.nextFolder++]);
      else if (this.nextFile < this.files.length) this.analyse(this.files[this.nextFile++], request.maxFileSizeBytes);
      const spent = this.spentMs + (performance.now() - started);
      if (spent > INDEX_MAX_MS) this.stop(`the time budget (${INDEX_MAX_MS / 1000} s) ran out`);
      else if (this.workspace.projectBytes > PROJECT_SOURCE_BUDGET) this.stop(`the memory budget (${PROJECT_SOURCE_BUDGET / 1e6} MB of source) is reached`);
    } while (!this.finished && performance.now() - started < request.sliceMs);
    this.spentMs += performance.now() - started;
    // Analysing file after file leaves garbage faster than V8 collects it under the worker's
    // high heap limit (set for giant files): collected here, the peak stays near the live size.
    collectGarbageIfWorthIt();
    return {
      type: 'indexed',
      id: request.id,
      done: this.nextFile,
      total: this.files.length,
      discovering: this.discovering,
      finished: this.finished,
      stopped: this.stopped ?? (this.finished ? this.truncated : undefined),
      spentMs: this.spentMs,
      projectBytes: this.workspace.projectBytes,
    };
  }

  private stop(reason: string): void {
    this.stopped ??= reason;
  }

  /** Breadth first: the top of the workspace (its own code) before deep vendored trees. */
  private readFolder(folder: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      // Symbolic links are not followed, as in the CLI: a link to a huge tree must not hang the index.
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) this.folders.push(full);
      } else if (entry.isFile() && isSupportedFile(full) && !this.ignores.isIgnored(full)) {
        if (this.files.length >= INDEX_MAX_FILES) {
          this.folders.length = this.nextFolder;
          this.truncated = `the workspace has more than ${INDEX_MAX_FILES} files`;
          return;
        }
        this.files.push(full);
      }
    }
  }

  private analyse(file: string, maxFileSizeBytes: number): void {
    // An open document is analysed as one, with its current text.
    if (this.workspace.isOpen(file)) return;
    let text: string;
    try {
      if (fs.statSync(file).size > maxFileSizeBytes) return;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    try {
      const config = this.resolverFor(file).forFile(file);
      const project = this.workspace.projectFor(config.vocabulary);
      lintText(text, file, { config, project, root: this.cwd });
      this.workspace.analysed(file, project);
    } catch {
      // A broken config is reported on the documents it applies to; a file the engine
      // cannot take is reported when it is opened.
    }
  }
}
