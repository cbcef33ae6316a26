/**
 * Cross-file analysis in the analysis worker. One engine Project per vocabulary (files
 * configured alike share summaries, as in the CLI's ProjectRegistry), rooted where the
 * CLI roots it, reading files from disk except open documents, whose current text the
 * main thread sends. The projects' import graphs name the open documents to re-check
 * after a change (`Project.trim` keeps them when it forgets parses).
 *
 * Edits are applied to the projects lazily. Invalidating a file drops the parse of every
 * file that imports it, directly or not, and in a codebase with import cycles the edited
 * file's own analysis then parses its imports again: on mattermost-mobile, a keystroke in
 * a widely imported file took 0.5–1.2 s instead of 0.2 s. So while one document is being
 * edited, only its text changes; the projects forget the old version before anything else
 * is analysed (another file, the same text again, an index slice).
 */
import * as fs from 'node:fs';
import type { Project } from '../engine/project';
import type { VocabularyExtension } from '../engine/types';
import { ProjectRegistry, projectRoot, subdirectories } from '../cli/project-host';
import type { FileChangeKind, OpenDocument } from './worker-protocol';

/**
 * Memory. A parsed, bound project file takes about 60 times its size in heap (measured on
 * mattermost-mobile: 3 MB of source kept, 176 MB of heap), and a Project keeps every file
 * it looked into. Files nothing imports are not kept (see `analysed`). The index stops
 * warming at PROJECT_SOURCE_BUDGET (~180 MB of heap: every imported file of an app of a
 * few hundred files); past PROJECT_SOURCE_LIMIT (a long session across a big monorepo)
 * the least recently used parses are forgotten and their summaries recomputed when needed.
 */
export const PROJECT_SOURCE_BUDGET = 3_000_000;
export const PROJECT_SOURCE_LIMIT = 5_000_000;

function readDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class Workspace {
  readonly root: string;
  private readonly open = new Map<string, string>();
  private readonly projects: ProjectRegistry;
  /** Open documents edited since the projects last saw them. */
  private readonly pending = new Set<string>();

  constructor(cwd: string, documents: readonly OpenDocument[] = []) {
    this.root = projectRoot(cwd);
    for (const document of documents) this.open.set(document.filePath, document.text);
    this.projects = new ProjectRegistry(this.root, {
      readFile: (file) => this.open.get(file) ?? readDisk(file),
      fileExists: (file) => {
        if (this.open.has(file)) return true;
        try {
          return fs.statSync(file).isFile();
        } catch {
          return false;
        }
      },
      directories: subdirectories,
    });
  }

  /** Source the projects hold parsed (characters, about bytes for source code). */
  get projectBytes(): number {
    let held = 0;
    for (const project of this.projects.all()) held += project.sourceHeld;
    return held;
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  projectFor(vocabulary: VocabularyExtension | undefined): Project {
    return this.projects.forVocabulary(vocabulary);
  }

  /**
   * An open document's current text, before it is analysed (or when it is opened). When it
   * differs from what the projects saw, returns the open documents to re-check (the
   * document itself too when it imports itself through a cycle).
   */
  setDocument(file: string, text: string): string[] {
    this.flush(file);
    const before = this.open.get(file) ?? readDisk(file);
    this.open.set(file, text);
    if (before === text) {
      this.flush();
      return [];
    }
    this.pending.add(file);
    const affected = new Set<string>();
    for (const project of this.projects.all()) for (const dependent of project.dependentsOf(file)) affected.add(dependent);
    return [...affected].filter((f) => this.open.has(f));
  }

  /** The document was closed: the file on disk counts again. */
  closeDocument(file: string): string[] {
    this.flush();
    const text = this.open.get(file);
    if (text === undefined) return [];
    this.open.delete(file);
    return readDisk(file) === text ? [] : this.changed(file);
  }

  /** Before an analysis other than an edit of `except`: the projects forget the old versions of edited documents. */
  flush(except?: string): void {
    for (const file of this.pending) {
      if (file === except) continue;
      this.pending.delete(file);
      this.changed(file);
    }
  }

  /** Files changed on disk; an open document's text wins over its file. */
  filesChanged(changes: ReadonlyArray<{ filePath: string; kind: FileChangeKind }>): string[] {
    this.flush();
    const affected = new Set<string>();
    let created = false;
    for (const { filePath, kind } of changes) {
      if (kind !== 'changed') for (const project of this.projects.all()) project.clearResolutions();
      // An import that did not resolve before may now: nothing records who tried, so every open document is re-checked.
      if (kind === 'created') created = true;
      if (this.open.has(filePath)) continue;
      for (const file of this.changed(filePath)) affected.add(file);
    }
    if (created) for (const file of this.open.keys()) affected.add(file);
    return [...affected];
  }

  /** After `file` was analysed with `project`. */
  analysed(file: string, project: Project): void {
    // Nothing in the project imports it (yet): keeping its parse would only cost memory,
    // and an importer analysed later parses it again.
    if (project.dependentsOf(file).length === 0) project.invalidate(file);
  }

  /** After each request: past the limit, the least recently used parses are forgotten; a line for the log when they were. */
  enforceLimit(): string | undefined {
    const held = this.projectBytes;
    if (held <= PROJECT_SOURCE_LIMIT) return undefined;
    for (const project of this.projects.all()) project.trim((PROJECT_SOURCE_LIMIT * project.sourceHeld) / held);
    return `Cross-file summaries: ${(held / 1e6).toFixed(1)} MB of source held, over the ${PROJECT_SOURCE_LIMIT / 1e6} MB limit; the least recently used were forgotten and are recomputed when needed.`;
  }

  private changed(file: string): string[] {
    const affected = new Set<string>();
    for (const project of this.projects.all()) for (const dependent of project.invalidate(file)) affected.add(dependent);
    affected.delete(file);
    return [...affected].filter((f) => this.open.has(f));
  }
}
