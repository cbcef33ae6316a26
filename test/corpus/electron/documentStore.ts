// Main process: documents are JSON files under userData/documents; the renderer saves
// through IPC and the main process autosaves the open document every 30 seconds.
import { app, ipcMain, type BrowserWindow } from 'electron';
import fsp from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';

export interface Doc {
  id: string;
  title: string;
  blocks: unknown[];
  updatedAt: number;
}

const docsDir = path.join(app.getPath('userData'), 'documents');
const docPath = (id: string) => path.join(docsDir, `${id}.json`);

export function startAutosaveLegacy(getDoc: () => Doc | null): NodeJS.Timeout {
  return setInterval(() => {
    const doc = getDoc();
    if (!doc) return;
    fsp.writeFile(docPath(doc.id), JSON.stringify(doc)); // expect: no-floating-write
  }, 30_000);
}

export function startAutosave(win: BrowserWindow, getDoc: () => Doc | null): NodeJS.Timeout {
  return setInterval(async () => {
    const doc = getDoc();
    if (!doc) return;
    try {
      await fsp.writeFile(docPath(doc.id), JSON.stringify(doc)); // near-miss: no-floating-write
      win.webContents.send('autosave:ok', doc.id);
    } catch (err) { // near-miss: no-swallowed-write-error
      win.webContents.send('autosave:failed', { id: doc.id, message: (err as Error).message });
    }
  }, 30_000);
}

export function registerDocumentHandlers(): void {
  ipcMain.handle('doc:save', async (_event, doc: Doc) => {
    await fsp.mkdir(docsDir, { recursive: true });
    await fsp.writeFile(docPath(doc.id), JSON.stringify(doc));
    return { savedAt: Date.now() };
  });

  ipcMain.handle('doc:duplicate-legacy', async (_event, id: string, newId: string) => {
    try {
      await fsp.copyFile(docPath(id), docPath(newId), fsConstants.COPYFILE_EXCL);
    } catch (err) { // expect: no-swallowed-write-error
      // the copy already exists
    }
    return newId;
  });

  ipcMain.handle('doc:duplicate', async (_event, id: string, newId: string) => {
    try {
      await fsp.copyFile(docPath(id), docPath(newId), fsConstants.COPYFILE_EXCL);
    } catch (err) { // near-miss: no-swallowed-write-error
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return { id: newId, alreadyExisted: true };
    }
    return { id: newId, alreadyExisted: false };
  });

  ipcMain.handle('doc:rename-legacy', async (_event, id: string, newId: string) => {
    await fsp.copyFile(docPath(id), docPath(newId)).catch(() => undefined); // expect: no-swallowed-write-error
    await fsp.unlink(docPath(id)); // expect: no-destroy-before-backup
    return newId;
  });

  ipcMain.handle('doc:rename', async (_event, id: string, newId: string) => {
    await fsp.copyFile(docPath(id), docPath(newId), fsConstants.COPYFILE_EXCL);
    await fsp.unlink(docPath(id)); // near-miss: no-destroy-before-backup
    return newId;
  });
}
