/**
 * Turns the command line's paths into the files to lint. Directories are walked,
 * globs expanded; the result is sorted so output and exit codes never depend on
 * directory order. What is ignored: build output and dependencies by default,
 * `.gitignore` files, `--ignore-pattern`, and config `ignores`; `--no-ignore`
 * turns all of them off.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import ignore, { type Ignore } from 'ignore';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { isSupportedFile, SUPPORTED_EXTENSIONS } from '../engine/parse';
import { InputError } from './errors';
import { GitignoreMatcher } from './gitignore';
import { relativeInside, toPosix } from './paths';

export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.git/**',
  '**/*.min.js',
] as const;

/** Never source, and walking it costs time even with --no-ignore. */
const ALWAYS_SKIPPED = ['**/.git/**'];

const SOURCE_GLOB = `**/*.{${SUPPORTED_EXTENSIONS.map((ext) => ext.slice(1)).join(',')}}`;

export interface DiscoverOptions {
  cwd: string;
  /** False with `--no-ignore`: every ignore source is off. */
  useIgnores: boolean;
  /** `--ignore-pattern`, gitignore syntax, relative to `cwd`. */
  ignorePatterns?: readonly string[];
  /** Config `ignores`, which only the config resolver can evaluate (they depend on each file's config). */
  isIgnoredByConfig?: (absoluteFile: string) => boolean;
}

export interface Discovery {
  /** Absolute paths to lint, sorted, without duplicates. */
  files: string[];
  /** Files named on the command line that an ignore rule excludes; ESLint reports these as a warning. */
  ignoredFiles: string[];
}

export function discoverFiles(patterns: readonly string[], options: DiscoverOptions): Discovery {
  const ignores = new IgnoreFilter(options);
  const files = new Set<string>();
  const ignoredFiles = new Set<string>();
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const absolute = path.resolve(options.cwd, pattern);
    const stat = statOrUndefined(absolute);
    if (stat?.isFile()) {
      if (!isSupportedFile(absolute)) throw noFiles(pattern);
      (ignores.isIgnored(absolute) ? ignoredFiles : files).add(absolute);
      continue;
    }
    let candidates: string[];
    if (stat?.isDirectory()) {
      candidates = walk(absolute, SOURCE_GLOB, options.useIgnores);
    } else if (!stat && isDynamicPattern(pattern)) {
      candidates = walk(options.cwd, toPosix(pattern), options.useIgnores);
    } else {
      throw noFiles(pattern);
    }
    candidates = candidates.filter(isSupportedFile);
    if (candidates.length === 0) throw noFiles(pattern);
    const kept = candidates.filter((file) => !ignores.isIgnored(file));
    if (kept.length === 0) throw new InputError(`All files matched by '${pattern}' are ignored.`);
    for (const file of kept) files.add(file);
  }
  for (const file of files) ignoredFiles.delete(file);
  return { files: sortPaths(files), ignoredFiles: sortPaths(ignoredFiles) };
}

function walk(base: string, pattern: string, useIgnores: boolean): string[] {
  const relative = globSync(pattern, {
    cwd: base,
    dot: true,
    // Prunes the walk itself; IgnoreFilter re-checks against the working directory.
    ignore: useIgnores ? [...DEFAULT_IGNORES] : ALWAYS_SKIPPED,
    // A symlink loop (or a link to a huge tree such as ~) must not hang the run.
    followSymbolicLinks: false,
    onlyFiles: true,
    // `isSupportedFile` accepts `.TS`; the walk must find what the engine would lint.
    caseSensitiveMatch: false,
  });
  return relative.map((file) => path.resolve(base, file));
}

/** Whether a file is ignored by defaults, `--ignore-pattern`, `.gitignore` or config. */
export class IgnoreFilter {
  private readonly defaults = picomatch([...DEFAULT_IGNORES], { dot: true });
  private readonly patterns: Ignore | null;
  private readonly gitignore: GitignoreMatcher;

  constructor(private readonly options: DiscoverOptions) {
    const extra = options.ignorePatterns ?? [];
    this.patterns = extra.length > 0 ? ignore().add([...extra]) : null;
    this.gitignore = new GitignoreMatcher(options.cwd);
  }

  isIgnored(absoluteFile: string): boolean {
    if (!this.options.useIgnores) return false;
    const relative = relativeInside(this.options.cwd, absoluteFile);
    // Outside the working directory, only the part below the first `..` segments can name a
    // build or dependency folder; the path up to the working directory is the user's business.
    const forDefaults = relative ?? toPosix(path.relative(this.options.cwd, absoluteFile)).replace(/^(\.\.\/)+/, '');
    if (this.defaults(forDefaults)) return true;
    if (this.patterns && relative !== undefined && this.patterns.ignores(relative)) return true;
    if (this.gitignore.isIgnored(absoluteFile)) return true;
    return this.options.isIgnoredByConfig?.(absoluteFile) ?? false;
  }
}

function noFiles(pattern: string): InputError {
  return new InputError(`No files matching '${pattern}' were found.`);
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Code-unit order, not locale order: the same on every machine. */
function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
