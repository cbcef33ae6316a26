import * as fs from 'node:fs';
import * as path from 'node:path';

/** `file` relative to `dir` with forward slashes, or undefined when it is not strictly inside `dir`. */
export function relativeInside(dir: string, file: string): string | undefined {
  const relative = path.relative(dir, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return toPosix(relative);
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** How a path is shown to the user: relative to the working directory when inside it. */
export function displayPath(cwd: string, file: string): string {
  return relativeInside(cwd, file) ?? file;
}

const repositoryRoots = new Map<string, string>();

/**
 * The nearest folder at or above `dir` holding `.git`, else `dir` itself. Code
 * scanning, annotations and GitLab place findings by repository-relative path, so
 * a run started in a monorepo package must still name files from the repository root.
 */
export function repositoryRoot(dir: string): string {
  const cached = repositoryRoots.get(dir);
  if (cached !== undefined) return cached;
  let root = dir;
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) {
      root = current;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  repositoryRoots.set(dir, root);
  return root;
}
