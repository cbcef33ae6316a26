/**
 * The real server over stdio, spoken to in JSON-RPC as an editor would: what
 * Neovim, Helix or VS Code see. The findings come from the real rules, so the
 * inputs are the plainest cases of each (a clear after an unchecked upload).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity, findAction, TestClient } from './lsp-client';

/** A clear that runs whatever the upload's HTTP status: no-destroy-before-backup on line 3. */
const CLEAR_AFTER_UPLOAD = [
  'export async function saveNotes(body: string) {',
  "  const res = await fetch('/api/notes', { method: 'POST', body });",
  '  localStorage.clear();',
  '  return res;',
  '}',
  '',
].join('\n');

/** An upload whose status nobody reads: no-unchecked-upload-response on line 2. */
const UNCHECKED_UPLOAD = ['export async function pushDraft(body: string) {', "  await fetch('/api/drafts', { method: 'PUT', body });", '}', ''].join('\n');

const DESTROY = 'no-destroy-before-backup';
const UNCHECKED = 'no-unchecked-upload-response';

const roots: string[] = [];
const clients: TestClient[] = [];

function makeRoot(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-lsp-')));
  roots.push(root);
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  return root;
}

async function start(options: Partial<Parameters<typeof TestClient.start>[0]> & { files?: Record<string, string> } = {}): Promise<TestClient> {
  const root = options.root ?? makeRoot(options.files);
  const client = await TestClient.start({ ...options, root });
  clients.push(client);
  return client;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code ?? '(none)')).sort();
}

function bigFile(lines: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.join('\n').split('\n').length < lines; i++) {
    parts.push(
      `export class Store${i} {`,
      `  private items = new Map<string, { id: string; done: boolean }>();`,
      `  add(id: string): void { this.items.set(id, { id, done: false }); }`,
      `  open(): number { let n = 0; for (const item of this.items.values()) { if (!item.done) n++; } return n; }`,
      `}`,
      `export async function sync${i}(body: string) {`,
      `  const res = await fetch('/api/${i}', { method: 'POST', body });`,
      `  localStorage.removeItem('k${i}');`,
      `  return res;`,
      `}`,
    );
  }
  return parts.join('\n') + '\n';
}

