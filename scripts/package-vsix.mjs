// Builds the VS Code extension package:
//   node scripts/package-vsix.mjs [--out FILE]      (default dist/durability-lint-<version>.vsix)
// The root package.json is also the npm package's manifest, and its "files" list
// cannot coexist with a .vscodeignore for vsce. So the extension is staged: the
// bundles, rule docs, icon, README and LICENSE are copied into dist/vsix-stage
// with a manifest stripped of the npm-only fields, and vsce packages that folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listZipEntries } from './zip-entries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 5 * 1024 * 1024;
const args = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outArg = args.indexOf('--out');
const outFile = path.resolve(root, outArg >= 0 ? args[outArg + 1] : path.join('dist', `${manifest.name}-${manifest.version}.vsix`));

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`${path.basename(commandArgs[0] ?? command)} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

run(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], root);

const stage = path.join(root, 'dist', 'vsix-stage');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

function copy(from, to = from) {
  const target = path.join(stage, to);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(root, from), target);
}

copy('dist/client/extension.js');
copy('dist/server/server.js');
copy('dist/server/lint-worker.js');
copy(manifest.icon);
copy('client/README.md', 'README.md');
copy('LICENSE');
copy('.vscodeignore');
for (const doc of fs.readdirSync(path.join(root, 'rules', 'docs')).filter((f) => f.endsWith('.md'))) copy(path.join('rules', 'docs', doc));

const extensionManifest = { ...manifest };
for (const npmOnly of ['files', 'scripts', 'dependencies', 'devDependencies', 'bin', 'exports', 'peerDependencies', 'peerDependenciesMeta']) {
  delete extensionManifest[npmOnly];
}
extensionManifest.engines = { vscode: manifest.engines.vscode };
// Kept so vsce still checks that the API typings are not newer than engines.vscode.
extensionManifest.devDependencies = { '@types/vscode': manifest.devDependencies['@types/vscode'] };
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(extensionManifest, null, 2) + '\n');

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.rmSync(outFile, { force: true });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', outFile], stage);

const size = fs.statSync(outFile).size;
const entries = listZipEntries(fs.readFileSync(outFile));
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/(readme\.md|README\.md)$/,
  /^extension\/(LICENSE|LICENSE\.txt)$/,
  /^extension\/dist\/client\/extension\.js$/,
  /^extension\/dist\/server\/(server|lint-worker)\.js$/,
  /^extension\/rules\/docs\/[a-z0-9-]+\.md$/,
  /^extension\/client\/images\/icon\.png$/,
];
const unexpected = entries.filter((entry) => !allowed.some((pattern) => pattern.test(entry.name)));
console.log(`${path.relative(root, outFile)}: ${(size / 1024 / 1024).toFixed(2)} MB, ${entries.length} files`);
if (unexpected.length > 0) {
  console.error(`unexpected files in the package:\n  ${unexpected.map((e) => e.name).join('\n  ')}`);
  process.exit(1);
}
if (size > MAX_BYTES) {
  console.error(`the package is ${size} bytes, over the ${MAX_BYTES}-byte limit`);
  process.exit(1);
}
