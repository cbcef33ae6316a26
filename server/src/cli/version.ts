import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  root: string;
  version: string;
}

let manifest: Manifest | null | undefined;

/**
 * Our own package.json, found by walking up from this module so it works from the
 * compiled tree and from an installed package alike.
 */
function findManifest(): Manifest | null {
  if (manifest !== undefined) return manifest;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const data = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (data.name === 'durability-lint' && data.version) return (manifest = { root: dir, version: data.version });
    } catch {
      // Not here; keep walking.
    }
    if (path.dirname(dir) === dir) return (manifest = null);
  }
}

export function packageVersion(): string {
  return findManifest()?.version ?? '0.0.0-unknown';
}

/** The package's root folder (where `rules/docs/` lives), or undefined when it cannot be found. */
export function packageRoot(): string | undefined {
  return findManifest()?.root;
}
