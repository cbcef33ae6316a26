/**
 * The packaged extension in a real VS Code (code-server) driven in a real browser
 * (Debian's Chromium through playwright-core): what a user sees, not what the
 * protocol says. `npm run test:e2e`.
 *
 * Expectations come from the CLI on the same files, so the editor must show what
 * `durability-lint` prints. Each step saves a screenshot; a failure names its own.
 *
 * Environment: DURABILITY_E2E_CACHE (default .cache/e2e) holds the code-server install
 * and the runs; CHROMIUM (default /usr/bin/chromium); DURABILITY_E2E_KEEP=1 keeps the
 * run's profiles and workspace after a pass.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureCodeServer, installExtension, serverEnv, startServer, strayProcesses, CODE_SERVER_VERSION, type Profile, type RunningServer } from './code-server';
import { poll, Workbench, type ProblemRow } from './workbench';

const root = path.resolve(__dirname, '..', '..', '..');
const cacheDir = path.resolve(root, process.env.DURABILITY_E2E_CACHE ?? path.join('.cache', 'e2e'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const runId = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = path.join(cacheDir, 'runs', runId);
const shotsDir = path.join(runDir, 'screenshots');
// Outside the clone: a workspace under the project's git-ignored cache would be ignored
// by the linter itself, and a user's project never sits in another one's .gitignore.
const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-lint-e2e-')), 'workspace');
const KEEP_RUNS = 5;

const DESTROY_RULE = 'no-destroy-before-backup';
const UPLOAD_RULE = 'no-unchecked-upload-response';
const FILE_FIX = 'examples/bad/react-native-settings.tsx';
const FILE_DISABLE = 'examples/bad/browser-offline-notes.ts';
const FILE_BROKEN = 'scratch/half-typed.ts';
const FILE_AFTER_BROKEN = 'examples/bad/mmkv-drafts.ts';
const CONFIG_FILE = '.durabilityrc.json';

interface CliMessage {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

const started = Date.now();
const timings: { name: string; seconds: number; ok: boolean }[] = [];
let page: Page | null = null;
let shotCounter = 0;

function log(line: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[e2e ${elapsed}s] ${line}`);
}

async function screenshot(name: string): Promise<string | null> {
  if (!page) return null;
  shotCounter += 1;
  const file = path.join(shotsDir, `${String(shotCounter).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch {
    return null;
  }
}

async function step(name: string, body: () => Promise<string | void>): Promise<void> {
  const t0 = Date.now();
  log(`▶ ${name}`);
  try {
    const shotName = await body();
    const seconds = (Date.now() - t0) / 1000;
    timings.push({ name, seconds, ok: true });
    const shot = shotName ? await screenshot(shotName) : null;
    log(`✓ ${name} (${seconds.toFixed(1)} s)${shot ? `  screenshot: ${shot}` : ''}`);
  } catch (error) {
    const seconds = (Date.now() - t0) / 1000;
    timings.push({ name, seconds, ok: false });
    const shot = await screenshot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    log(`✗ ${name} (${seconds.toFixed(1)} s)`);
    if (shot) log(`  screenshot of the failure: ${shot}`);
    if (page) {
      const rows = await page
        .$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => `${e.getAttribute('aria-level')}: ${e.innerText.replace(/\s+/g, ' ').trim()}`))
        .catch(() => []);
      if (rows.length > 0) log(`  Problems panel:${describeRows(rows)}`);
    }
    throw error;
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function lintWithCli(files: string[]): Map<string, CliMessage[]> {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'durability-lint.js'), '--format', 'json', ...files], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`durability-lint exited ${result.status}: ${result.stderr}`);
  const byFile = new Map<string, CliMessage[]>();
  for (const entry of JSON.parse(result.stdout) as { filePath: string; messages: CliMessage[] }[]) {
    byFile.set(path.relative(workspace, entry.filePath).split(path.sep).join('/'), entry.messages);
  }
  return byFile;
}

function readWorkspaceFile(relative: string): string {
  return fs.readFileSync(path.join(workspace, relative), 'utf8');
}

/** Problem rows grouped under the file row they belong to (the panel is a flat, indented list). */
function problemsByFile(rows: ProblemRow[]): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const row of rows) {
    if (row.level === 1) {
      current = [];
      byFile.set(row.name, current);
    } else if (row.level === 2 && current) {
      current.push(row.text);
    }
  }
  return byFile;
}

