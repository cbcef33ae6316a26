/**
 * The shipped artefacts: `npm run package` builds a small .vsix holding only the
 * bundles, docs, icon, README and LICENSE, with a manifest VS Code 1.91 accepts,
 * and the bundled server (not the compiled tree the other tests use) works.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module from 'node:module';
import { repoRoot, TestClient } from './lsp-client';

// The scripts are ES modules; load them as such from this CommonJS test.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

describe('extension package (.vsix) and bundles', function () {
  this.timeout(120_000);
  let workDir: string;
  let vsixPath: string;
  let packaging: ReturnType<typeof spawnSync>;

  before(() => {
    workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-vsix-')));
    vsixPath = path.join(workDir, 'durability-lint.vsix');
    packaging = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package-vsix.mjs'), '--out', vsixPath], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });

  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('packages under 5 MB with only the bundles, docs, icon, README and LICENSE', async () => {
    assert.equal(packaging.status, 0, `${packaging.stdout}\n${packaging.stderr}`);
    const size = fs.statSync(vsixPath).size;
    assert.ok(size < 5 * 1024 * 1024, `${size} bytes`);
    const { listZipEntries } = await importModule(path.join(repoRoot, 'scripts', 'zip-entries.mjs'));
    const names: string[] = listZipEntries(fs.readFileSync(vsixPath)).map((e: { name: string }) => e.name).sort();
    const docs = fs.readdirSync(path.join(repoRoot, 'rules', 'docs')).filter((f) => f.endsWith('.md'));
    assert.deepEqual(
      names,
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/client/images/icon.png',
        'extension/dist/client/extension.js',
        'extension/dist/server/lint-worker.js',
        'extension/dist/server/server.js',
        'extension/package.json',
        'extension/readme.md',
        ...docs.map((doc) => `extension/rules/docs/${doc}`),
      ].sort(),
    );
  });

  it('ships a manifest for VS Code 1.91+ that activates on JS/TS and works in untrusted workspaces', async () => {
    const { readZipEntry } = await importModule(path.join(repoRoot, 'scripts', 'zip-entries.mjs'));
    const manifest = JSON.parse(String(await readZipEntry(fs.readFileSync(vsixPath), 'extension/package.json')));
    assert.equal(manifest.main, './dist/client/extension.js');
    assert.deepEqual(manifest.engines, { vscode: '^1.91.0' });
    for (const language of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']) {
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
    }
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.deepEqual(
      manifest.contributes.commands.map((c: { command: string }) => c.command).sort(),
      ['durabilityLint.fixAll', 'durabilityLint.restartServer', 'durabilityLint.showOutput'],
    );
    assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
      'durabilityLint.codeAction.disableRuleComment',
      'durabilityLint.enable',
      'durabilityLint.rules',
      'durabilityLint.run',
      'durabilityLint.trace.server',
    ]);
    for (const npmOnly of ['dependencies', 'files', 'scripts', 'bin']) assert.equal(manifest[npmOnly], undefined, npmOnly);
  });

  it('the bundled server answers over stdio with real findings', async () => {
    const root = fs.mkdtempSync(path.join(workDir, 'ws-'));
    const client = await TestClient.start({ root, serverScript: path.join(repoRoot, 'dist', 'server', 'server.js') });
    try {
      const uri = await client.open('a.ts', "export async function save(body: string) {\n  const res = await fetch('/api', { method: 'POST', body });\n  localStorage.clear();\n  return res;\n}\n");
      const codes = (await client.diagnostics(uri)).map((d) => d.code);
      assert.ok(codes.includes('no-destroy-before-backup'), String(codes));
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('the extension type-checks against the VS Code 1.91 API', () => {
    // esbuild strips types without checking them; the client has its own tsconfig (vscode types).
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(repoRoot, 'client')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('the bundled extension loads and exports activate/deactivate', () => {
    // A stand-in for the editor's `vscode` module: every export, at any depth, is an inert class.
    const fake = (): object =>
      new Proxy(class {}, {
        get: (target, name) => (typeof name === 'symbol' || name in target ? (target as any)[name] : name === '__esModule' ? true : name === 'then' ? undefined : fake()),
      });
    const fakeVscode = fake();
    const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const originalLoad = loader._load;
    loader._load = function (request, parent, isMain) {
      return request === 'vscode' ? fakeVscode : originalLoad.call(this, request, parent, isMain);
    };
    try {
      const extension = require(path.join(repoRoot, 'dist', 'client', 'extension.js'));
      assert.equal(typeof extension.activate, 'function');
      assert.equal(typeof extension.deactivate, 'function');
    } finally {
      loader._load = originalLoad;
    }
  });
});
