/**
 * Cross-file analysis in the language server, over stdio: a call is judged by the
 * imported function's body, and an open document's diagnostics follow changes to the
 * files it imports — edited in the editor, changed on disk, closed unsaved — without
 * the document itself being touched. And the background index: its progress, and that
 * it never holds up an opened document.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, type ClientOptions } from './lsp-client';

/** `syncAll` catches its upload's failure and resolves anyway. */
const SWALLOWING = [
  'export async function syncAll(items: unknown[]) {',
  '  try {',
  "    const res = await fetch('/api/sync', { method: 'POST', body: JSON.stringify(items) });",
  "    if (!res.ok) throw new Error('sync failed: ' + res.status);",
  '  } catch (error) {',
  "    console.warn('sync failed', error);",
  '  }',
  '}',
  '',
].join('\n');

/** The same wrapper, rethrowing: awaiting it confirms the upload. */
const RETHROWING = SWALLOWING.replace("    console.warn('sync failed', error);\n", "    console.warn('sync failed', error);\n    throw error;\n");

/** Clears local data after the wrapper: reported while the wrapper swallows. */
const SETTINGS = [
  "import { syncAll } from './sync-service';",
  '',
  'export async function signOut(items: unknown[]) {',
  '  await syncAll(items);',
  '  localStorage.clear();',
  '}',
  '',
].join('\n');

const DESTROY = 'no-destroy-before-backup';

const roots: string[] = [];
const clients: TestClient[] = [];

function makeRoot(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-xfile-')));
  roots.push(root);
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  return root;
}

async function start(files: Record<string, string>, options: Partial<ClientOptions> = {}): Promise<TestClient> {
  const client = await TestClient.start({ ...options, root: makeRoot(files) });
  clients.push(client);
  return client;
}

function destroyFinding(diagnostics: Diagnostic[]): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === DESTROY);
}

async function pullFull(client: TestClient, uri: string, previousResultId?: string): Promise<{ items: Diagnostic[]; resultId?: string }> {
  const report = await client.pull(uri, previousResultId);
  assert.equal(report.kind, 'full', 'a re-check with a different outcome is a full report');
  if (report.kind !== 'full') throw new Error('unreachable');
  return report;
}

/** Writes a file as another program would and tells the server, as the client's file watcher does. */
async function changeOnDisk(client: TestClient, relative: string, text: string): Promise<void> {
  const file = path.join(client.options.root, relative);
  fs.writeFileSync(file, text);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
}

/** Many small modules in a chain of imports, for an index that takes a while. */
function manyModules(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const previous = i > 0 ? `import { save${i - 1} } from './mod${i - 1}';\n` : '';
    files[`src/mods/mod${i}.ts`] =
      previous +
      `export async function save${i}(body: string) {\n` +
      (i > 0 ? `  await save${i - 1}(body);\n` : '') +
      `  const res = await fetch('/api/${i}', { method: 'POST', body });\n` +
      `  if (!res.ok) throw new Error('failed ' + res.status);\n` +
      `}\n`;
  }
  return files;
}