function ours(rows: string[] | undefined): string[] {
  return (rows ?? []).filter((text) => text.includes('durability-lint'));
}

function describeRows(rows: string[]): string {
  return rows.length === 0 ? '(none)' : rows.map((r) => `\n    ${r}`).join('');
}

function locationOf(message: { line: number; column: number }): string {
  return `[Ln ${message.line}, Col ${message.column}]`;
}

function prepareWorkspace(): void {
  fs.mkdirSync(workspace, { recursive: true });
  fs.cpSync(path.join(root, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  // "root" stops the config lookup here, whatever folder the clone sits in.
  fs.writeFileSync(path.join(workspace, CONFIG_FILE), JSON.stringify({ root: true, rules: {} }, null, 2) + '\n');
  // A file caught half-typed: the function is still open.
  const source = fs.readFileSync(path.join(root, 'examples', 'bad', 'pouchdb-sync.ts'), 'utf8').split('\n');
  const cut = source.findIndex((line) => /^export async function /.test(line));
  check(cut > 0, 'examples/bad/pouchdb-sync.ts changed: no exported async function to cut in half');
  fs.mkdirSync(path.join(workspace, 'scratch'), { recursive: true });
  fs.writeFileSync(path.join(workspace, FILE_BROKEN), source.slice(0, cut + 2).join('\n') + '\n');
}

function writeProfile(profile: Profile): void {
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  fs.writeFileSync(profile.configFile, '');
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    // The test reads the file from disk after an explicit save.
    'files.autoSave': 'off',
    // The test types whole files; typing aids would add brackets and indentation of their own.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.autoIndent': 'none',
    'editor.formatOnType': false,
  };
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

function pruneOldRuns(): void {
  const runsDir = path.join(cacheDir, 'runs');
  const runs = fs.readdirSync(runsDir).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) fs.rmSync(path.join(runsDir, old), { recursive: true, force: true });
}

async function main(): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  log(`run folder: ${runDir}`);
  log(`screenshots: ${shotsDir}`);
  log(`workspace: ${workspace}`);

  const profile: Profile = {
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    configFile: path.join(runDir, 'code-server.yaml'),
    xdgDir: path.join(runDir, 'xdg'),
  };
  let server: RunningServer | null = null;
  let context: BrowserContext | null = null;
  let vsix = '';
  let install: ReturnType<typeof ensureCodeServer> | null = null;
  let env: NodeJS.ProcessEnv = {};
  let passed = false;

  try {
    await step('package the .vsix', async () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
      vsix = path.join(runDir, `${manifest.name}-${manifest.version}.vsix`);
      const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'package-vsix.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
      log(`  ${result.stdout.trim().split('\n').pop()}`);
    });

    await step(`install code-server ${CODE_SERVER_VERSION} (cached)`, async () => {
      install = ensureCodeServer(path.join(cacheDir, 'code-server'), (line) => log(`  ${line}`));
    });
    check(install, 'no code-server');

    await step('install the extension into a fresh profile', async () => {
      prepareWorkspace();
      writeProfile(profile);
      env = serverEnv(install!, profile, runId);
      const output = installExtension(install!, profile, env, vsix);
      log(`  ${output.split('\n').pop()}`);
    });

    await step('start code-server and open the workspace in Chromium', async () => {
      server = await startServer(install!, profile, env, path.join(runDir, 'code-server.log'));
      log(`  code-server on ${server.url} (process group ${server.pid})`);
      context = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
        executablePath: chromiumPath,
        headless: true,
        viewport: { width: 1600, height: 1100 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
      await new Workbench(page).waitUntilReady();
      return 'workbench';
    });

    const wb = new Workbench(page!);
    const expected = lintWithCli([FILE_FIX, FILE_DISABLE, FILE_AFTER_BROKEN, FILE_BROKEN]);
    const fixFindings = expected.get(FILE_FIX) ?? [];
    const destroy = fixFindings.find((m) => m.ruleId === DESTROY_RULE);
    check(destroy, `the CLI finds no ${DESTROY_RULE} in ${FILE_FIX}; pick another example`);
    // The destroy is unsafe because the upload before it is unchecked; the upload's suggestion fixes both.
    const upload = fixFindings.find((m) => m.ruleId === UPLOAD_RULE && m.line < destroy.line && m.suggestions?.length);
    check(upload, `the CLI offers no ${UPLOAD_RULE} suggestion before line ${destroy.line} of ${FILE_FIX}`);

    await step(`1. ${DESTROY_RULE}: squiggle and Problems entry`, async () => {
      await wb.openFile(FILE_FIX);
      // Without a tsconfig or node_modules, TypeScript adds a dozen rows of its own per file.
      await wb.filterProblems('durability-lint');
      const name = path.basename(FILE_FIX);
      const rows = await poll(`a ${DESTROY_RULE} problem in the Problems panel`, 60_000, async () => {
        const mine = ours(problemsByFile(await wb.problemRows()).get(name));
        return mine.some((r) => r.includes(DESTROY_RULE) && r.includes(locationOf(destroy))) ? mine : null;
      });
      const row = rows.find((r) => r.includes(DESTROY_RULE))!;
      check(row.includes(destroy.message), `the Problems entry does not show the CLI's message:\n  ${row}\n  expected: ${destroy.message}`);
      check(rows.length === fixFindings.length, `the editor shows ${rows.length} problems for ${name}, the CLI ${fixFindings.length}:${describeRows(rows)}`);
      await wb.goTo(destroy.line, destroy.column);
      const squiggles = await poll(`the squiggle on line ${destroy.line}`, 10_000, async () => {
        const found = await wb.squigglesOnLine(destroy.line);
        return found.some((c) => c.includes('squiggly-error')) ? found : null;
      });
      // The panel re-filters when TypeScript's problems arrive; the screenshot should show the row.
      await poll(`the ${DESTROY_RULE} row still listed`, 10_000, async () =>
        ours(problemsByFile(await wb.problemRows()).get(name)).some((r) => r.includes(DESTROY_RULE)),
      );
      log(`  Problems: ${row}`);
      log(`  line ${destroy.line} decorations: ${squiggles.join(', ')}`);
      return 'squiggle-and-problem';
    });

    await step('2. hover: the message and the docs link', async () => {
      await wb.goTo(destroy.line, destroy.column);
      const hover = await wb.hoverAtCursor();
      const marker = hover.locator('.marker', { hasText: destroy.message }).first();
      await marker.waitFor({ state: 'visible', timeout: 10_000 });
      const link = marker.locator('a', { hasText: DESTROY_RULE }).first();
      await link.waitFor({ state: 'visible', timeout: 5_000 });
      const target = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? (await link.getAttribute('title')) ?? '';
      const docs = `rules/docs/${DESTROY_RULE}.md`;
      check(target.includes(docs), `the rule id in the hover does not link to ${docs}: "${target}"`);
      log(`  hover: ${(await marker.innerText()).replace(/\s+/g, ' ').trim()}`);
      log(`  link: ${target}`);
      return 'hover';
    });

    await step(`3. light bulb: "${upload.suggestions![0].desc}", save, problem gone`, async () => {
      await wb.page.keyboard.press('Escape');
      const suggestion = upload.suggestions![0];
      const before = readWorkspaceFile(FILE_FIX);
      const after = before.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + before.slice(suggestion.fix.range[1]);
      await wb.goTo(upload.line, upload.column);
      const entries = await wb.openLightBulbMenu();
      log(`  light-bulb menu: ${entries.join(' | ')}`);
      check(entries.includes(suggestion.desc), `the light-bulb menu has no "${suggestion.desc}"`);
      await screenshot('light-bulb-menu');
      await wb.chooseAction(suggestion.desc);
      await wb.save(path.basename(FILE_FIX));
      await poll(`${FILE_FIX} saved with the suggestion applied`, 10_000, async () => readWorkspaceFile(FILE_FIX) === after);
      const name = path.basename(FILE_FIX);
      const rows = await poll(`the ${DESTROY_RULE} and ${UPLOAD_RULE} problems to go`, 30_000, async () => {
        const mine = ours(problemsByFile(await wb.problemRows()).get(name));
        return mine.some((r) => r.includes(DESTROY_RULE) || r.includes(UPLOAD_RULE)) ? null : mine;
      });
      const left = lintWithCli([FILE_FIX]).get(FILE_FIX) ?? [];
      check(rows.length === left.length, `after the fix the editor shows ${rows.length} problems for ${name}, the CLI ${left.length}:${describeRows(rows)}`);
      log(`  left in ${name}:${describeRows(rows)}`);
      return 'suggestion-applied';
    });

    const disableFindings = expected.get(FILE_DISABLE) ?? [];
    const toDisable = disableFindings.find((m) => m.ruleId === DESTROY_RULE);
    check(toDisable, `the CLI finds no ${DESTROY_RULE} in ${FILE_DISABLE}`);
    const disableTitle = `Disable ${DESTROY_RULE} for this line`;

    await step(`4. "${disableTitle}" on another finding`, async () => {
      const name = path.basename(FILE_DISABLE);
      await wb.openFile(FILE_DISABLE);
      await poll(`the ${DESTROY_RULE} problem of ${name}`, 60_000, async () =>
        ours(problemsByFile(await wb.problemRows()).get(name)).some((r) => r.includes(DESTROY_RULE) && r.includes(locationOf(toDisable))),
      );
      const before = readWorkspaceFile(FILE_DISABLE).split('\n');
      const indent = /^\s*/.exec(before[toDisable.line - 1])![0];
      const comment = `${indent}// durability-lint-disable-next-line ${DESTROY_RULE}`;
      const after = [...before.slice(0, toDisable.line - 1), comment, ...before.slice(toDisable.line - 1)].join('\n');
      await wb.goTo(toDisable.line, toDisable.column);
      const entries = await wb.openLightBulbMenu();
      log(`  light-bulb menu: ${entries.join(' | ')}`);
      await wb.chooseAction(disableTitle);
      await wb.save(name);
      await poll(`the comment saved above line ${toDisable.line}`, 10_000, async () => readWorkspaceFile(FILE_DISABLE) === after);
      // Until the re-check lands the panel keeps the old rows, at their old lines.
      let rows: string[] = [];
      await poll(`${disableFindings.length - 1} problems for ${name} once the disabled one is gone`, 30_000, async () => {
        rows = ours(problemsByFile(await wb.problemRows()).get(name));
        return rows.length === disableFindings.length - 1 && !rows.some((r) => r.includes(toDisable.message));
      }).catch((error: Error) => {
        throw new Error(`${error.message}; the editor shows:${describeRows(rows)}`);
      });
      log(`  inserted at line ${toDisable.line}: ${comment.trim()}`);
      return 'disable-for-line';
    });

    await step(`5. ${CONFIG_FILE}: "${UPLOAD_RULE}": "off" clears its problems in open files`, async () => {
      const name = path.basename(FILE_DISABLE);
      const before = ours(problemsByFile(await wb.problemRows()).get(name));
      check(before.some((r) => r.includes(UPLOAD_RULE)), `${name} shows no ${UPLOAD_RULE} problem to turn off:${describeRows(before)}`);
      await wb.openFile(CONFIG_FILE);
      const config = JSON.stringify({ root: true, rules: { [UPLOAD_RULE]: 'off' } }, null, 2) + '\n';
      await wb.replaceAll(config);
      await wb.save(CONFIG_FILE);
      await poll(`${CONFIG_FILE} saved`, 10_000, async () => readWorkspaceFile(CONFIG_FILE) === config);
      await screenshot('config-edited');
      // The still-open editor, brought back by its tab: a refresh must reach it without reopening.
      await wb.selectTab(name);
      const rows = await poll(`the ${UPLOAD_RULE} problems of ${name} to go`, 30_000, async () => {
        const mine = ours(problemsByFile(await wb.problemRows()).get(name));
        return mine.some((r) => r.includes(UPLOAD_RULE)) ? null : mine;
      });
      const kept = before.filter((r) => !r.includes(UPLOAD_RULE));
      check(rows.length === kept.length && rows.every((r) => r.includes(DESTROY_RULE)), `other rules' problems changed too:\n  before:${describeRows(before)}\n  after:${describeRows(rows)}`);
      log(`  left in ${name}:${describeRows(rows)}`);
      return 'rule-off-in-config';
    });

    await step('6. a syntax error: one parse problem, and the server answers on the next file', async () => {
      const brokenName = path.basename(FILE_BROKEN);
      const cliBroken = expected.get(FILE_BROKEN) ?? [];
      check(cliBroken.length === 1 && cliBroken[0].ruleId === null, `the CLI does not report one parse error for ${FILE_BROKEN}: ${JSON.stringify(cliBroken)}`);
      await wb.openFile(FILE_BROKEN);
      const rows = await poll(`the parse problem of ${brokenName}`, 60_000, async () => {
        const mine = ours(problemsByFile(await wb.problemRows()).get(brokenName));
        return mine.length > 0 ? mine : null;
      });
      // Give a second diagnostic a moment to show up, if the server were to send one.
      await wb.page.waitForTimeout(1_500);
      const settled = ours(problemsByFile(await wb.problemRows()).get(brokenName));
      check(settled.length === 1, `expected one durability-lint problem for ${brokenName}:${describeRows(settled)}`);
      check(settled[0].includes(locationOf(cliBroken[0])), `the parse problem is not where the CLI puts it ${locationOf(cliBroken[0])}:${describeRows(settled)}`);
      log(`  ${brokenName}:${describeRows(rows)}`);
      await screenshot('parse-problem');

      const nextName = path.basename(FILE_AFTER_BROKEN);
      const next = (expected.get(FILE_AFTER_BROKEN) ?? []).find((m) => m.ruleId === DESTROY_RULE);
      check(next, `the CLI finds no ${DESTROY_RULE} in ${FILE_AFTER_BROKEN}`);
      await wb.openFile(FILE_AFTER_BROKEN);
      const nextRows = await poll(`a ${DESTROY_RULE} problem for ${nextName}`, 60_000, async () => {
        const mine = ours(problemsByFile(await wb.problemRows()).get(nextName));
        return mine.some((r) => r.includes(DESTROY_RULE) && r.includes(locationOf(next))) ? mine : null;
      });
      const toasts = await wb.notifications();
      check(!toasts.some((t) => /durability-lint/i.test(t)), `a durability-lint notification is showing:${describeRows(toasts)}`);
      log(`  ${nextName}:${describeRows(nextRows)}`);
      return 'server-answers-after-parse-error';
    });
    if (wb.filterResets > 0) log(`the Problems panel dropped its filter text ${wb.filterResets} time(s); it was typed again`);
    passed = true;
  } finally {
    const closing = Date.now();
    await (context as BrowserContext | null)?.close().catch(() => undefined);
    await (server as RunningServer | null)?.stop();
    const stray = strayProcesses(runId);
    for (const pid of stray) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    if (stray.length > 0) log(`stopped ${stray.length} process(es) that had left code-server's process group: ${stray.join(', ')}`);
    log(`stopped code-server and Chromium (${((Date.now() - closing) / 1000).toFixed(1)} s)`);

    console.log('\nstep times:');
    for (const t of timings) console.log(`  ${t.ok ? 'ok  ' : 'FAIL'} ${t.seconds.toFixed(1).padStart(6)} s  ${t.name}`);
    console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`screenshots: ${shotsDir}`);
    if (passed && process.env.DURABILITY_E2E_KEEP !== '1') {
      // Screenshots and logs stay; the profiles and the workspace copy are large and used up.
      for (const dir of ['user-data', 'extensions', 'xdg', 'chromium-profile']) fs.rmSync(path.join(runDir, dir), { recursive: true, force: true });
      fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    } else {
      console.log(`workspace: ${workspace}`);
    }
    pruneOldRuns();
  }
  const failed = timings.filter((t) => !t.ok).length;
  console.log(`\n${timings.length - failed} passed, ${failed} failed`);
}

main().catch((error: unknown) => {
  const failed = timings.filter((t) => !t.ok).length;
  console.error(`\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.log(`\n${timings.length - failed} passed, ${Math.max(failed, 1)} failed`);
  process.exitCode = 1;
});
