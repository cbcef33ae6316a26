/**
 * Baseline for the benchmark: parse every file under the given folders with
 * `@typescript-eslint/parser` (parseForESLint, as ESLint does) and nothing else.
 * The same files the CLI checks, `.d.ts` included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';

const EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const p = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') stack.push(p);
      } else if (EXTENSIONS.test(entry.name)) out.push(p); // declarations too: the CLI lints them
    }
  }
  return out.sort();
}

if (require.main === module) {
  let parsed = 0;
  let failed = 0;
  for (const dir of process.argv.slice(2)) {
    for (const file of listFiles(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      try {
        parseForESLint(text, { filePath: file, ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, ecmaFeatures: { jsx: /\.(tsx|jsx|js|mjs|cjs)$/.test(file) } });
        parsed++;
      } catch {
        failed++;
      }
    }
  }
  process.stdout.write(JSON.stringify({ parsed, failed }) + '\n');
}
