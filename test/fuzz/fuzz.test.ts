/**
 * No input breaks the engine or the language server (DESIGN.md §9). Property tests
 * over mutated real files and hostile inputs (see sources.ts). `npm test` runs a
 * few hundred cases; `npm run fuzz` runs the same properties with FUZZ_RUNS cases
 * (100,000 there). A failure prints fast-check's shrunk counterexample and its seed;
 * replay it with FUZZ_SEED and FUZZ_PATH. With FUZZ_LOG=file a long run goes on past
 * failures, appending each to the file, and fails at the end: one bug must not hide
 * the next for hours.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { parseSource, isParseFailure } from '../../server/src/engine/parse';
import { applyFixesToText } from '../../server/src/engine/fix';
import type { FileResult, LintMessage } from '../../server/src/engine/types';
import { TestClient } from '../lsp/lsp-client';
import { fuzzCase, loadSeeds, repoRoot, type FuzzCase } from './sources';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
/** Each server case sends three documents: FUZZ_RUNS documents in all, and at least a few hundred. */
const serverRuns = Number(process.env.FUZZ_SERVER_RUNS ?? Math.max(100, Math.ceil(runs / 3)));
const failureLog = process.env.FUZZ_LOG;
/**
 * Per file. Timed as the lesser of wall and CPU time: on a loaded machine wall time
 * counts waiting for a core, and CPU time counts the GC's helper threads; a hang
 * shows in both.
 */
const budgetMs = Number(process.env.FUZZ_BUDGET_MS ?? 2000);
/**
 * Longer than the server's own budget (it stops an analysis after 10 s and answers with
 * a notice), plus starting a fresh worker: past this the server has stopped answering.
 */
const serverBudgetMs = Number(process.env.FUZZ_SERVER_BUDGET_MS ?? 30_000);

const seeds = loadSeeds();
const config = defaultConfig();

function parameters<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns,
    // `npm test` checks the same cases every time, so a red run always means a change broke
    // something; `npm run fuzz` draws new ones.
    seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? undefined : 8_2026,
    path: process.env.FUZZ_PATH,
    endOnFailure: process.env.FUZZ_SHRINK === '0',
  };
}

function timed<T>(what: string, run: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  const ms = Math.min(performance.now() - wall, (used.user + used.system) / 1000);
  assert.ok(ms <= budgetMs, `${what} took ${ms.toFixed(0)} ms, over the ${budgetMs} ms budget`);
  return result;
}