describe('language server over stdio', function () {
  this.timeout(30_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.kill();
  });

  after(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('initializes with pull diagnostics, incremental sync, quick fixes, fix-all and its commands', async () => {
    const client = await start();
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'durability-lint');
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.durability-lint'] });
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['durabilityLint.applyAllFixes', 'durabilityLint.showDocumentation']);
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'durability-lint', interFileDependencies: true, workspaceDiagnostics: false });
    const registration = await client.waitForServerRequest('client/registerCapability');
    const watchers = registration.params.registrations
      .filter((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r: { registerOptions: { watchers: { globPattern: string }[] } }) => r.registerOptions.watchers.map((w) => w.globPattern));
    assert.deepEqual(watchers, ['**/.durabilityrc.json', '**/package.json', '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    assert.equal(await client.shutdown(), 0);
  });

  it('pulls diagnostics with rule code, docs link, source, severity and the related upload', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const report = await client.pull(uri);
    assert.equal(report.kind, 'full');
    if (report.kind !== 'full') return;
    const finding = report.items.find((d) => d.code === DESTROY);
    assert.ok(finding, `expected ${DESTROY}, got ${codes(report.items)}`);
    assert.equal(finding.source, 'durability-lint');
    assert.equal(finding.severity, DiagnosticSeverity.Error);
    assert.deepEqual(finding.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 22 } });
    assert.match(finding.codeDescription!.href, /rules\/docs\/no-destroy-before-backup\.md$/);
    assert.ok(String(finding.message).length > 20);
    const related = finding.relatedInformation?.[0];
    assert.ok(related, 'the finding points at the upload the clear should wait for');
    assert.equal(related.location.uri, uri);
    assert.equal(related.location.range.start.line, 1);

    // Nothing changed: the client's previous result stays valid.
    const again = await client.pull(uri, report.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
  });

  it('offers the suggestion, disable comments and docs; applying the suggestion removes the finding', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const finding = (await client.diagnostics(uri)).find((d) => d.code === DESTROY)!;
    const actions = (await client.codeActions(uri, finding.range, { diagnostics: [finding] })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Disable ${DESTROY} for this line`), titles.join(' | '));
    assert.ok(titles.includes(`Disable ${DESTROY} for this file`), titles.join(' | '));
    assert.ok(titles.includes(`Show documentation for ${DESTROY}`), titles.join(' | '));
    const suggestion = actions[0];
    assert.equal(suggestion.kind, 'quickfix');
    assert.ok(suggestion.edit, 'the first action is a suggestion with an edit');
    assert.notEqual(suggestion.isPreferred, true, 'a suggestion changes behaviour and is never applied automatically');
    assert.deepEqual(suggestion.diagnostics?.map((d) => d.code), [DESTROY]);

    await client.applyEdit(suggestion.edit);
    assert.notEqual(client.text(uri), CLEAR_AFTER_UPLOAD);
    assert.ok(!codes(await client.diagnostics(uri)).includes(DESTROY), client.text(uri));
  });

  it('"Disable for this line" inserts an indented directive and the finding goes away', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const finding = (await client.diagnostics(uri)).find((d) => d.code === DESTROY)!;
    const actions = await client.codeActions(uri, finding.range);
    await client.applyEdit(findAction(actions, `Disable ${DESTROY} for this line`).edit!);
    assert.equal(client.text(uri).split('\n')[2], `  // durability-lint-disable-next-line ${DESTROY}`);
    assert.deepEqual(codes(await client.diagnostics(uri)).filter((c) => c === DESTROY), []);
  });

  it('"Disable for this file" adds a block directive at the top', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const finding = (await client.diagnostics(uri)).find((d) => d.code === DESTROY)!;
    await client.applyEdit(findAction(await client.codeActions(uri, finding.range), `Disable ${DESTROY} for this file`).edit!);
    assert.equal(client.text(uri).split('\n')[0], `/* durability-lint-disable ${DESTROY} */`);
    assert.ok(!codes(await client.diagnostics(uri)).includes(DESTROY));
  });

  it('"Show documentation" asks the client to open the rule page', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const finding = (await client.diagnostics(uri)).find((d) => d.code === DESTROY)!;
    const docs = findAction(await client.codeActions(uri, finding.range), `Show documentation for ${DESTROY}`);
    const before = client.serverRequests.length;
    await client.executeCommand(docs.command!.command, docs.command!.arguments!);
    const shown = await client.waitForServerRequest('window/showDocument', before);
    assert.equal(shown.params.external, true);
    assert.equal(shown.params.uri, finding.codeDescription!.href);
  });

  it('follows incremental edits: a finding typed in the middle of the file appears at the right place', async () => {
    const client = await start();
    const uri = await client.open('src/drafts.ts', '// drafts\n\nexport const version = 1;\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.edit(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: UNCHECKED_UPLOAD }]);
    const diagnostics = await client.diagnostics(uri);
    const finding = diagnostics.find((d) => d.code === UNCHECKED);
    assert.ok(finding, `got ${codes(diagnostics)}`);
    assert.equal(finding.range.start.line, 2);
  });

  it('reports a syntax error mid-edit as one parse problem, then recovers', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
    // Half-typed: `localStorage.clear(` with the call still open.
    await client.edit(uri, [{ range: { start: { line: 2, character: 21 }, end: { line: 2, character: 23 } }, newText: '' }]);
    const broken = await client.diagnostics(uri);
    assert.equal(broken.length, 1, JSON.stringify(broken));
    assert.equal(broken[0].code, undefined);
    assert.equal(broken[0].severity, DiagnosticSeverity.Error);
    assert.match(String(broken[0].message), /^Parsing error/);
    assert.deepEqual(await client.codeActions(uri, broken[0].range), []);
    await client.edit(uri, [{ range: { start: { line: 2, character: 21 }, end: { line: 2, character: 21 } }, newText: ');' }]);
    assert.equal(client.text(uri), CLEAR_AFTER_UPLOAD);
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
  });

  it('re-checks after a config change, shows a broken config on the file itself, and recovers', async () => {
    const client = await start({ files: { '.durabilityrc.json': '{}\n' } });
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
    const configPath = path.join(client.options.root, '.durabilityrc.json');
    const configUri = pathToFileURL(configPath).href;
    const changeConfig = async (text: string) => {
      fs.writeFileSync(configPath, text);
      const before = client.serverRequests.length;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    };

    await changeConfig(`{\n  // comments are fine\n  "rules": { "${DESTROY}": "off" }\n}\n`);
    assert.ok(!codes(await client.diagnostics(uri)).includes(DESTROY));

    const requestsBefore = client.serverRequests.length;
    const publishedBefore = client.published.length;
    await changeConfig(`{\n  "rules": {\n    "no-such-rule": "error"\n  }\n}\n`);
    assert.deepEqual(await client.diagnostics(uri), []);
    const onConfig = await client.waitForPublished(configUri, (p) => p.diagnostics.length > 0, publishedBefore);
    assert.equal(onConfig.diagnostics.length, 1);
    assert.match(String(onConfig.diagnostics[0].message), /no-such-rule: unknown rule/);
    assert.deepEqual(onConfig.diagnostics[0].range.start, { line: 2, character: 4 });
    const shown = await client.waitForServerRequest('window/showMessageRequest', requestsBefore);
    assert.match(shown.params.message, /invalid configuration/);

    const cleared = client.published.length;
    await changeConfig('{}\n');
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
    await client.waitForPublished(configUri, (p) => p.diagnostics.length === 0, cleared);
  });

  it('refreshes for a package.json that configures it, and ignores one that does not', async () => {
    const client = await start({ files: { 'package.json': '{ "name": "app" }\n', 'tools/package.json': '{ "name": "tools" }\n' } });
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
    const notify = (relative: string) =>
      client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(path.join(client.options.root, relative)).href, type: 2 }],
      });

    fs.writeFileSync(path.join(client.options.root, 'tools', 'package.json'), '{ "name": "tools", "version": "2.0.0" }\n');
    const before = client.serverRequests.length;
    await notify('tools/package.json');
    // Answered in order: once this pull returns, the notification was handled without a refresh.
    await client.diagnostics(uri);
    assert.equal(client.serverRequests.slice(before).filter((r) => r.method === 'workspace/diagnostic/refresh').length, 0);

    fs.writeFileSync(path.join(client.options.root, 'package.json'), `{ "name": "app", "durability-lint": { "rules": { "${DESTROY}": "off" } } }\n`);
    await notify('package.json');
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.ok(!codes(await client.diagnostics(uri)).includes(DESTROY));
  });

  it('looks config up per file: two packages, two configs', async () => {
    const client = await start({
      files: {
        'packages/quiet/.durabilityrc.json': `{ "rules": { "${DESTROY}": "off" } }`,
        'packages/strict/.durabilityrc.json': `{ "rules": { "${DESTROY}": "warn" } }`,
      },
    });
    const quiet = await client.open('packages/quiet/src/a.ts', CLEAR_AFTER_UPLOAD);
    const strict = await client.open('packages/strict/src/a.ts', CLEAR_AFTER_UPLOAD);
    assert.ok(!codes(await client.diagnostics(quiet)).includes(DESTROY));
    const finding = (await client.diagnostics(strict)).find((d) => d.code === DESTROY);
    assert.equal(finding?.severity, DiagnosticSeverity.Warning);
  });

  it('applies durabilityLint settings: severity overrides, enable, and re-pulls after a settings change', async () => {
    const client = await start({ settings: { rules: [{ rule: 'no-destroy-*', severity: 'info' }] } });
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    assert.equal((await client.diagnostics(uri)).find((d) => d.code === DESTROY)?.severity, DiagnosticSeverity.Information);

    client.settings = { enable: false };
    const before = client.serverRequests.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.deepEqual(await client.codeActions(uri, { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } }), []);
  });

  it('with run: onSave, keeps the last result while typing and re-checks on save', async () => {
    const client = await start({ settings: { run: 'onSave' } });
    const uri = await client.open('src/drafts.ts', UNCHECKED_UPLOAD);
    const first = await client.pull(uri);
    assert.equal(first.kind, 'full');
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: CLEAR_AFTER_UPLOAD }]);
    assert.deepEqual(await client.pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    const before = client.serverRequests.length;
    await client.save(uri);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.ok(codes(await client.diagnostics(uri)).includes(DESTROY));
  });

  it('pushes diagnostics (with the document version) to a client without pull support, and clears them on close', async () => {
    const client = await start({ pull: false });
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    const opened = await client.waitForPublished(uri);
    assert.equal(opened.version, 1);
    assert.ok(codes(opened.diagnostics).includes(DESTROY));
    const from = client.published.length;
    await client.replaceAll(uri, 'export const nothing = 0;\n');
    const changed = await client.waitForPublished(uri, () => true, from);
    assert.deepEqual([changed.version, changed.diagnostics], [2, []]);
    const beforeClose = client.published.length;
    await client.replaceAll(uri, CLEAR_AFTER_UPLOAD);
    await client.waitForPublished(uri, (p) => p.diagnostics.length > 0, beforeClose);
    const closing = client.published.length;
    await client.close(uri);
    assert.deepEqual((await client.waitForPublished(uri, () => true, closing)).diagnostics, []);
  });

  it('cancels a pull the client gave up on', async () => {
    const client = await start();
    const uri = await client.open('src/big.ts', bigFile(3000));
    const source = new CancellationTokenSource();
    const pending = client.pull(uri, undefined, source);
    source.cancel();
    await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === -32800);
    // The server is fine and still answers.
    assert.ok((await client.diagnostics(uri)).length > 0);
  });

  it('stops analysing an outdated version when a newer edit arrives, and answers for the newest text', async () => {
    const client = await start({ initializationOptions: { timeBudget: { staleMs: 0 } } });
    const warm = await client.open('src/warm.ts', UNCHECKED_UPLOAD);
    await client.diagnostics(warm);
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const text = bigFile(3000);
    const uri = await client.open('src/big.ts', text);
    const firstPull = client.pull(uri);
    await client.waitForNotification('$/logTrace', (p) => p.message === `analysing ${uri} (version 1)`);
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n\n' }]);
    const report = await firstPull;
    assert.equal(report.kind, 'full');
    if (report.kind !== 'full') return;
    // Every finding moved down by the two inserted lines: the result is for the newest text.
    const lines = report.items.map((d) => d.range.start.line);
    assert.ok(lines.length > 0);
    assert.equal(lines[0], text.split('\n').findIndex((l) => l.includes('localStorage.removeItem')) + 2);
    await client.waitForNotification('window/logMessage', (p) => /outdated version/.test(p.message));
  });

  it('warns about a slow file, and stops one over the budget without losing the server', async () => {
    const slow = await start({ initializationOptions: { timeBudget: { warnMs: 0 } } });
    const uri = await slow.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    await slow.diagnostics(uri);
    const warned = await slow.waitForNotification('durabilityLint/status', (p) => p.uri === uri);
    assert.equal(warned.params.state, 'warn');
    assert.match(warned.params.text, /^slow/);

    const stopped = await start({ initializationOptions: { timeBudget: { stopMs: 1 } } });
    const big = await stopped.open('src/big.ts', bigFile(1500));
    assert.deepEqual(await stopped.diagnostics(big), []);
    const status = await stopped.waitForNotification('durabilityLint/status', (p) => p.uri === big);
    assert.deepEqual([status.params.state, status.params.text], ['error', 'too slow']);
    assert.match(status.params.detail, /on save only/);
    assert.equal(await stopped.shutdown(), 0);
  });

  it('skips a file over the size limit with a notice', async () => {
    const client = await start({ initializationOptions: { maxFileSizeBytes: 100 } });
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    assert.deepEqual(await client.diagnostics(uri), []);
    const status = await client.waitForNotification('durabilityLint/status', (p) => p.uri === uri);
    assert.deepEqual([status.params.state, status.params.text], ['warn', 'file too large']);
  });

  it('survives binary junk, an empty file, a BOM and CRLF line ends', async () => {
    const client = await start();
    const junk = await client.open('src/junk.js', '\u0000\u0001\uFFFD\uD800 }{ ]]]\u0007', 'javascript');
    const junkDiagnostics = await client.diagnostics(junk);
    assert.ok(junkDiagnostics.every((d) => d.code === undefined));
    assert.deepEqual(await client.diagnostics(await client.open('src/empty.ts', '')), []);
    const bom = await client.open('src/bom.ts', '\uFEFF' + CLEAR_AFTER_UPLOAD);
    const bomFinding = (await client.diagnostics(bom)).find((d) => d.code === DESTROY);
    assert.deepEqual(bomFinding?.range.start, { line: 2, character: 2 });
    const crlf = await client.open('src/crlf.ts', CLEAR_AFTER_UPLOAD.replace(/\n/g, '\r\n'));
    const crlfFinding = (await client.diagnostics(crlf)).find((d) => d.code === DESTROY)!;
    assert.deepEqual(crlfFinding.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 22 } });
    await client.applyEdit(findAction(await client.codeActions(crlf, crlfFinding.range), `Disable ${DESTROY} for this line`).edit!);
    assert.ok(client.text(crlf).includes(`\r\n  // durability-lint-disable-next-line ${DESTROY}\r\n`));
  });

  it('answers fix-all requests with nothing when nothing is auto-fixable, and refuses unknown commands', async () => {
    const client = await start();
    const uri = await client.open('src/notes.ts', CLEAR_AFTER_UPLOAD);
    await client.diagnostics(uri);
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { only: ['source.fixAll.durability-lint'] });
    assert.ok(Array.isArray(fixAll));
    for (const action of fixAll as CodeAction[]) assert.equal(action.kind, 'source.fixAll.durability-lint');
    assert.equal(await client.executeCommand('durabilityLint.applyAllFixes', [{ uri, version: 1 }]), null);
    await assert.rejects(client.executeCommand('durabilityLint.noSuchCommand', []), /Unknown command/);
  });

  it('exits with 0 after shutdown/exit and with 1 on exit without shutdown', async () => {
    const polite = await start();
    assert.equal(await polite.shutdown(), 0);
    const abrupt = await start();
    await abrupt.connection.sendNotification('exit');
    assert.equal(await abrupt.waitFor('exit', () => abrupt.exitCode !== null && { code: abrupt.exitCode }).then((r) => r.code), 1);
  });
});
