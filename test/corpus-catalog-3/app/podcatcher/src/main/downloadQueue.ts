import { app, BrowserWindow, Menu, Tray, nativeImage } from 'electron';
import * as fs from 'fs';
import { rename, writeFile } from 'fs/promises';
import * as path from 'path';

export type QueueItem = { episodeId: string; url: string; bytes: number; addedAt: number };
export type HistoryEntry = { episodeId: string; finishedAt: number; seconds: number };

const userData = app.getPath('userData');
const QUEUE_FILE = path.join(userData, 'download-queue.json');
const UP_NEXT_FILE = path.join(userData, 'up-next.json');
const HISTORY_FILE = path.join(userData, 'play-history.json');
const SESSION_FILE = path.join(userData, 'last-session.json');
const NOW_PLAYING_FILE = path.join(userData, 'now-playing.json');
const BOUNDS_FILE = path.join(userData, 'window-bounds.json');

function readJsonOr<T>(file: string, missing: T): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err: any) {
    if (err.code === 'ENOENT') return missing;
    throw err;
  }
  return JSON.parse(text) as T;
}

/** Downloads waiting for Wi-Fi. */
export class DownloadQueue {
  private items: QueueItem[] = [];

  load(): void {
    this.items = readJsonOr<QueueItem[]>(QUEUE_FILE, []);
  }

  add(item: QueueItem): void {
    this.items.push(item);
    this.persist();
  }

  take(): QueueItem | undefined {
    const next = this.items.shift();
    this.persist();
    return next;
  }

  /** Off the UI thread; used when quitting. */
  async flush(): Promise<void> {
    const temp = `${QUEUE_FILE}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(this.items, null, 2), { flush: true });
    await rename(temp, QUEUE_FILE); // near-miss: no-rename-without-fsync (flush: true on fs.promises.writeFile)
  }

  private persist(): void {
    fs.writeFileSync(QUEUE_FILE, JSON.stringify(this.items, null, 2)); // expect: no-non-atomic-overwrite
  }
}

/** The "Up next" play queue the user arranges by hand. */
export class UpNextQueue {
  private items: string[] = [];

  load(): void {
    this.items = readJsonOr<string[]>(UP_NEXT_FILE, []);
  }

  move(episodeId: string, to: number): void {
    this.items = this.items.filter((id) => id !== episodeId);
    this.items.splice(to, 0, episodeId);
    this.persist();
  }

  private persist(): void {
    const temp = `${UP_NEXT_FILE}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(this.items));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, UP_NEXT_FILE); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (temp + fsync + rename)
  }
}

export function readHistory(): HistoryEntry[] {
  return readJsonOr<HistoryEntry[]>(HISTORY_FILE, []);
}

export function writeHistory(entries: HistoryEntry[]): void {
  const temp = `${HISTORY_FILE}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(entries), { encoding: 'utf8', flush: true });
  fs.renameSync(temp, HISTORY_FILE); // expect: no-rename-without-fsync
}

function snapshotSession(win: BrowserWindow | null): object {
  return { url: win?.webContents.getURL() ?? null, at: Date.now() };
}

export function installQuitHooks(queue: DownloadQueue, getWindow: () => BrowserWindow | null): void {
  // Window size is cosmetic; a torn file just means the default size next time.
  getWindow()?.on('close', () => {
    const win = getWindow();
    if (win) fs.writeFileSync(BOUNDS_FILE, JSON.stringify(win.getBounds())); // near-miss: no-non-atomic-overwrite (UI state file)
  });

  app.on('will-quit', () => {
    queue.flush(); // expect: no-unfinished-write-at-exit
  });

  let sessionSaved = false;
  app.on('before-quit', (event) => {
    if (sessionSaved) return;
    event.preventDefault();
    writeFile(SESSION_FILE, JSON.stringify(snapshotSession(getWindow()))) // near-miss: no-unfinished-write-at-exit (preventDefault, save, then quit)
      .catch((err) => console.error('could not save session', err))
      .finally(() => {
        sessionSaved = true;
        app.quit();
      });
  });
}

export function createTray(
  iconPath: string,
  queue: DownloadQueue,
  getWindow: () => BrowserWindow | null,
  getNowPlaying: () => { episodeId: string; seconds: number } | null,
): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Podcatcher', click: () => getWindow()?.show() },
      {
        label: 'Quit and keep downloads',
        click: async () => {
          await queue.flush();
          app.quit(); // near-miss: no-unfinished-write-at-exit (flush awaited)
        },
      },
      {
        label: 'Quit',
        click: () => {
          writeFile(NOW_PLAYING_FILE, JSON.stringify(getNowPlaying()));
          app.quit(); // expect: no-unfinished-write-at-exit
        },
      },
    ]),
  );
  return tray;
}

export function loadWindowBounds(): Electron.Rectangle | null {
  return readJsonOr<Electron.Rectangle | null>(BOUNDS_FILE, null);
}
