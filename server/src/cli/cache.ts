/**
 * `--cache`: a file's result is reused while its content, the config that applies
 * to it and the tool version are unchanged. Content is hashed rather than compared
 * by modification time because CI checkouts give every file a fresh mtime — the
 * case ESLint's `--cache-strategy content` exists for.
 *
 * Only results of a plain lint are stored. Under `--fix` a stored result is reused
 * when none of its findings has a fix to apply (fixing would change nothing), and a
 * result whose text was fixed is not stored: the file on disk is about to change.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EffectiveConfig, FileResult } from '../engine/types';
import { relativeInside } from './paths';
import { writeFileAtomic } from './write-file';

export const DEFAULT_CACHE_FILE = '.durabilitylintcache';
/** Bumped when the stored shape changes, so an old cache is dropped instead of misread. */
const CACHE_FORMAT = 2;

type StoredResult = Omit<FileResult, 'filePath' | 'source' | 'output' | 'droppedFixes'>;

interface CacheEntry {
  hash: string;
  config: string;
  result: StoredResult;
  /**
   * Content hashes of the project files whose exports the result depended on
   * (cross-file summaries): a change there re-lints this file too.
   */
  deps?: Record<string, string>;
}

interface CacheFile {
  format: number;
  version: string;
  files: Record<string, CacheEntry>;
}

export class LintCache {
  private readonly dir: string;
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;
  /** Keyed by the config's JSON: the resolver builds a fresh object per file, mostly equal ones. */
  private readonly configHashes = new Map<string, string>();

  private constructor(
    readonly file: string,
    private readonly version: string,
  ) {
    this.dir = path.dirname(file);
  }

  /** Where the cache lives: `--cache-location` names a file, or a directory (existing, or written with a trailing slash). */
  static locate(cwd: string, location: string | undefined): string {
    if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
    const resolved = path.resolve(cwd, location);
    if (/[\\/]$/.test(location) || isDirectory(resolved)) return path.join(resolved, DEFAULT_CACHE_FILE);
    return resolved;
  }

  /** A missing, unreadable, corrupt or foreign cache is an empty one: the cache may only ever cost a re-lint. */
  static load(file: string, version: string): LintCache {
    const cache = new LintCache(file, version);
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data.format === CACHE_FORMAT && data.version === version && data.files && typeof data.files === 'object') {
        cache.entries = data.files;
      } else {
        cache.dirty = true;
      }
    } catch {
      cache.dirty = fs.existsSync(file);
    }
    return cache;
  }

  static contentHash(text: string): string {
    return createHash('sha1').update(text).digest('hex');
  }

  configHash(config: EffectiveConfig): string {
    const json = JSON.stringify(config);
    let hash = this.configHashes.get(json);
    if (hash === undefined) {
      hash = createHash('sha1').update(stableStringify(config)).digest('hex');
      this.configHashes.set(json, hash);
    }
    return hash;
  }

  get(filePath: string, contentHash: string, configHash: string, currentHash?: (file: string) => string | undefined): FileResult | undefined {
    const entry = this.entries[this.key(filePath)];
    if (!entry || entry.hash !== contentHash || entry.config !== configHash) return undefined;
    if (entry.deps) {
      for (const [dep, hash] of Object.entries(entry.deps)) {
        if (!currentHash || currentHash(path.resolve(this.dir, dep)) !== hash) return undefined;
      }
    }
    // A copy: the run moves messages around (baseline, --quiet) and must not edit the stored entry.
    return { filePath, ...(structuredClone(entry.result) as StoredResult) };
  }

  set(filePath: string, contentHash: string, configHash: string, result: FileResult, deps?: Record<string, string>): void {
    const { filePath: _file, source: _source, output: _output, droppedFixes: _dropped, ...stored } = result;
    const entry: CacheEntry = { hash: contentHash, config: configHash, result: structuredClone(stored) };
    if (deps && Object.keys(deps).length > 0) {
      entry.deps = Object.fromEntries(Object.entries(deps).map(([file, hash]) => [this.key(file), hash]));
    }
    this.entries[this.key(filePath)] = entry;
    this.dirty = true;
  }

  /** Writes the cache when anything changed, forgetting files that no longer exist. */
  save(): void {
    if (!this.dirty) return;
    const files: Record<string, CacheEntry> = {};
    for (const key of Object.keys(this.entries).sort()) {
      if (fs.existsSync(path.resolve(this.dir, key))) files[key] = this.entries[key];
    }
    const data: CacheFile = { format: CACHE_FORMAT, version: this.version, files };
    writeFileAtomic(this.file, JSON.stringify(data));
    this.dirty = false;
  }

  /** Relative to the cache's folder, so a cache restored into another checkout path still matches. */
  private key(filePath: string): string {
    return relativeInside(this.dir, filePath) ?? filePath;
  }
}

/** JSON with object keys sorted, so equal configs hash equally whatever order they were built in. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .filter((key) => object[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableStringify(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
