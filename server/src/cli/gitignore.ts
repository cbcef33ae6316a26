/**
 * `.gitignore` semantics across nested files: each file's patterns are relative
 * to its own directory, a deeper file can re-include what a shallower one
 * excluded (`!keep.ts`), and nothing inside an excluded directory can be
 * re-included (git never looks inside it).
 *
 * Which `.gitignore` files count: those from the file's directory up to the
 * repository root (the nearest directory holding `.git`). Outside a repository,
 * only those up to the working directory, so a stray `~/.gitignore` (dotfile
 * repositories often hold `*`) cannot hide a project that is not under git.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { relativeInside } from './paths';

export class GitignoreMatcher {
  private readonly ignoreFiles = new Map<string, Ignore | null>();
  private readonly repositoryRoots = new Map<string, string | null>();
  private readonly ignoredDirs = new Map<string, boolean>();

  constructor(private readonly cwd: string) {}

  isIgnored(absoluteFile: string): boolean {
    const dir = path.dirname(absoluteFile);
    if (this.isDirIgnored(dir)) return true;
    return this.testLayers(absoluteFile, this.topFor(dir), dir, false);
  }

  private isDirIgnored(dir: string): boolean {
    const cached = this.ignoredDirs.get(dir);
    if (cached !== undefined) return cached;
    const top = this.topFor(dir);
    const parent = path.dirname(dir);
    const ignored = dir !== top && parent !== dir && (this.isDirIgnored(parent) || this.testLayers(dir, top, parent, true));
    this.ignoredDirs.set(dir, ignored);
    return ignored;
  }

  /** Applies the `.gitignore` files from `top` down to `lowest`; the deepest one that has a say wins. */
  private testLayers(target: string, top: string, lowest: string, isDir: boolean): boolean {
    const layers: string[] = [];
    for (let dir = lowest; ; dir = path.dirname(dir)) {
      layers.push(dir);
      if (dir === top || path.dirname(dir) === dir) break;
    }
    let ignored = false;
    for (let i = layers.length - 1; i >= 0; i--) {
      const rules = this.ignoreFileIn(layers[i]);
      if (!rules) continue;
      const relative = relativeInside(layers[i], target);
      if (relative === undefined) continue;
      const result = rules.test(isDir ? `${relative}/` : relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private topFor(dir: string): string {
    const root = this.repositoryRootOf(dir);
    if (root) return root;
    return relativeInside(this.cwd, dir) !== undefined ? this.cwd : dir;
  }

  private repositoryRootOf(dir: string): string | null {
    const cached = this.repositoryRoots.get(dir);
    if (cached !== undefined) return cached;
    let root: string | null;
    if (fs.existsSync(path.join(dir, '.git'))) root = dir;
    else {
      const parent = path.dirname(dir);
      root = parent === dir ? null : this.repositoryRootOf(parent);
    }
    this.repositoryRoots.set(dir, root);
    return root;
  }

  private ignoreFileIn(dir: string): Ignore | null {
    if (this.ignoreFiles.has(dir)) return this.ignoreFiles.get(dir)!;
    let rules: Ignore | null = null;
    const file = path.join(dir, '.gitignore');
    try {
      // Most folders have none; asking first avoids an exception per folder.
      if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) rules = ignore().add(fs.readFileSync(file, 'utf8'));
    } catch {
      // No .gitignore here (or unreadable): git would not apply one either.
    }
    this.ignoreFiles.set(dir, rules);
    return rules;
  }
}
