/**
 * `npm run bench`: the CLI's wall time on real code beside the time of only parsing
 * the same files with @typescript-eslint/parser, measured alternately in the same run
 * (so machine load affects both), as a ratio. Both sides are fresh processes, so
 * both pay Node start-up and module loading.
 *
 *   node out/test/bench/bench.js [--runs N] [folder ...]   (default: rxdb's src/)
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { listFiles } from './parse-only';

const root = path.resolve(__dirname, '../../..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const folders = args.length > 0 ? args : [path.join(root, 'node_modules/rxdb/src')];

function time(command: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const files = folders.flatMap((f) => listFiles(f));
const lines = files.reduce((n, f) => n + require('node:fs').readFileSync(f, 'utf8').split('\n').length, 0);
const parseCmd = [path.join(root, 'out/test/bench/parse-only.js'), ...folders];
const cliCmd = [path.join(root, 'bin/durability-lint.js'), '--no-ignore', '--format', 'json', '--output-file', '/dev/null', ...folders];

time(parseCmd); // warm the file-system cache for both
time(cliCmd);
const parseTimes: number[] = [];
const cliTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  parseTimes.push(time(parseCmd));
  cliTimes.push(time(cliCmd));
}
const p = median(parseTimes);
const c = median(cliTimes);
console.log(`corpus: ${folders.map((f) => path.relative(root, f)).join(', ')} — ${files.length} files, ${lines} lines; ${runs} runs each, medians`);
console.log(`parse only (@typescript-eslint/parser parseForESLint): ${p.toFixed(0)} ms`);
console.log(`durability-lint CLI (all rules, json output):          ${c.toFixed(0)} ms  (${((files.length / c) * 1000).toFixed(0)} files/s)`);
console.log(`ratio CLI / parse: ${(c / p).toFixed(2)}×   (target ≤ 1.25×: ${c / p <= 1.25 ? 'met' : 'not met'})`);
