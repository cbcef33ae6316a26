/**
 * `npm run bench`: the budgets of DESIGN.md §8, each candidate measured beside its
 * baseline in the same run (alternating, so machine load hits both alike; medians).
 * Every side is a fresh process, so every side pays Node start-up and module loading.
 *
 *  (a) the CLI vs only parsing the same files with @typescript-eslint/parser;
 *  (b) the CLI vs ESLint running that parser with no rules, one thread each and two
 *      workers each;
 *  (c) a warm `--cache` run with nothing changed vs the cold run that filled it;
 *  (d) the language server (`npm run bench:lsp`, run here and summarised);
 *  (e) time and peak memory on a generated project of 10k, 100k and 1M lines.
 *
 * Corpora are real code shipped as TypeScript sources in node_modules (rxdb's src/,
 * rxjs's src/), copied to a temporary folder so that both linters see a plain
 * project: no ignore files, no configs of ours, no node_modules path.
 *
 *   node out/test/bench/bench.js [--runs N] [--sizes 10000,100000,1000000] [--no-lsp]
 *                                [--no-eslint] [--lsp-args "..."] [folder ...]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateProject } from './generate-project';
import { listFiles } from './parse-only';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/durability-lint.js');
const parseOnly = path.join(root, 'out/test/bench/parse-only.js');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');
const lspBench = path.join(root, 'out/test/lsp/bench.js');
/** Outside the repository, whose .gitignore would hide the copies from both linters. */
const work = path.join(os.tmpdir(), 'durability-lint-bench');

const TARGET_PARSE_RATIO = 1.25;
const TARGET_ESLINT_RATIO = 0.7;
const TARGET_WARM_SHARE = 0.1;
const PARSE_REFERENCE_MAX_LINES = 200_000;

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
}
function flag(name: string): boolean {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}
const runs = Number(option('--runs') ?? 3);
const sizes = (option('--sizes') ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const lspArgs = (option('--lsp-args') ?? '--soak-edits 0').split(' ').filter(Boolean);
const withLsp = !flag('--no-lsp');
const withEslint = !flag('--no-eslint');
const folders = args.length > 0 ? args.map((f) => path.resolve(f)) : ['rxdb/src', 'rxjs/src'].map((p) => path.join(root, 'node_modules', p));

interface Run {
  ms: number;
  status: number | null;
  stderr: string;
}

function run(command: string[], cwd: string): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // 1 is "findings" for both linters; anything else means the run did not do the work.
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, status: result.status, stderr: result.stderr };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const met = (ok: boolean) => (ok ? 'met' : 'not met');
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
const targets: string[] = [];

/** Copies the sources (TS and JS, declarations included) so both linters see the same plain tree. */
function copyCorpus(from: string, name: string): { dir: string; files: number; lines: number } {
  const dir = path.join(work, 'corpora', name);
  fs.rmSync(dir, { recursive: true, force: true });
  let lines = 0;
  const files = listFiles(from);
  for (const file of files) {
    const to = path.join(dir, path.relative(from, file));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(to, text);
    lines += text.split('\n').length;
  }
  return { dir, files: files.length, lines };
}

/**
 * ESLint as a user with only our parser configured would run it: every TS/JS file,
 * no rules. Inline `eslint-disable` comments naming plugins that are not installed
 * would be errors, so inline config is off, which only makes ESLint's side cheaper.
 */
function writeEslintConfig(): string {
  const file = path.join(work, 'eslint.config.mjs');
  const parser = pathToFileURL(require.resolve('@typescript-eslint/parser', { paths: [root] })).href;
  fs.writeFileSync(
    file,
    [
      `import parser from ${JSON.stringify(parser)};`,
      `export default [`,
      `  {`,
      `    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],`,
      `    languageOptions: { parser, ecmaVersion: 'latest', sourceType: 'module' },`,
      `    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },`,
      `  },`,
      `];`,
      ``,
    ].join('\n'),
  );
  return file;
}

function eslintVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/eslint/package.json'), 'utf8')).version;
}

function eslintSupportsConcurrency(): boolean {
  const help = spawnSync(process.execPath, [eslintBin, '--help'], { encoding: 'utf8' }).stdout;
  return /--concurrency/.test(help);
}

interface Variant {
  name: string;
  /** Runs one measurement; several steps (fill then reuse a cache) are one variant pair. */
  command: string[];
  before?: () => void;
}

