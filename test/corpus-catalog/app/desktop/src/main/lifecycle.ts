import { app, dialog, Menu, Tray, type Rectangle } from 'electron';
import { createWriteStream, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Library } from './library';

const userData = app.getPath('userData');
const BOUNDS_FILE = path.join(userData, 'mini-player-bounds.json');
const UNSENT_PLAYS = path.join(userData, 'unsent-plays.ndjson');
const QUEUE_FILE = path.join(userData, 'play-queue.json');

export type PlayEvent = { trackId: string; startedAt: number; playedMs: number; source: 'library' | 'radio' };

async function saveBounds(bounds: Rectangle): Promise<void> {
  await writeFile(BOUNDS_FILE, JSON.stringify(bounds));
}

export function buildTrayMenu(tray: Tray, library: Library, getBounds: () => Rectangle): void {
  const menu = Menu.buildFromTemplate([
    { label: 'Show Library', click: () => library.show() },
    { label: 'Rescan Folders', click: () => library.rescan() },
    { type: 'separator' },
    {
      label: 'Restart to Update',
      click: async () => {
        await saveBounds(getBounds());
        app.relaunch();
        app.quit(); // near-miss: no-unfinished-write-at-exit (the save is awaited first)
      },
    },
    {
      label: 'Quit',
      click: () => {
        saveBounds(getBounds());
        app.quit(); // expect: no-unfinished-write-at-exit
      },
    },
  ]);
  tray.setToolTip('Tunebox');
  tray.setContextMenu(menu);
}

function appendPlays(plays: PlayEvent[]) {
  const out = createWriteStream(UNSENT_PLAYS, { flags: 'a' });
  for (const play of plays) out.write(JSON.stringify(play) + '\n');
  out.end();
  return out;
}

/** Last-resort handler: keep the scrobbles we could not send, then leave. */
export function exitAfterCrash(err: Error, pendingPlays: PlayEvent[]): void {
  dialog.showErrorBox('Tunebox stopped working', err.stack ?? err.message);
  const out = createWriteStream(UNSENT_PLAYS, { flags: 'a' });
  for (const play of pendingPlays) out.write(JSON.stringify(play) + '\n');
  out.end();
  app.exit(1); // expect: no-unfinished-write-at-exit
}

export async function exitForUpdate(pendingPlays: PlayEvent[]): Promise<void> {
  const out = appendPlays(pendingPlays);
  await once(out, 'finish');
  app.exit(0); // near-miss: no-unfinished-write-at-exit (waits for the stream's finish)
}

export function saveQueueOnQuit(getQueue: () => string[]): void {
  app.on('will-quit', () => {
    // synchronous on purpose: Electron does not wait for promises here
    writeFileSync(QUEUE_FILE, JSON.stringify(getQueue())); // near-miss: no-unfinished-write-at-exit (synchronous write)
  });
}

export function installCrashHandlers(getPending: () => PlayEvent[]): void {
  process.on('uncaughtException', (err) => exitAfterCrash(err, getPending()));
  app.on('render-process-gone', (_event, _contents, details) => {
    if (details.reason === 'crashed' || details.reason === 'oom') {
      exitAfterCrash(new Error(`renderer ${details.reason}`), getPending());
    }
  });
}
