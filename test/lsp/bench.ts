/**
 * `npm run bench:lsp`: the editor budgets, measured against the real server over stdio.
 *
 *  1. latency: a 3,000-line file, 100 lone edits (one keystroke each, spaced so none
 *     coalesce; half type in names, half type whitespace); time from sending didChange
 *     to the diagnostics of that version, for a pull client (VS Code) and a push client
 *     (Neovim, Helix).
 *  2. memory: server RSS after opening 1,000 files in a push client (every one analysed).
 *  3. soak: RSS sampled during a long scripted edit session on the big file, to show
 *     memory stays flat (`--soak-edits N`, default 600).
 *
 * Targets (DESIGN.md, budgets): p95 ≤ 50 ms; RSS ≤ 150 MB.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/engine/default-config';
import { lintText } from '../../server/src/engine/lint';
import { DocumentParser } from '../../server/src/engine/incremental-parse';
import { generateFile } from './bench-files';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/protocol';
import { repoRoot, TestClient } from './lsp-client';

const LATENCY_TARGET_MS = 50;
const RSS_TARGET_MB = 150;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const KEYWORDS = new Set(
  'abstract as async await break case catch class const continue default delete do else enum export extends false finally for from function get if implements import in instanceof interface let new null of private protected public readonly return set static super switch this throw true try type typeof var void while yield'.split(' '),
);

interface Keystroke {
  line: number;
  character: number;
  insert: boolean;
  /** What is typed (or was typed, for a deletion). */
  char: string;
}

/**
 * One keystroke in the file: type a character, then delete it on the next keystroke.
 * Every other pair types a space at the end of a line (whitespace, comments); the others
 * type a letter at the end of the line's first name, changing the code itself.
 */
function keystroke(text: string, i: number): Keystroke {
  const lines = text.split('\n');
  const target = Math.floor(((i >> 1) * 2654435761) % (lines.length - 10)) + 5;
  const insert = i % 2 === 0;
  if ((i >> 1) % 2 === 0) return { line: target, character: lines[target].length, insert, char: ' ' };
  const name = [...lines[target].matchAll(/[A-Za-z_$][\w$]*/g)].find((m) => !KEYWORDS.has(m[0].replace(/x$/, '')));
  if (!name) return { line: target, character: lines[target].length, insert, char: ' ' };
  return { line: target, character: name.index! + name[0].length, insert, char: 'x' };
}

function keystrokeEdit({ line, character, insert, char }: Keystroke) {
  const range = insert
    ? { start: { line, character }, end: { line, character } }
    : { start: { line, character: character - 1 }, end: { line, character } };
  return { range, newText: insert ? char : '' };
}

/** The same keystroke applied to a plain string (for the engine-alone measurement). */
function applyKeystroke(text: string, stroke: Keystroke): string {
  const lines = text.split('\n');
  const line = lines[stroke.line];
  lines[stroke.line] = stroke.insert
    ? line.slice(0, stroke.character) + stroke.char + line.slice(stroke.character)
    : line.slice(0, stroke.character - 1) + line.slice(stroke.character);
  return lines.join('\n');
}

/**
 * The server process as the VS Code extension starts it (the esbuild bundle it ships, with
 * its Node flags and environment), or as the bare bin other editors run (the compiled
 * modules, no flags).
 */
type Launch = 'vscode' | 'bin';
const BUNDLED_SERVER = path.join(repoRoot, 'dist', 'server', 'server.js');
function launchOptions(launch: Launch) {
  if (launch === 'bin') return {};
  if (!fs.existsSync(BUNDLED_SERVER)) throw new Error(`${BUNDLED_SERVER} is missing: run npm run bundle first`);
  return { execArgv: SERVER_EXEC_ARGV, env: SERVER_ENV, serverScript: BUNDLED_SERVER };
}

async function measureLatency(pull: boolean, root: string, text: string, edits: number): Promise<number[]> {
  const client = await TestClient.start({ root, pull, ...launchOptions(pull ? 'vscode' : 'bin') });
  try {
    const uri = await client.open('src/big.ts', text);
    if (pull) await client.diagnostics(uri);
    else await client.waitForPublished(uri, (p) => p.version === 1);
    // Warm-up: the JIT settles over the first analyses.
    const timings: number[] = [];
    for (let i = 0; i < edits + 10; i++) {
      const edit = keystrokeEdit(keystroke(client.text(uri), i));
      const publishedBefore = client.published.length;
      const started = performance.now();
      const version = await client.edit(uri, [edit]);
      if (pull) {
        await client.pull(uri);
      } else {
        await client.waitForPublished(uri, (p) => p.version === version, publishedBefore);
      }
      const elapsed = performance.now() - started;
      if (i >= 10) timings.push(elapsed);
      // A pause longer than the analysis: every edit is a lone change, not part of a burst.
      await sleep(Math.max(20, elapsed));
    }
    await client.shutdown();
    return timings.sort((a, b) => a - b);
  } finally {
    client.kill();
  }
}

/**
 * The engine alone on the same keystrokes, in this process: what the server adds is the
 * difference. With a document parser, as the server analyses an edited document, and
 * without one (a full parse every time, as the CLI does).
 */
