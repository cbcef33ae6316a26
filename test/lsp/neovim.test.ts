/**
 * Neovim as a second, independent LSP client: its built-in client (push
 * diagnostics only, its own edit application) attaches to the real server over
 * stdio, reads the diagnostics, asks for code actions and applies one.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverBin } from './lsp-client';

const SOURCE = [
  'export async function saveNotes(body: string) {',
  "  const res = await fetch('/api/notes', { method: 'POST', body });",
  '  localStorage.clear();',
  '  return res;',
  '}',
  '',
].join('\n');

const RULE = 'no-destroy-before-backup';

/** Runs inside Neovim 0.7+; writes what it saw as JSON to $DL_OUT and quits. */
const LUA = String.raw`
local out_path = vim.env.DL_OUT
local result = { errors = {} }

local function finish()
  local file = io.open(out_path, 'w')
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd('qa!')
end

local function code_of(d)
  if d.code then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return nil
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = code_of(d), source = d.source, severity = d.severity, message = d.message })
  end
  return list
end

local function has_rule(bufnr, rule)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == rule then return d end
  end
  return nil
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.DL_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'typescript'
  local client_id = vim.lsp.start_client({
    name = 'durability-lint',
    cmd = { vim.env.DL_NODE, vim.env.DL_SERVER, '--stdio' },
    root_dir = vim.env.DL_ROOT,
    settings = { durabilityLint = { run = 'onType' } },
  })
  result.client_started = client_id ~= nil
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.got_diagnostics = vim.wait(30000, function() return has_rule(bufnr, vim.env.DL_RULE) ~= nil end, 20)
  result.diagnostics = snapshot(bufnr)
  local target = has_rule(bufnr, vim.env.DL_RULE)
  if not target then return end

  local lsp_diagnostic = target.user_data and target.user_data.lsp or nil
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    context = { diagnostics = lsp_diagnostic and { lsp_diagnostic } or {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 15000)
  local actions = {}
  result.action_titles = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(actions, action)
      table.insert(result.action_titles, action.title)
    end
  end
  local wanted = 'Disable ' .. vim.env.DL_RULE .. ' for this line'
  local chosen = nil
  for _, action in ipairs(actions) do
    if action.title == wanted then chosen = action end
  end
  if not chosen then return end

  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  vim.cmd('write')
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  result.finding_gone = vim.wait(30000, function() return has_rule(bufnr, vim.env.DL_RULE) == nil end, 20)
  result.diagnostics_after = snapshot(bufnr)

  vim.lsp.stop_client(client_id)
  result.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
`;

function hasNeovim(): boolean {
  return spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('Neovim as an LSP client (headless)', function () {
  this.timeout(90_000);
  let root: string;

  before(function () {
    if (!hasNeovim()) {
      console.log('    (skipped: `nvim` is not installed; Debian package `neovim` provides it)');
      this.skip();
    }
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-nvim-')));
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('shows the finding, offers code actions, and applying "Disable for this line" clears it', async () => {
    const file = path.join(root, 'src', 'notes.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, SOURCE);
    const script = path.join(root, 'test.lua');
    fs.writeFileSync(script, LUA);
    const outPath = path.join(root, 'result.json');
    const home = path.join(root, 'home');
    fs.mkdirSync(home);

    const nvim = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      cwd: root,
      // A private HOME/XDG: the user's Neovim config, state and LSP log stay untouched.
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        DL_OUT: outPath,
        DL_FILE: file,
        DL_ROOT: root,
        DL_RULE: RULE,
        DL_NODE: process.execPath,
        DL_SERVER: serverBin,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    nvim.stdout.on('data', (chunk) => (output += chunk));
    nvim.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        nvim.kill('SIGKILL');
        resolve(null);
      }, 80_000);
      nvim.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    assert.ok(fs.existsSync(outPath), `Neovim wrote no result (exit ${code}); output:\n${output}`);
    const result = JSON.parse(fs.readFileSync(outPath, 'utf8'));
    assert.deepEqual(result.errors, [], JSON.stringify(result, null, 2));
    assert.equal(result.client_started, true);
    assert.equal(result.got_diagnostics, true, `no ${RULE} diagnostic: ${JSON.stringify(result.diagnostics)}`);

    const finding = result.diagnostics.find((d: { code?: string }) => d.code === RULE);
    assert.deepEqual([finding.lnum, finding.col, finding.end_col], [2, 2, 22]);
    assert.equal(finding.source, 'durability-lint');
    assert.equal(finding.severity, 1); // vim.diagnostic.severity.ERROR

    assert.ok(result.action_titles.includes(`Disable ${RULE} for this line`), result.action_titles.join(' | '));
    assert.ok(result.action_titles.includes(`Show documentation for ${RULE}`), result.action_titles.join(' | '));
    assert.equal(result.lines[2], `  // durability-lint-disable-next-line ${RULE}`);
    assert.equal(fs.readFileSync(file, 'utf8').split('\n')[2], `  // durability-lint-disable-next-line ${RULE}`);
    assert.equal(result.finding_gone, true, JSON.stringify(result.diagnostics_after));
    assert.equal(result.stopped, true);
    assert.equal(code, 0);
  });
});
