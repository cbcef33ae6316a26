import { app } from 'electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import log from 'electron-log/main';

const USER_DATA = app.getPath('userData');
const WORKSPACE_FILE = path.join(USER_DATA, 'workspace.json');
const RECENT_FILE = path.join(USER_DATA, 'recent-files.json');
const SNIPPETS_FILE = path.join(USER_DATA, 'snippets.json');
const BOUNDS_FILE = path.join(USER_DATA, 'window-bounds.json');
const DICTIONARY_FILE = path.join(USER_DATA, 'custom-dictionary.txt');

export interface Workspace {
  folders: string[];
  openTabs: Array<{ file: string; cursor: number; pinned: boolean }>;
  activeTab: number;
  unsavedBuffers: Record<string, string>;
}

export interface Snippet {
  prefix: string;
  body: string;
  description?: string;
}

const DEFAULT_SNIPPETS: Snippet[] = [
  { prefix: 'todo', body: '- [ ] ' },
  { prefix: 'table', body: '| a | b |\n|---|---|\n|   |   |' },
];

// ---------------------------------------------------------------------------
// Workspace: open folders, tabs and the text of never-saved buffers.
// ---------------------------------------------------------------------------

export function loadWorkspace(): Workspace | null {
  try {
    return JSON.parse(fs.readFileSync(WORKSPACE_FILE, 'utf8')) as Workspace;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null; // near-miss: no-read-failure-as-empty (ENOENT only)
    log.error('workspace.json is unreadable', err);
    throw err;
  }
}

export function saveWorkspace(workspace: Workspace): void {
  fs.writeFileSync(WORKSPACE_FILE, JSON.stringify(workspace, null, 2)); // expect: no-non-atomic-overwrite
}

// ---------------------------------------------------------------------------
// Recent files: same kind of state, replaced atomically.
// ---------------------------------------------------------------------------

export function loadRecentFiles(): string[] {
  if (!fs.existsSync(RECENT_FILE)) return [];
  return JSON.parse(fs.readFileSync(RECENT_FILE, 'utf8')) as string[];
}

export function saveRecentFiles(files: string[]): void {
  const temp = `${RECENT_FILE}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(files.slice(0, 50)));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, RECENT_FILE); // near-miss: no-non-atomic-overwrite, no-rename-without-fsync (temp + fsync + rename)
}

// ---------------------------------------------------------------------------
// User snippets, edited in the preferences window.
// ---------------------------------------------------------------------------

export function loadSnippets(): Snippet[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8'));
    return Array.isArray(parsed) ? parsed : DEFAULT_SNIPPETS;
  } catch (err) {
    log.warn('snippets.json could not be read, using built-in snippets', err);
    return DEFAULT_SNIPPETS; // expect: no-read-failure-as-empty
  }
}

export function saveSnippets(snippets: Snippet[]): void {
  writeFileAtomic.sync(SNIPPETS_FILE, JSON.stringify(snippets, null, 2)); // near-miss: no-non-atomic-overwrite (write-file-atomic)
}

// ---------------------------------------------------------------------------
// Window bounds (UI state) and the spell-check dictionary.
// ---------------------------------------------------------------------------

export function loadBounds(): Electron.Rectangle | undefined {
  try {
    return JSON.parse(fs.readFileSync(BOUNDS_FILE, 'utf8'));
  } catch {
    return undefined; // near-miss: no-read-failure-as-empty (window bounds are UI state)
  }
}

export function saveBounds(bounds: Electron.Rectangle): void {
  fs.writeFileSync(BOUNDS_FILE, JSON.stringify(bounds)); // near-miss: no-non-atomic-overwrite (window-bounds.json is UI state)
}

export function ensureDictionary(): string[] {
  if (!fs.existsSync(DICTIONARY_FILE)) {
    fs.writeFileSync(DICTIONARY_FILE, ''); // near-miss: no-non-atomic-overwrite (only creates a missing file)
  }
  return fs.readFileSync(DICTIONARY_FILE, 'utf8').split('\n').filter(Boolean);
}

export function addDictionaryWord(word: string): void {
  fs.appendFileSync(DICTIONARY_FILE, `${word}\n`); // near-miss: no-non-atomic-overwrite (append)
}
