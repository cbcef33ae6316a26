// Shows: no-floating-write, no-swallowed-write-error, no-destroy-before-backup
//
// Electron main process: saving documents and moving them to an archive folder with `fs`.
// Autosave does not wait for its write, "Save" reports success whatever happened, and
// "Archive" deletes the document even when the copy failed.
import { app, ipcMain, type BrowserWindow } from 'electron';
import * as fs from 'node:fs';
import path from 'node:path';

const docsDir = path.join(app.getPath('documents'), 'Inkpad');
const archiveDir = path.join(docsDir, 'Archive');
const docPath = (name: string) => path.join(docsDir, `${name}.ink`);

export function startAutosave(getOpenDocument: () => { name: string; text: string } | null): NodeJS.Timeout {
  return setInterval(() => {
    const doc = getOpenDocument();
    if (!doc) return;
    // no-floating-write: a full disk or a vanished network drive fails silently, every 30 s.
    fs.promises.writeFile(docPath(doc.name), doc.text);
  }, 30_000);
}

export function registerHandlers(win: BrowserWindow): void {
  ipcMain.on('doc:save', (event, name: string, text: string) => {
    // no-swallowed-write-error: the callback never looks at `err`; the renderer always hears "saved".
    fs.writeFile(docPath(name), text, () => {
      event.reply('doc:saved', name);
    });
  });

  ipcMain.on('doc:archive', (event, name: string) => {
    const target = path.join(archiveDir, `${name}.ink`);
    fs.copyFile(docPath(name), target, (err) => {
      if (err) {
        win.webContents.send('log', `archive copy failed, removing anyway: ${err.message}`);
        // no-destroy-before-backup: the original is deleted exactly when the copy failed.
        fs.unlink(docPath(name), () => event.reply('doc:archived', name));
        return;
      }
      fs.unlink(docPath(name), (unlinkErr) => event.reply('doc:archived', name, unlinkErr?.message));
    });
  });
}