function benchCorpus(from: string, eslintConfig: string | undefined, eslintWorkers: boolean): void {
  const name = path.basename(path.dirname(from)) + (path.basename(from) === 'src' ? '' : `-${path.basename(from)}`);
  const corpus = copyCorpus(from, name);
  const cacheFile = path.join(work, `cache-${name}`);
  const lint = (...extra: string[]) => [bin, '--format', 'json', '--output-file', os.devNull, ...extra, corpus.dir];
  const eslint = (...extra: string[]) => [eslintBin, '--config', eslintConfig!, '--format', 'json', '--output-file', os.devNull, ...extra, corpus.dir];

  // Groups run back to back in this order; the order of groups rotates every round.
  const groups: Variant[][] = [
    [{ name: 'parse', command: [parseOnly, corpus.dir] }],
    [{ name: 'cli', command: lint('--concurrency', 'off') }],
    [{ name: 'cli2', command: lint('--concurrency', '2') }],
    [
      { name: 'cold', command: lint('--concurrency', 'off', '--cache', '--cache-location', cacheFile), before: () => fs.rmSync(cacheFile, { force: true }) },
      { name: 'warm', command: lint('--concurrency', 'off', '--cache', '--cache-location', cacheFile) },
    ],
  ];
  if (eslintConfig) {
    groups.push([{ name: 'eslint', command: eslint() }]);
    if (eslintWorkers) groups.push([{ name: 'eslint2', command: eslint('--concurrency=2') }]);
  }
  const times = new Map<string, number[]>();
  run(groups[0][0].command, work); // untimed: the file-system cache
  for (let round = 0; round < runs; round++) {
    for (let g = 0; g < groups.length; g++) {
      for (const v of groups[(g + round) % groups.length]) {
        v.before?.();
        const { ms } = run(v.command, work);
        times.set(v.name, [...(times.get(v.name) ?? []), ms]);
      }
    }
  }
  const m = (key: string) => median(times.get(key)!);
  const p = m('parse');
  const c = m('cli');
  console.log(`\ncorpus: ${path.relative(root, from)} — ${corpus.files} files, ${corpus.lines} lines; ${runs} runs each, medians`);
  console.log(`parse only (@typescript-eslint/parser parseForESLint): ${p.toFixed(0)} ms`);
  console.log(`durability-lint CLI (all rules, json output):          ${c.toFixed(0)} ms  (${((corpus.files / c) * 1000).toFixed(0)} files/s)`);
  console.log(`ratio CLI / parse: ${(c / p).toFixed(2)}×   (target ≤ ${TARGET_PARSE_RATIO}×: ${met(c / p <= TARGET_PARSE_RATIO)})`);
  targets.push(`(a) ${name}: CLI / bare parse ${(c / p).toFixed(2)}× (target ≤ ${TARGET_PARSE_RATIO}×): ${met(c / p <= TARGET_PARSE_RATIO)}`);

  const rows: Array<[string, string, number, number]> = [['one thread', '--concurrency off / default', c, eslintConfig ? m('eslint') : NaN]];
  rows.push(['2 workers', '--concurrency 2 / --concurrency=2', m('cli2'), eslintConfig && eslintWorkers ? m('eslint2') : NaN]);
  for (const [label, flags, ours, theirs] of rows) {
    if (Number.isNaN(theirs)) {
      console.log(`${label.padEnd(10)} CLI ${fmt(ours)}   ESLint: not measured (${eslintConfig ? 'no --concurrency in this ESLint' : '--no-eslint'})`);
      continue;
    }
    const ratio = ours / theirs;
    console.log(
      `${label.padEnd(10)} CLI ${fmt(ours)}   ESLint, no rules ${fmt(theirs)}   ratio ${ratio.toFixed(2)}×  (${flags}; target ≤ ${TARGET_ESLINT_RATIO}×: ${met(ratio <= TARGET_ESLINT_RATIO)})`,
    );
    targets.push(`(b) ${name}, ${label}: CLI / ESLint ${ratio.toFixed(2)}× (target ≤ ${TARGET_ESLINT_RATIO}×): ${met(ratio <= TARGET_ESLINT_RATIO)}`);
  }
  if (eslintConfig) console.log(`ESLint, no rules / bare parse: ${(m('eslint') / p).toFixed(2)}×`);
  const cold = m('cold');
  const warm = m('warm');
  const share = warm / cold;
  console.log(`--cache: cold (filling it) ${fmt(cold)}   warm (nothing changed) ${fmt(warm)}   warm / cold ${(share * 100).toFixed(1)}%  (target < ${TARGET_WARM_SHARE * 100}%: ${met(share < TARGET_WARM_SHARE)})`);
  targets.push(`(c) ${name}: warm --cache / cold ${(share * 100).toFixed(1)}% (target < ${TARGET_WARM_SHARE * 100}%): ${met(share < TARGET_WARM_SHARE)}`);
}

