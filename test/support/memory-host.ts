/** An in-memory project for cross-file tests: file path → text. */
import * as path from 'node:path';
import type { ProjectHost } from '../../server/src/engine/project';

export function memoryHost(files: Record<string, string>, root = '/repo'): ProjectHost & { files: Map<string, string> } {
  const map = new Map(Object.entries(files).map(([p, t]) => [path.join(root, p), t]));
  return {
    files: map,
    readFile: (p) => map.get(p),
    fileExists: (p) => map.has(p),
    directories: (dir) => {
      const out = new Set<string>();
      for (const p of map.keys()) {
        if (!p.startsWith(dir + path.sep)) continue;
        const rest = p.slice(dir.length + 1).split(path.sep);
        if (rest.length > 1) out.add(rest[0]);
      }
      return [...out];
    },
  };
}