/** Line breaks as TypeScript and ESLint count them; the most any position can be on. */
function lineCount(text: string): number {
  return text.split(/\r\n|[\r\n\u2028\u2029]/).length;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function assertWithin(message: LintMessage, source: string): void {
  const lines = lineCount(source);
  const where = `${message.ruleId}@${message.line}:${message.column}`;
  assert.ok(message.line >= 1 && message.line <= lines, `${where}: line outside the ${lines}-line file`);
  assert.ok(message.column >= 1, `${where}: column < 1`);
  if (message.endLine !== undefined) assert.ok(message.endLine >= message.line && message.endLine <= lines, `${where}: endLine ${message.endLine}`);
  const ranges = [message.range, message.fix?.range, ...(message.suggestions ?? []).map((s) => s.fix.range)];
  for (const range of ranges) {
    if (!range) continue;
    assert.ok(range[0] >= 0 && range[0] <= range[1] && range[1] <= source.length, `${where}: range [${range}] outside 0..${source.length}`);
  }
}

/** Everything the engine promises about one input. */
function checkEngine(c: FuzzCase): void {
  const first = timed('lintText', () => lintText(c.text, c.filePath, { config }));
  const second = timed('lintText (again)', () => lintText(c.text, c.filePath, { config }));
  assert.deepEqual(second, first, 'two runs over the same text differ');

  const source = withoutBom(c.text);
  if (first.skipped) {
    assert.equal(first.messages.length, 1, 'a skipped file has exactly one message, the notice');
    assert.equal(first.messages[0].ruleId, null);
    assert.notEqual(first.messages[0].fatal, true, 'a skip notice is not a parse error');
    return;
  }
  const parsed = timed('parseSource', () => parseSource(source, c.filePath));
  if (isParseFailure(parsed)) {
    assert.equal(first.messages.length, 1, `a file that does not parse gets exactly one message, got ${first.messages.length}`);
    const [fatal] = first.messages;
    assert.equal(fatal.ruleId, null);
    assert.equal(fatal.fatal, true);
    assert.equal(fatal.severity, 2);
    assert.equal(first.fatalErrorCount, 1);
    assert.ok(fatal.line >= 1 && fatal.line <= lineCount(source), `parse error at line ${fatal.line}`);
    return;
  }
  for (const message of first.messages) {
    assert.notEqual(message.fatal, true, `a file that parses got a fatal message: ${message.message}`);
    assert.equal(typeof message.ruleId, 'string', `a message without a rule on a file that parses: ${message.message}`);
    assertWithin(message, source);
  }

  for (const message of first.messages) {
    for (const suggestion of message.suggestions ?? []) {
      const suggested = parseSource(applyFixesToText(source, [suggestion.fix]), c.filePath);
      assert.ok(!isParseFailure(suggested), `suggestion "${suggestion.desc}" of ${message.ruleId} gives code that does not parse`);
    }
  }
  const fixed: FileResult = timed('lintText --fix', () => lintText(c.text, c.filePath, { config, fix: true }));
  assert.equal(fixed.droppedFixes, undefined, `fixes that break parsing: ${(fixed.droppedFixes ?? []).map((m) => m.ruleId).join(', ')}`);
  if (fixed.output !== undefined) {
    const reparsed = parseSource(withoutBom(fixed.output), c.filePath);
    assert.ok(!isParseFailure(reparsed), `the fixed text does not parse: ${isParseFailure(reparsed) ? reparsed.message : ''}`);
  }
}

function languageId(filePath: string): string {
  if (/\.tsx$/.test(filePath)) return 'typescriptreact';
  if (/\.jsx$/.test(filePath)) return 'javascriptreact';
  return /\.[cm]?ts$/.test(filePath) ? 'typescript' : 'javascript';
}

const failures: string[] = [];
const checked = { engine: 0, server: 0 };

/** A long run says how far it got, so a stopped run still tells how many cases passed. */
function progress(side: 'engine' | 'server'): void {
  if (failureLog && ++checked[side] % 5000 === 0) process.stderr.write(`${new Date().toISOString()} ${side}: ${checked[side]} cases, ${failures.length} failures\n`);
}

/** Throws, or under FUZZ_LOG records the failure and lets the run go on. */
function fail(report: string): void {
  if (!failureLog) throw new Error(report);
  failures.push(report);
  fs.appendFileSync(failureLog, `${'='.repeat(80)}\n${new Date().toISOString()}\n${report}\n`);
}

function describeCase(c: FuzzCase): string {
  const preview = c.text.length > 300 ? `${JSON.stringify(c.text.slice(0, 300))}… (${c.text.length} chars)` : JSON.stringify(c.text);
  return `${c.filePath} — ${c.kind.slice(0, 500)}\n${preview}`;
}

describe('fuzz', function () {
  this.timeout(0);

  it(`the engine survives ${runs} generated files: no throw, within budget, stable, one fatal message on a parse error`, () => {
    fc.assert(
      fc.property(fuzzCase(seeds), (c) => {
        try {
          checkEngine(c);
        } catch (error) {
          fail(`engine: ${describeCase(c)}\n${(error as Error).stack}`);
        }
        progress('engine');
      }),
      parameters(runs),
    );
    assert.deepEqual(failures.filter((f) => f.startsWith('engine')), [], `${failures.length} failing cases, logged in ${failureLog}`);
  });

  describe('language server', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-fuzz-')));
      client = await TestClient.start({ root, pull: true });
    });

    after(async () => {
      if (client) {
        if (client.exitCode === null) await client.shutdown().catch(() => client.kill());
        else client.kill();
      }
      fs.rmSync(root, { recursive: true, force: true });
    });

    async function pullWithinBudget(uri: string, what: string): Promise<Diagnostic[]> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no diagnostics for ${what} within ${serverBudgetMs} ms; server stderr:\n${client.stderr.slice(-2000)}`)), serverBudgetMs);
      });
      try {
        const report = await Promise.race([client.pull(uri), timeout]);
        assert.equal(report.kind, 'full');
        const items = (report as { items: Diagnostic[] }).items;
        const lines = lineCount(client.text(uri));
        for (const d of items) assert.ok(d.range.start.line >= 0 && d.range.end.line < Math.max(lines, 1) + 1, `${what}: diagnostic on line ${d.range.start.line} of ${lines}`);
        return items;
      } finally {
        clearTimeout(timer);
      }
    }

    let opened = 0;

    it(`answers every pull for ${serverRuns * 3} generated documents (didOpen, full and incremental didChange)`, async () => {
      await fc.assert(
        fc.asyncProperty(fuzzCase(seeds, { maxDepth: 3000 }), fuzzCase(seeds, { maxDepth: 3000 }), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }), async (a, b, at, typed) => {
          const uri = await client.open(`${path.dirname(a.filePath)}/fuzz-${opened++}-${path.basename(a.filePath)}`, a.text, languageId(a.filePath));
          try {
            await pullWithinBudget(uri, `didOpen ${describeCase(a)}`);
            await client.replaceAll(uri, b.text);
            await pullWithinBudget(uri, `didChange to ${describeCase(b)}`);
            // A keystroke at any offset, including inside a \r\n pair or a surrogate pair.
            const document = TextDocument.create(uri, 'typescript', 0, client.text(uri));
            const position = document.positionAt(at % (b.text.length + 1));
            await client.edit(uri, [{ range: { start: position, end: position }, newText: typed }]);
            await pullWithinBudget(uri, `keystroke ${JSON.stringify(typed)} at ${position.line}:${position.character} of ${describeCase(b)}`);
            await client.close(uri);
          } catch (error) {
            const exited = client.exitCode === null ? '' : ` (the server exited with ${client.exitCode})`;
            fail(`server${exited}: ${(error as Error).stack}`);
            // A long run starts a fresh server so that one hang does not fail every later case.
            client.kill();
            client = await TestClient.start({ root, pull: true });
          }
          progress('server');
        }),
        parameters(serverRuns),
      );
      assert.deepEqual(failures.filter((f) => f.startsWith('server')), [], `${failures.length} failing cases, logged in ${failureLog}`);
    });

    it('still reports a normal document exactly as the engine does afterwards', async () => {
      assert.equal(client.exitCode, null, `the server exited; stderr:\n${client.stderr.slice(-2000)}`);
      const file = 'examples/bad/browser-offline-notes.ts';
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      const expected = lintText(text, path.join(root, 'src/notes.ts'), { config })
        .messages.map((m) => `${m.ruleId}@${m.line}`)
        .sort();
      assert.ok(expected.length > 0, 'the example has findings');
      const uri = await client.open('src/notes.ts', text);
      const got = (await pullWithinBudget(uri, 'the normal document')).map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
      assert.deepEqual(got, expected);
    });
  });
});