describe('language server across files', function () {
  this.timeout(60_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.kill();
  });

  after(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('declares inter-file dependencies and watches source files', async () => {
    const client = await start({});
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'durability-lint', interFileDependencies: true, workspaceDiagnostics: false });
    const registration = await client.waitForServerRequest('client/registerCapability');
    const watchers = registration.params.registrations
      .filter((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r: { registerOptions: { watchers: { globPattern: string }[] } }) => r.registerOptions.watchers.map((w) => w.globPattern));
    assert.ok(watchers.includes('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'), watchers.join(', '));
  });

  it('pull: editing the imported wrapper so it rethrows clears the diagnostic of the file that imports it, which is not touched', async () => {
    const client = await start({ 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS });
    const settings = await client.open('src/settings.ts', SETTINGS);
    const first = await pullFull(client, settings);
    const finding = destroyFinding(first.items);
    assert.ok(finding, `expected ${DESTROY}, got ${JSON.stringify(first.items)}`);
    assert.equal(finding.range.start.line, 4);
    assert.match(String(finding.message), /sync-service\.ts:3/);
    assert.ok(
      finding.relatedInformation?.some((r) => r.location.uri === client.uri('src/sync-service.ts') && r.location.range.start.line === 2),
      JSON.stringify(finding.relatedInformation),
    );

    const wrapper = await client.open('src/sync-service.ts', SWALLOWING);
    let before = client.serverRequests.length;
    await client.replaceAll(wrapper, RETHROWING);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    const cleared = await pullFull(client, settings, first.resultId);
    assert.equal(destroyFinding(cleared.items), undefined, JSON.stringify(cleared.items));

    // And back: the unsaved edit that swallows again brings the finding back.
    before = client.serverRequests.length;
    await client.replaceAll(wrapper, SWALLOWING);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.ok(destroyFinding((await pullFull(client, settings, cleared.resultId)).items));
  });

  it('push: the same edit publishes new diagnostics for the importing file, for its unchanged version', async () => {
    const client = await start({ 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS }, { pull: false });
    const settings = await client.open('src/settings.ts', SETTINGS);
    await client.waitForPublished(settings, (p) => !!destroyFinding(p.diagnostics));
    const wrapper = await client.open('src/sync-service.ts', SWALLOWING);
    await client.waitForPublished(wrapper);
    const from = client.published.length;
    await client.replaceAll(wrapper, RETHROWING);
    const republished = await client.waitForPublished(settings, () => true, from);
    assert.equal(republished.version, 1);
    assert.equal(destroyFinding(republished.diagnostics), undefined, JSON.stringify(republished.diagnostics));
  });

  it('a closed wrapper changed on disk (didChangeWatchedFiles) refreshes the open file that imports it', async () => {
    const client = await start({ 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS });
    const settings = await client.open('src/settings.ts', SETTINGS);
    const first = await pullFull(client, settings);
    assert.ok(destroyFinding(first.items));

    let before = client.serverRequests.length;
    await changeOnDisk(client, 'src/sync-service.ts', RETHROWING);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    const cleared = await pullFull(client, settings, first.resultId);
    assert.equal(destroyFinding(cleared.items), undefined);

    before = client.serverRequests.length;
    await changeOnDisk(client, 'src/sync-service.ts', SWALLOWING);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.ok(destroyFinding((await pullFull(client, settings, cleared.resultId)).items));
  });

  it('push: a closed wrapper changed on disk publishes for the importing file', async () => {
    const client = await start({ 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS }, { pull: false });
    const settings = await client.open('src/settings.ts', SETTINGS);
    await client.waitForPublished(settings, (p) => !!destroyFinding(p.diagnostics));
    const from = client.published.length;
    await changeOnDisk(client, 'src/sync-service.ts', RETHROWING);
    const republished = await client.waitForPublished(settings, () => true, from);
    assert.equal(destroyFinding(republished.diagnostics), undefined);
  });

  it("an open wrapper's unsaved text counts, not its file, until it is closed", async () => {
    const client = await start({ 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS });
    // Open with a text that differs from the disk, as a restored unsaved buffer is.
    await client.open('src/sync-service.ts', RETHROWING);
    const wrapper = client.uri('src/sync-service.ts');
    const settings = await client.open('src/settings.ts', SETTINGS);
    const first = await pullFull(client, settings);
    assert.equal(destroyFinding(first.items), undefined, JSON.stringify(first.items));

    // The file changing on disk does not matter while the buffer is open...
    const before = client.serverRequests.length;
    await changeOnDisk(client, 'src/sync-service.ts', SWALLOWING);
    assert.equal(destroyFinding((await pullFull(client, settings)).items), undefined);
    // ...closing it without saving makes the file count again.
    await client.close(wrapper);
    await client.waitForServerRequest('workspace/diagnostic/refresh', before);
    assert.ok(destroyFinding((await pullFull(client, settings, first.resultId)).items));
  });

  it('re-checks open dependents after the edited file, once per burst of keystrokes', async () => {
    const dependents = ['a', 'b', 'c', 'd', 'e'];
    const files: Record<string, string> = { 'src/sync-service.ts': SWALLOWING };
    for (const name of dependents) files[`src/${name}.ts`] = SETTINGS;
    const client = await start(files, { pull: false });
    const uris: string[] = [];
    for (const name of dependents) {
      const uri = await client.open(`src/${name}.ts`, SETTINGS);
      await client.waitForPublished(uri, (p) => !!destroyFinding(p.diagnostics));
      uris.push(uri);
    }
    const wrapper = await client.open('src/sync-service.ts', SWALLOWING);
    await client.waitForPublished(wrapper);
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const traceFrom = client.notifications.length;
    const from = client.published.length;
    // Five keystrokes at once: `throw error;` typed a character group at a time.
    const insertAt = { line: 5, character: "    console.warn('sync failed', error);".length };
    const typed = ['\n', '    throw', ' error', ';', ''];
    let position = insertAt;
    for (const chunk of typed) {
      await client.edit(wrapper, [{ range: { start: position, end: position }, newText: chunk }]);
      position = chunk === '\n' ? { line: position.line + 1, character: 0 } : { line: position.line, character: position.character + chunk.length };
    }
    assert.equal(client.text(wrapper), RETHROWING);
    for (const uri of uris) await client.waitForPublished(uri, (p) => !destroyFinding(p.diagnostics), from);

    const analyses = client.notifications
      .slice(traceFrom)
      .filter((n) => n.method === '$/logTrace' && /^analysing /.test(n.params.message))
      .map((n) => n.params.message as string);
    const lastWrapper = analyses.map((m) => m.startsWith(`analysing ${wrapper} `)).lastIndexOf(true);
    const firstDependent = analyses.findIndex((m) => uris.some((uri) => m.startsWith(`analysing ${uri} `)));
    assert.ok(lastWrapper >= 0 && firstDependent > lastWrapper, `the edited file first, then its dependents:\n${analyses.join('\n')}`);
    for (const uri of uris) {
      assert.equal(analyses.filter((m) => m.startsWith(`analysing ${uri} `)).length, 1, `${uri} re-checked once:\n${analyses.join('\n')}`);
    }
  });

  it('reports index progress to a client that shows it, and only to one that does', async () => {
    const files = { ...manyModules(30), 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS };
    const client = await start(files, { workDoneProgress: true });
    const created = await client.waitForServerRequest('window/workDoneProgress/create');
    const token = created.params.token;
    await client.waitForNotification('$/progress', (p) => p.token === token && p.value.kind === 'end');
    const values = client.notifications.filter((n) => n.method === '$/progress' && n.params.token === token).map((n) => n.params.value);
    assert.equal(values[0].kind, 'begin');
    assert.match(values[0].title, /indexing/);
    assert.equal(values[0].cancellable, true);
    assert.ok(values.slice(1, -1).every((v) => v.kind === 'report'));
    assert.equal(values[values.length - 1].kind, 'end');
    const logged = await client.waitForNotification('window/logMessage', (p) => /^Workspace index/.test(p.message));
    assert.match(logged.params.message, /^Workspace index: 32 files in /);

    const silent = await start(files);
    await silent.waitForNotification('window/logMessage', (p) => /^Workspace index/.test(p.message));
    assert.equal(silent.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create').length, 0);
    assert.equal(silent.notifications.filter((n) => n.method === '$/progress').length, 0);
  });

  it('answers an opened document before the index of a large workspace is done', async () => {
    const files = { ...manyModules(600), 'src/sync-service.ts': SWALLOWING, 'src/settings.ts': SETTINGS };
    const client = await start(files, { workDoneProgress: true });
    const settings = await client.open('src/settings.ts', SETTINGS);
    const report = await pullFull(client, settings);
    const ended = () => client.notifications.some((n) => n.method === '$/progress' && n.params.value?.kind === 'end');
    assert.equal(ended(), false, 'the diagnostics came before the index finished');
    assert.ok(destroyFinding(report.items));
    // The index went on after it, and ends.
    await client.waitFor('the end of the index', () => ended(), 50_000);
    const logged = await client.waitForNotification('window/logMessage', (p) => /^Workspace index/.test(p.message));
    assert.match(logged.params.message, /^Workspace index: 602 files in /);
  });
});
