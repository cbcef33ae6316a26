/**
 * Resolves import specifiers to project files: relative paths (with TypeScript's
 * `.js`→`.ts` mapping and index files), tsconfig `baseUrl`/`paths`, and packages of the
 * same workspace (`workspaces` in the root package.json). Everything goes through the
 * host, so the engine itself never touches the file system.
 */
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export interface ProjectHost {
  /** A file's text (an editor's unsaved buffer first), or undefined when there is none. */
  readFile(filePath: string): string | undefined;
  fileExists(filePath: string): boolean;
  /** Sub-directory names of a directory, for `workspaces` globs like `packages/*`. */
  directories(dirPath: string): string[];
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

interface TsconfigPaths {
  baseUrl: string;
  paths: Array<{ pattern: string; targets: string[] }>;
}

export class ModuleResolver {
  private readonly tsconfigByDir = new Map<string, TsconfigPaths | null>();
  private workspacePackages: Map<string, string> | null = null;
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly host: ProjectHost,
    /** The project root: where the workspace package.json lives. */
    private readonly root: string,
  ) {}

  /** Files were created or deleted: specifiers may resolve elsewhere now. */
  clearCache(): void {
    this.cache.clear();
    this.tsconfigByDir.clear();
    this.workspacePackages = null;
  }

  resolve(fromFile: string, specifier: string): string | null {
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = this.resolveUncached(fromFile, specifier);
    this.cache.set(key, result);
    return result;
  }

  private resolveUncached(fromFile: string, specifier: string): string | null {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      return this.asFileOrDirectory(path.resolve(path.dirname(fromFile), specifier));
    }
    const tsconfig = this.tsconfigFor(path.dirname(fromFile));
    if (tsconfig) {
      for (const { pattern, targets } of tsconfig.paths) {
        const star = matchPattern(pattern, specifier);
        if (star === null) continue;
        for (const target of targets) {
          const found = this.asFileOrDirectory(path.resolve(tsconfig.baseUrl, target.replace('*', star)));
          if (found) return found;
        }
      }
      const fromBase = this.asFileOrDirectory(path.resolve(tsconfig.baseUrl, specifier));
      if (fromBase) return fromBase;
    }
    return this.fromWorkspace(specifier);
  }

  private asFileOrDirectory(candidate: string): string | null {
    if (EXTENSIONS.some((e) => candidate.endsWith(e)) && this.host.fileExists(candidate)) return candidate;
    // TypeScript ESM style: `import './store.js'` means store.ts.
    const stripped = candidate.replace(/\.(m|c)?js$/, '');
    for (const ext of EXTENSIONS) if (this.host.fileExists(stripped + ext)) return stripped + ext;
    for (const ext of EXTENSIONS) if (this.host.fileExists(path.join(candidate, `index${ext}`))) return path.join(candidate, `index${ext}`);
    return null;
  }

  private tsconfigFor(dir: string): TsconfigPaths | null {
    const cached = this.tsconfigByDir.get(dir);
    if (cached !== undefined) return cached;
    let result: TsconfigPaths | null = null;
    const file = path.join(dir, 'tsconfig.json');
    const text = this.host.readFile(file);
    if (text !== undefined) {
      const json = parseJsonc(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
      const options = json?.compilerOptions;
      if (options && (options.baseUrl || options.paths)) {
        const baseUrl = path.resolve(dir, options.baseUrl ?? '.');
        result = { baseUrl, paths: Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({ pattern, targets })) };
      }
    } else {
      const parent = path.dirname(dir);
      result = parent !== dir ? this.tsconfigFor(parent) : null;
    }
    this.tsconfigByDir.set(dir, result);
    return result;
  }

  private fromWorkspace(specifier: string): string | null {
    const packages = this.workspaces();
    for (const [name, dir] of packages) {
      if (specifier !== name && !specifier.startsWith(`${name}/`)) continue;
      const rest = specifier.slice(name.length + 1);
      if (rest) return this.asFileOrDirectory(path.join(dir, rest)) ?? this.asFileOrDirectory(path.join(dir, 'src', rest));
      const manifest = readJson(this.host, path.join(dir, 'package.json')) as { source?: string; types?: string; main?: string } | null;
      for (const entry of [manifest?.source, 'src/index', manifest?.main]) {
        if (!entry) continue;
        const found = this.asFileOrDirectory(path.join(dir, entry));
        if (found) return found;
      }
    }
    return null;
  }

  private workspaces(): Map<string, string> {
    if (this.workspacePackages) return this.workspacePackages;
    this.workspacePackages = new Map();
    const manifest = readJson(this.host, path.join(this.root, 'package.json')) as { workspaces?: string[] | { packages?: string[] } } | null;
    const globs = Array.isArray(manifest?.workspaces) ? manifest!.workspaces : (manifest?.workspaces as { packages?: string[] } | undefined)?.packages ?? [];
    for (const glob of globs) {
      const dirs = glob.endsWith('/*') ? this.host.directories(path.join(this.root, glob.slice(0, -2))).map((d) => path.join(this.root, glob.slice(0, -2), d)) : [path.join(this.root, glob)];
      for (const dir of dirs) {
        const pkg = readJson(this.host, path.join(dir, 'package.json')) as { name?: string } | null;
        if (pkg?.name) this.workspacePackages.set(pkg.name, dir);
      }
    }
    return this.workspacePackages;
  }
}

function matchPattern(pattern: string, specifier: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === specifier ? '' : null;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < prefix.length + suffix.length) return null;
  return specifier.slice(prefix.length, specifier.length - suffix.length);
}

function readJson(host: ProjectHost, file: string): unknown {
  const text = host.readFile(file);
  if (text === undefined) return null;
  try {
    return parseJsonc(text);
  } catch {
    return null;
  }
}