function measureEngine(text: string, runs: number, incremental: boolean): number[] {
  const config = defaultConfig();
  const parser = incremental ? new DocumentParser('/bench/src/big.ts') : undefined;
  const timings: number[] = [];
  let current = text;
  lintText(current, '/bench/src/big.ts', { config, parser });
  for (let i = 0; i < runs + 10; i++) {
    current = applyKeystroke(current, keystroke(current, i));
    const started = performance.now();
    lintText(current, '/bench/src/big.ts', { config, parser });
    if (i >= 10) timings.push(performance.now() - started);
  }
  return timings.sort((a, b) => a - b);
}

async function measureMemory(root: string, files: number, launch: Launch): Promise<{ rss: number; peak: number; seconds: number }> {
  const client = await TestClient.start({ root, pull: false, ...launchOptions(launch) });
  try {
    const started = performance.now();
    const uris: string[] = [];
    for (let i = 0; i < files; i++) {
      // 100–400 lines each: a typical spread of module sizes.
      uris.push(await client.open(`src/module${i}.ts`, generateFile(100 + ((i * 37) % 300), i)));
    }
    const pending = new Set(uris);
    await client.waitFor(
      'diagnostics for every file',
      () => {
        for (const p of client.published) pending.delete(p.uri);
        return pending.size === 0;
      },
      600_000,
    );
    const seconds = (performance.now() - started) / 1000;
    await sleep(2000);
    const memory = rssMb(client.child.pid!);
    await client.shutdown();
    return { ...memory, seconds };
  } finally {
    client.kill();
  }
}

async function soak(root: string, text: string, edits: number): Promise<{ samples: number[]; idle: number }> {
  const client = await TestClient.start({ root, pull: true, ...launchOptions('vscode') });
  const samples: number[] = [];
  try {
    const uri = await client.open('src/big.ts', text);
    await client.diagnostics(uri);
    for (let i = 0; i < edits; i++) {
      await client.edit(uri, [keystrokeEdit(keystroke(client.text(uri), i))]);
      // Every fifth keystroke arrives in a burst with the next one, as in real typing.
      if (i % 5 !== 0) await client.pull(uri);
      if (i % Math.max(1, Math.floor(edits / 10)) === 0) samples.push(rssMb(client.child.pid!).rss);
    }
    await client.diagnostics(uri);
    samples.push(rssMb(client.child.pid!).rss);
    // Idle after the session: the server collects, and RSS returns to what it keeps.
    await sleep(4000);
    const idle = rssMb(client.child.pid!).rss;
    await client.shutdown();
    return { samples, idle };
  } finally {
    client.kill();
  }
}

async function main(): Promise<void> {
  const edits = argument('--edits', 100);
  const files = argument('--files', 1000);
  const soakEdits = argument('--soak-edits', 600);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-lsp-bench-')));
  try {
    const text = generateFile(3000, 0);
    const findings = (text.match(/localStorage\.removeItem/g) ?? []).length;
    console.log(
      `durability-lint language server benchmark (node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`,
    );
    console.log(`file: 3,000 lines, ${(text.length / 1024).toFixed(0)} KiB, ${findings} seeded findings\n`);

    const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
    for (const pull of only && only !== 'latency' ? [] : [true, false]) {
      const timings = await measureLatency(pull, root, text, edits);
      const p50 = percentile(timings, 50);
      const p95 = percentile(timings, 95);
      console.log(
        `didChange → diagnostics (${pull ? 'pull, as VS Code' : 'push, as Neovim'}), ${timings.length} lone edits: ` +
          `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${timings[timings.length - 1].toFixed(1)} ms ` +
          `(target p95 ≤ ${LATENCY_TARGET_MS} ms: ${p95 <= LATENCY_TARGET_MS ? 'met' : 'MISSED'})`,
      );
    }

    if (!only || only === 'latency') {
      for (const incremental of [true, false]) {
        const engine = measureEngine(text, edits, incremental);
        console.log(
          `engine alone (lintText in this process, ${incremental ? 'incremental re-parse, as the server' : 'full parse each time'}), ${engine.length} runs: ` +
            `p50 ${percentile(engine, 50).toFixed(1)} ms, p95 ${percentile(engine, 95).toFixed(1)} ms`,
        );
      }
    }
    if (only && only !== 'memory') return;
    for (const launch of ['vscode', 'bin'] as const) {
      const memory = await measureMemory(root, files, launch);
      console.log(
        `${launch === 'vscode' ? '\n' : ''}RSS after opening ${files} files, ${launch === 'vscode' ? 'launched as the VS Code extension does' : 'bare durability-lint-server --stdio'} ` +
          `(all analysed in ${memory.seconds.toFixed(1)} s): ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB ` +
          `(target ≤ ${RSS_TARGET_MB} MB: ${memory.rss <= RSS_TARGET_MB ? 'met' : 'MISSED'})`,
      );
    }

    if (soakEdits > 0) {
      const { samples, idle } = await soak(root, text, soakEdits);
      console.log(
        `\nRSS during a ${soakEdits}-edit session on the 3,000-line file (MB): ${samples.map((s) => s.toFixed(0)).join(' → ')}; ` +
          `4 s after the last edit: ${idle.toFixed(0)}`,
      );
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