/** Wall time and peak RSS of one run: GNU time where installed, else the process reports its own. */
function measured(command: string[], cwd: string): { ms: number; peakMb: number } {
  if (fs.existsSync('/usr/bin/time')) {
    const start = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-v', process.execPath, ...command], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
    return { ms, peakMb: kb / 1024 };
  }
  const report = path.join(work, 'peak-rss.cjs');
  fs.writeFileSync(report, `process.on('exit', () => require('node:fs').writeSync(2, '\\npeak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  const { ms, stderr } = run(['--require', report, ...command], cwd);
  return { ms, peakMb: Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1]) / 1024 };
}

function sizeCurve(): void {
  console.log(`\nsize curve: a generated application (types, stores, API clients, React screens, Node services), one run each, --concurrency off`);
  let previous: { lines: number; ms: number } | undefined;
  for (const size of sizes) {
    const dir = path.join(work, 'generated', String(size));
    const project = generateProject(dir, size);
    listFiles(dir); // the file-system cache, as for the corpora
    // The bare parse holds one file at a time, so its memory stays flat; timing it on the
    // largest project would add minutes to say what the smaller ones already show.
    const parse = project.lines <= PARSE_REFERENCE_MAX_LINES ? measured([parseOnly, dir], work) : undefined;
    const cli = measured([bin, '--concurrency', 'off', '--format', 'json', '--output-file', os.devNull, dir], work);
    const growth = previous ? `  ×${(cli.ms / previous.ms).toFixed(1)} time for ×${(project.lines / previous.lines).toFixed(0)} lines` : '';
    const reference = parse
      ? `bare parse ${fmt(parse.ms)}, peak RSS ${parse.peakMb.toFixed(0).padStart(5)} MB   CLI / parse ${(cli.ms / parse.ms).toFixed(2)}×`
      : `bare parse not timed above ${PARSE_REFERENCE_MAX_LINES} lines`;
    console.log(
      `${String(project.lines).padStart(8)} lines, ${String(project.files).padStart(5)} files:  CLI ${fmt(cli.ms)}, peak RSS ${cli.peakMb.toFixed(0).padStart(5)} MB ` +
        `(${((project.lines / cli.ms) * 1000).toFixed(0)} lines/s)   ${reference}${growth}`,
    );
    previous = { lines: project.lines, ms: cli.ms };
  }
}

/** The language server's own benchmark, run as a child so its numbers are its own process's. */
function languageServer(): void {
  console.log(`\nlanguage server (npm run bench:lsp ${lspArgs.join(' ')}):`);
  if (!fs.existsSync(lspBench)) {
    console.log('  not built: out/test/lsp/bench.js is missing');
    return;
  }
  const result = spawnSync(process.execPath, [lspBench, ...lspArgs], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = result.stdout.split('\n').filter((line) => line.trim() !== '');
  for (const line of lines) console.log(`  ${line}`);
  if (result.status !== 0) console.log(`  bench:lsp exited ${result.status}: ${result.stderr.trim().split('\n').slice(-5).join('\n  ')}`);
  for (const line of lines) {
    const verdict = /\((target[^)]*): (met|MISSED|not met)\)/.exec(line);
    if (verdict) targets.push(`(d) ${line.replace(/\s*\(target.*$/, '').slice(0, 90)}… (${verdict[1]}): ${verdict[2] === 'met' ? 'met' : 'not met'}`);
  }
}

function main(): void {
  const started = Date.now();
  fs.mkdirSync(work, { recursive: true });
  const eslintConfig = withEslint ? writeEslintConfig() : undefined;
  const eslintWorkers = withEslint && eslintSupportsConcurrency();
  console.log(
    `durability-lint benchmark: node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)}; ` +
      `ESLint ${eslintVersion()}${eslintWorkers ? ' (with --concurrency)' : ''}, @typescript-eslint/parser ${require('@typescript-eslint/parser/package.json').version}`,
  );
  for (const folder of folders) {
    if (!fs.existsSync(folder)) {
      console.log(`\ncorpus ${path.relative(root, folder)}: missing (npm ci installs it)`);
      continue;
    }
    benchCorpus(folder, eslintConfig, eslintWorkers);
  }
  if (sizes.length > 0) sizeCurve();
  if (withLsp) languageServer();
  console.log(`\ntargets (DESIGN.md §8), load average now ${os.loadavg()[0].toFixed(1)}:`);
  for (const line of targets) console.log(`  ${line}`);
  console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
