/**
 * The CLI's view of the project for cross-file analysis: files read from disk (once
 * per run), and one engine Project per distinct vocabulary, rooted where the
 * workspace's package.json (or the repository) starts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, type ProjectHost } from '../engine/project';
import type { VocabularyExtension } from '../engine/types';

/** Names of the folders in `dir` (none when it cannot be read). */
export function subdirectories(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

export function fileSystemHost(): ProjectHost {
  const texts = new Map<string, string | undefined>();
  return {
    readFile(file) {
      if (texts.has(file)) return texts.get(file);
      let text: string | undefined;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined;
      }
      texts.set(file, text);
      return text;
    },
    fileExists(file) {
      if (texts.has(file)) return texts.get(file) !== undefined;
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
    directories: subdirectories,
  };
}

/** The nearest folder upwards with a package.json that declares workspaces, else the repository root, else `cwd`. */
export function projectRoot(cwd: string): string {
  let repository: string | null = null;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        /* an unreadable manifest declares nothing */
      }
    }
    if (!repository && fs.existsSync(path.join(dir, '.git'))) repository = dir;
    if (path.dirname(dir) === dir) break;
  }
  return repository ?? path.resolve(cwd);
}

/**
 * Source characters whose analyses a CLI run keeps for cross-file summaries: about 600 MB of
 * trees and summaries. Past it the least recently used are parsed again when needed, so a
 * million-line project runs in bounded memory at the cost of some re-parsing.
 */
const PROJECT_SOURCE_BUDGET = 6_000_000;

/** One Project per vocabulary extension: files configured alike share summaries. */
export class ProjectRegistry {
  private readonly projects = new Map<string, Project>();

  /** `host`: the CLI reads files once (`fileSystemHost`); the language server puts open documents first. */
  constructor(
    private readonly root: string,
    private readonly host: ProjectHost = fileSystemHost(),
  ) {}

  forVocabulary(vocabulary: VocabularyExtension | undefined): Project {
    const key = JSON.stringify(vocabulary ?? {});
    let project = this.projects.get(key);
    if (!project) this.projects.set(key, (project = new Project(this.host, this.root, vocabulary ?? {})));
    return project;
  }

  /** Every project made so far. */
  all(): IterableIterator<Project> {
    return this.projects.values();
  }

  /** Keeps the projects' module analyses within the memory budget; call between files. */
  trim(): void {
    for (const project of this.projects.values()) project.trim(PROJECT_SOURCE_BUDGET);
  }

  /** Current text of a project file (for dependency hashes in the cache). */
  readFile(file: string): string | undefined {
    return this.host.readFile(file);
  }
}
