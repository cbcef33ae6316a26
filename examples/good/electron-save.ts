// Electron main process done carefully: autosave awaits its write and reports failures to
// the window, "Save" passes the error back to the renderer, and "Archive" deletes the
// original only after the copy succeeded.
import { app, ipcMain, type BrowserWindow } from 'electron';
import * as fs from 'node:fs';
import path from 'node:path';

const docsDir = path.join(app.getPath('documents'), 'Inkpad');
const archiveDir = path.join(docsDir, 'Archive');
const docPath = (name: string) => path.join(docsDir, `${name}.ink`);

export function startAutosave(
  win: BrowserWindow,
  getOpenDocument: () => { name: string; text: string } | null,
): NodeJS.Timeout {
  return setInterval(async () => {
    const doc = getOpenDocument();
    if (!doc) return;
    try {
      await fs.promises.writeFile(docPath(doc.name), doc.text);
    } catch (err) {
      win.webContents.send('autosave:failed', { name: doc.name, message: (err as Error).message });
    }
  }, 30_000);
}

export function registerHandlers(): void {
  ipcMain.on('doc:save', (event, name: string, text: string) => {
    fs.writeFile(docPath(name), text, (err) => {
      if (err) event.reply('doc:save-failed', name, err.message);
      else event.reply('doc:saved', name);
    });
  });

  ipcMain.on('doc:archive', (event, name: string) => {
    const target = path.join(archiveDir, `${name}.ink`);
    fs.copyFile(docPath(name), target, fs.constants.COPYFILE_EXCL, (err) => {
      if (err) {
        event.reply('doc:archive-failed', name, `The document was not archived and is unchanged: ${err.message}`);
        return;
      }
      fs.unlink(docPath(name), (unlinkErr) => event.reply('doc:archived', name, unlinkErr?.message));
    });
  });
}
