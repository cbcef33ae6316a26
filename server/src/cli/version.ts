import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The version from our own package.json, found by walking up from this module
 * so it works from the compiled tree and from an installed package alike.
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'durability-lint' && manifest.version) return manifest.version;
    } catch {
      // Not here; keep walking.
    }
    if (path.dirname(dir) === dir) return '0.0.0-unknown';
  }
}
