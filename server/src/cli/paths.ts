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
