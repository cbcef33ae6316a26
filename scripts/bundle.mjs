// Bundles the VS Code extension and the language server with esbuild.
//   node scripts/bundle.mjs [--outdir DIR] [--no-minify]
// Layout (the extension resolves the server by these paths):
//   DIR/client/extension.js   the extension (vscode is provided by the editor)
//   DIR/server/server.js      the language server's protocol thread
//   DIR/server/lint-worker.js the analysis worker it starts (engine, rules, parser)
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = path.resolve(root, outdirArg >= 0 ? args[outdirArg + 1] : 'dist');
const minify = !args.includes('--no-minify');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Whitespace and syntax only: identifiers keep their names, so stack traces from users'
  // machines name our functions without esbuild's keepNames, whose name-setting wrapper
  // around every function cost the analysis worker ~15 MB of heap (TypeScript has
  // thousands of functions). ASCII output keeps V8's copy of the source one byte per
  // character: a single non-ASCII character (an em dash in a message) makes the whole
  // bundle a two-byte string, twice the memory.
  minifyWhitespace: minify,
  minifySyntax: minify,
  charset: 'ascii',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // typescript-estree resolves its project service lazily; a file-only parse never loads it.
  mainFields: ['module', 'main'],
};

const started = performance.now();
await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { 'client/extension': 'client/src/extension.ts' },
    external: ['vscode'],
    outdir,
  }),
  esbuild.build({
    ...common,
    entryPoints: { 'server/server': 'server/src/lsp/bundle-entry.ts', 'server/lint-worker': 'server/src/lsp/lint-worker.ts' },
    outdir,
  }),
]);
console.log(`bundled into ${path.relative(root, outdir) || '.'} in ${Math.round(performance.now() - started)} ms`);
