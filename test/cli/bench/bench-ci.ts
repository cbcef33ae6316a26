/**
 * `npm run bench:ci`: what CI pays for a run over a big repository. On a corpus of
 * real TypeScript sources (at least 1,000 files, copied from packages in
 * node_modules into a temporary folder so default ignores and the cache behave
 * as in a project), it times in the same run, alternating so machine load hits all alike:
 *
 *   cold --concurrency off     the main thread only
 *   cold --concurrency auto    what a user gets by default
 *   cold --concurrency 2       two workers, to check that `auto` chose well
 *   warm --cache               nothing changed since the previous run
 *
 * and prints the medians and ratios (target: warm under 10% of cold).
 *
 *   node out/test/cli/bench/bench-ci.js [--runs N]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const bin = path.join(root, 'bin', 'durability-lint.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;

/** Packages that ship their TypeScript sources; together well over 1,000 files. */
const SOURCE_ROOTS = [
  'rxdb/src',
  'rxjs/src',
  '@azure/msal-browser/src',
  '@azure/msal-node/src',
  '@azure/msal-common/src',
  '@secretlint/config-loader/src',
  'ajv-formats/src',
];
const MIN_FILES = 1000;
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;

function collect(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') collect(full, out);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !DECLARATION.test(entry.name)) {
      out.push(full);
    }
  }
}

function buildCorpus(target: string): { files: number; lines: number; used: string[] } {
  fs.rmSync(target, { recursive: true, force: true });
  let files = 0;
  let lines = 0;
  const used: string[] = [];
  for (const sourceRoot of SOURCE_ROOTS) {
    const from = path.join(root, 'node_modules', sourceRoot);
    if (!fs.existsSync(from)) continue;
    const found: string[] = [];
    collect(from, found);
    if (found.length === 0) continue;
    used.push(`${sourceRoot} (${found.length})`);
    for (const file of found) {
      const to = path.join(target, sourceRoot, path.relative(from, file));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(to, text);
      files++;
      lines += text.split('\n').length;
    }
  }
  return { files, lines, used };
}

function time(extra: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, '--format', 'json', '--output-file', os.devNull, ...extra, 'corpus'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`durability-lint ${extra.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  // Outside the repository: its .gitignore would exclude the corpus, as it should.
  const work = path.join(os.tmpdir(), 'durability-lint-bench-ci');
  const corpus = buildCorpus(path.join(work, 'corpus'));
  if (corpus.files < MIN_FILES) {
    throw new Error(`the corpus has ${corpus.files} files, fewer than ${MIN_FILES}: run npm ci first (the sources come from node_modules)`);
  }
  const cacheFile = path.join(work, '.durabilitylintcache');
  const variants: Array<{ name: string; args: string[]; before?: () => void }> = [
    { name: 'cold --concurrency off ', args: ['--concurrency', 'off'] },
    { name: 'cold --concurrency auto', args: ['--concurrency', 'auto'] },
    { name: 'cold --concurrency 2   ', args: ['--concurrency', '2'] },
    { name: 'warm --cache           ', args: ['--cache', '--cache-location', cacheFile] },
  ];
  // Fills the cache for the warm runs, and warms the file-system cache for all.
  fs.rmSync(cacheFile, { force: true });
  const coldWithCache = time(['--cache', '--cache-location', cacheFile], work);
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const variant of variants) times.get(variant.name)!.push(time(variant.args, work));
  }
  const med = new Map([...times].map(([name, xs]) => [name, median(xs)]));
  const off = med.get(variants[0].name)!;
  const auto = med.get(variants[1].name)!;
  const warm = med.get(variants[3].name)!;
  console.log(`corpus: ${corpus.files} files, ${corpus.lines} lines from ${corpus.used.join(', ')}`);
  console.log(`machine: ${os.availableParallelism()} cores, Node ${process.version}; ${runs} runs each, medians, wall time of the whole process`);
  console.log(`cold --cache (filling the cache): ${coldWithCache.toFixed(0)} ms`);
  for (const [name, ms] of med) {
    console.log(`${name}  ${ms.toFixed(0).padStart(7)} ms  (${((corpus.files / ms) * 1000).toFixed(0)} files/s; ${(ms / off).toFixed(2)}× off)`);
  }
  console.log(`auto / off: ${(auto / off).toFixed(2)}×`);
  console.log(`warm / cold off: ${((warm / off) * 100).toFixed(1)}%   (target < 10%: ${warm / off < 0.1 ? 'met' : 'not met'})`);
}

main();
