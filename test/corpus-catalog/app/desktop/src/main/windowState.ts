import { app, BrowserWindow, screen } from 'electron';
import * as fs from 'node:fs';
import path from 'node:path';

const userData = app.getPath('userData');
const STATE_FILE = path.join(userData, 'window-state.json');
const LAYOUT_FILE = path.join(userData, 'panel-layout.json');
const SESSION_FILE = path.join(userData, 'last-session.json');
const SCRATCH_FILE = path.join(userData, 'scratchpad.md');

interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  displayId?: number;
}

interface PanelLayout {
  sidebarWidth: number;
  panels: Array<{ id: string; visible: boolean; size: number }>;
}

const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export function readWindowState(): WindowState {
  try {
    return { ...DEFAULT_STATE, ...JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_STATE }; // near-miss: no-read-failure-as-empty (missing file only)
    throw err;
  }
}

export function writeWindowState(win: BrowserWindow): void {
  const bounds = win.getNormalBounds();
  const display = screen.getDisplayMatching(bounds);
  const state: WindowState = { ...bounds, maximized: win.isMaximized(), displayId: display.id };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2)); // expect: no-non-atomic-overwrite
}

export function readPanelLayout(): PanelLayout | null {
  try {
    return JSON.parse(fs.readFileSync(LAYOUT_FILE, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return null; // near-miss: no-read-failure-as-empty (rethrows everything but ENOENT)
  }
}

export function writePanelLayout(layout: PanelLayout): void {
  const temp = `${LAYOUT_FILE}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w'); // near-miss: no-non-atomic-overwrite (temp file, fsync, rename)
  try {
    fs.writeFileSync(fd, JSON.stringify(layout, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, LAYOUT_FILE); // near-miss: no-rename-without-fsync (fsyncSync before close)
}

export function trackWindow(win: BrowserWindow, getOpenDocuments: () => string[]): void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => writeWindowState(win), 500);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', () => writeWindowState(win));

  // Reopen the same documents on next launch.
  app.on('before-quit', async () => {
    const session = { documents: getOpenDocuments(), closedAt: new Date().toISOString() };
    await fs.promises.writeFile(SESSION_FILE, JSON.stringify(session)); // expect: no-unfinished-write-at-exit
  });
}

export function saveScratchpadOnQuit(getScratch: () => string): void {
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    fs.promises
      .writeFile(SCRATCH_FILE, getScratch(), { flush: true }) // near-miss: no-unfinished-write-at-exit (preventDefault, save, then quit)
      .catch((err) => console.error('[scratchpad] could not save', err))
      .finally(() => {
        flushed = true;
        app.quit();
      });
  });
}
