'use strict';

const fse = require('fs-extra');
const fs = require('node:fs');
const path = require('node:path');
const writeFileAtomic = require('write-file-atomic');
const { app, ipcMain } = require('electron');

const dataDir = app.getPath('userData');
const RECENTS = path.join(dataDir, 'recent-files.json');
const PINS = path.join(dataDir, 'pinned.json');
const WORKSPACES = path.join(dataDir, 'workspaces.json');
const SHORTCUTS = path.join(dataDir, 'shortcuts.json');
const KEYMAP = path.join(dataDir, 'keymap-overrides.json');
const LAYOUTS = path.join(dataDir, 'editor-layouts.json');
const THEMES = path.join(dataDir, 'custom-themes.json');
const ACTIVITY_LOG = path.join(dataDir, 'activity.log');

const DEFAULT_SHORTCUTS = { 'file.open': 'CmdOrCtrl+O', 'file.save': 'CmdOrCtrl+S', 'view.sidebar': 'CmdOrCtrl+B' };

async function readJsonOrEmpty(file, empty) {
  try {
    return await fse.readJson(file);
  } catch (err) {
    if (err.code === 'ENOENT') return empty; // near-miss: no-read-failure-as-empty (missing file only)
    throw err;
  }
}

// --- recent files -----------------------------------------------------------

async function addRecent(file) {
  const recents = (await readJsonOrEmpty(RECENTS, [])).filter((f) => f.path !== file.path);
  recents.unshift({ path: file.path, name: file.name, openedAt: Date.now() });
  await fse.writeJson(RECENTS, recents.slice(0, 30), { spaces: 2 }); // expect: no-non-atomic-overwrite
}

// --- pins ---------------------------------------------------------------------

async function togglePin(filePath) {
  const pins = await readJsonOrEmpty(PINS, []);
  const next = pins.includes(filePath) ? pins.filter((p) => p !== filePath) : [...pins, filePath];
  await writeFileAtomic(PINS, JSON.stringify(next, null, 2)); // near-miss: no-non-atomic-overwrite (write-file-atomic)
  return next;
}

// --- workspaces ---------------------------------------------------------------

function loadWorkspaces() {
  return fse.readJson(WORKSPACES).catch(() => []); // expect: no-read-failure-as-empty
}

async function saveWorkspace(ws) {
  const all = await loadWorkspaces();
  const next = [...all.filter((w) => w.id !== ws.id), ws];
  await writeFileAtomic(WORKSPACES, JSON.stringify(next, null, 2));
}

// --- keyboard shortcuts ---------------------------------------------------------

function loadShortcuts() {
  if (!fs.existsSync(SHORTCUTS)) {
    fs.writeFileSync(SHORTCUTS, JSON.stringify(DEFAULT_SHORTCUTS, null, 2)); // near-miss: no-non-atomic-overwrite (only creates a missing file)
  }
  return JSON.parse(fs.readFileSync(SHORTCUTS, 'utf8'));
}

function setShortcut(command, accelerator) {
  const shortcuts = loadShortcuts();
  shortcuts[command] = accelerator;
  const fd = fs.openSync(SHORTCUTS, 'w'); // expect: no-non-atomic-overwrite
  try {
    fs.writeSync(fd, JSON.stringify(shortcuts, null, 2));
  } finally {
    fs.closeSync(fd);
  }
}

function loadKeymap() {
  return fs.existsSync(KEYMAP) ? JSON.parse(fs.readFileSync(KEYMAP, 'utf8')) : {};
}

function setKeymapOverride(key, command) {
  const keymap = loadKeymap();
  keymap[key] = command;
  const temp = `${KEYMAP}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w'); // near-miss: no-non-atomic-overwrite (temp file, fsync, rename)
  try {
    fs.writeSync(fd, JSON.stringify(keymap, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, KEYMAP); // near-miss: no-rename-without-fsync
}

// --- editor layouts and themes ----------------------------------------------

async function saveLayouts(layouts) {
  const tmp = `${LAYOUTS}.tmp`;
  await fse.outputJson(tmp, layouts, { spaces: 2 });
  await fse.move(tmp, LAYOUTS, { overwrite: true }); // expect: no-rename-without-fsync
}

async function saveThemes(themes) {
  const tmp = `${THEMES}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(themes, null, 2));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fse.move(tmp, THEMES, { overwrite: true }); // near-miss: no-rename-without-fsync (datasync before the move)
}

// --- activity log and export -------------------------------------------------

async function logActivity(line) {
  await fs.promises.writeFile(ACTIVITY_LOG, `${new Date().toISOString()} ${line}\n`, { flag: 'a' }); // near-miss: no-non-atomic-overwrite (flag 'a' appends)
}

async function readActivity(limit = 200) {
  const text = await fse.readFile(ACTIVITY_LOG, 'utf8');
  return text.trimEnd().split('\n').slice(-limit);
}

async function exportRecents(target) {
  const recents = await readJsonOrEmpty(RECENTS, []);
  await fse.writeFile(target, recents.map((r) => r.path).join('\n')); // near-miss: no-non-atomic-overwrite (export file, only written)
}

function registerIpc() {
  ipcMain.handle('recents:add', (_e, file) => addRecent(file));
  ipcMain.handle('pins:toggle', (_e, p) => togglePin(p));
  ipcMain.handle('workspaces:list', () => loadWorkspaces());
  ipcMain.handle('workspaces:save', (_e, ws) => saveWorkspace(ws));
  ipcMain.handle('shortcuts:get', () => loadShortcuts());
  ipcMain.handle('shortcuts:set', (_e, cmd, acc) => setShortcut(cmd, acc));
  ipcMain.handle('keymap:set', (_e, key, cmd) => setKeymapOverride(key, cmd));
  ipcMain.handle('layouts:save', (_e, l) => saveLayouts(l));
  ipcMain.handle('themes:save', (_e, t) => saveThemes(t));
  ipcMain.handle('activity:read', () => readActivity());
  ipcMain.handle('recents:export', (_e, target) => exportRecents(target));
  ipcMain.on('activity:log', (_e, line) => void logActivity(line));
}

module.exports = { registerIpc, addRecent, togglePin, loadWorkspaces, saveWorkspace, setShortcut, exportRecents };
