/**
 * Compiles the vocabulary data (rules/vocabulary/*.json) into a matcher over callee
 * paths. Entries are indexed by their last segment (the method name), which is never
 * a wildcard, so a call is compared with a handful of patterns, not all of them.
 */
import { vocabularyFiles, type VocabularyApi } from '../../../rules/vocabulary';
import type { VocabularyExtension } from './types';

export interface CompiledApi extends VocabularyApi {
  /** The pattern that matched, for messages and tests. */
  pattern: string;
}

interface CompiledPattern {
  segments: string[];
  api: VocabularyApi;
  source: string;
}

/** Path segments: `fs`, `promises`, `open()`, `new()`, `?db`. */
export type Path = readonly string[];

export class Vocabulary {
  private readonly byLast = new Map<string, CompiledPattern[]>();
  /** Module specifier → canonical root segments. */
  readonly modules = new Map<string, string[]>();
  /** Path prefix (joined with '.') → replacement segments. */
  readonly exportAliases = new Map<string, string[]>();
  /** Config-supplied patterns, matched against the callee as written (suffix match). */
  private readonly userPatterns: Array<{ segments: string[]; api: VocabularyApi; source: string }> = [];

  constructor(extension?: VocabularyExtension) {
    for (const file of vocabularyFiles) {
      for (const [spec, root] of Object.entries(file.modules)) this.modules.set(spec, root.split('.'));
      for (const [from, to] of Object.entries(file.exportAliases ?? {})) this.exportAliases.set(from, to.split('.'));
      for (const api of file.apis) {
        for (const call of api.calls) {
          const segments = splitPattern(call);
          const last = segments[segments.length - 1];
          let bucket = this.byLast.get(last);
          if (!bucket) this.byLast.set(last, (bucket = []));
          bucket.push({ segments, api, source: call });
        }
      }
    }
    if (extension) this.addExtension(extension);
  }

  private addExtension(extension: VocabularyExtension): void {
    const add = (patterns: string[] | undefined, api: VocabularyApi) => {
      for (const p of patterns ?? []) this.userPatterns.push({ segments: splitPattern(p), api, source: p });
    };
    add(extension.destroy, { calls: [], class: 'destroy', completion: 'promise', noun: 'deletion' });
    add(extension.localWrite, { calls: [], class: 'localWrite', completion: 'promise', noun: 'write' });
    add(extension.remoteWrite, { calls: [], class: 'remoteWrite', completion: 'promise', outcome: 'rejects', noun: 'backup' });
    add(extension.remoteRead, { calls: [], class: 'remoteRead', completion: 'promise', outcome: 'rejects', noun: 'remote read' });
  }

  /** Canonical root for a module specifier; undefined when the vocabulary does not know it. */
  moduleRoot(specifier: string): string[] | undefined {
    return this.modules.get(specifier);
  }

  /** Rewrites `dexie.Dexie...` to `dexie...` and similar re-exports of a package's main value. */
  canonicalize(path: string[]): string[] {
    if (path.length < 2 || this.exportAliases.size === 0) return path;
    for (let n = Math.min(path.length, 3); n >= 2; n--) {
      const replacement = this.exportAliases.get(path.slice(0, n).join('.'));
      if (replacement) return [...replacement, ...path.slice(n)];
    }
    return path;
  }

  /** The API a callee path denotes, if any. `written` is the callee as written, for config patterns. */
  match(path: Path, written: Path | null, accept: (api: VocabularyApi) => boolean = () => true): CompiledApi | undefined {
    if (this.userPatterns.length > 0) {
      for (const p of this.userPatterns) {
        if (suffixMatches(p.segments, path) || (written && suffixMatches(p.segments, written))) {
          return { ...p.api, pattern: p.source };
        }
      }
    }
    const last = path[path.length - 1];
    if (last === undefined) return undefined;
    const bucket = this.byLast.get(last);
    if (!bucket) return undefined;
    for (const candidate of bucket) {
      if (globMatches(candidate.segments, 0, path, 0) && accept(candidate.api)) return { ...candidate.api, pattern: candidate.source };
    }
    return undefined;
  }
}

function splitPattern(pattern: string): string[] {
  return pattern.split('.').filter((s) => s.length > 0);
}

function segmentMatches(pattern: string, segment: string): boolean {
  if (pattern === '*') return true;
  if (pattern === '*()') return segment.endsWith('()');
  return pattern === segment;
}

/** `**` matches any number of segments (also none); `*` exactly one. */
function globMatches(pattern: readonly string[], pi: number, path: Path, si: number): boolean {
  while (pi < pattern.length) {
    const p = pattern[pi];
    if (p === '**') {
      if (pi === pattern.length - 1) return true;
      for (let k = si; k <= path.length; k++) if (globMatches(pattern, pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.length || !segmentMatches(p, path[si])) return false;
    pi++;
    si++;
  }
  return si === path.length;
}

/** User patterns name the tail of a call (`api.pushChanges`, `*.uploadBackup`). */
function suffixMatches(pattern: readonly string[], path: Path): boolean {
  if (pattern.length > path.length) return false;
  const offset = path.length - pattern.length;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '**') return true;
    const seg = path[offset + i].replace(/\(\)$/, '');
    const pat = pattern[i].replace(/\(\)$/, '');
    if (pat !== '*' && pat !== seg) return false;
  }
  return true;
}

let defaultVocabulary: Vocabulary | undefined;
const extendedCache = new Map<string, Vocabulary>();

/** Vocabularies are immutable and shared; one per distinct config extension. */
export function vocabularyFor(extension: VocabularyExtension | undefined): Vocabulary {
  const hasExtension =
    extension && Object.values(extension).some((list) => Array.isArray(list) && list.length > 0);
  if (!hasExtension) return (defaultVocabulary ??= new Vocabulary());
  const key = JSON.stringify(extension);
  let vocabulary = extendedCache.get(key);
  if (!vocabulary) {
    if (extendedCache.size > 32) extendedCache.clear();
    extendedCache.set(key, (vocabulary = new Vocabulary(extension)));
  }
  return vocabulary;
}
