import { app as electronApp, BrowserWindow, dialog, ipcMain } from 'electron';
import { writeFile, mkdir } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentRegistry, OpenDocument } from './documents';
import { saveDocumentAtomically } from './atomicSave';

const RECOVERY_DIR = path.join(electronApp.getPath('userData'), 'recovery');

async function saveOpenDocuments(registry: DocumentRegistry): Promise<void> {
  const dirty = registry.all().filter((d: OpenDocument) => d.dirty && d.filePath);
  for (const doc of dirty) {
    await saveDocumentAtomically(doc.filePath!, doc.text);
    doc.dirty = false;
  }
}

async function writeRecoverySnapshot(registry: DocumentRegistry): Promise<void> {
  await mkdir(RECOVERY_DIR, { recursive: true });
  for (const doc of registry.all()) {
    if (!doc.dirty) continue;
    await writeFile(path.join(RECOVERY_DIR, `${doc.id}.md`), doc.text, 'utf8');
  }
}

function writeRecoverySnapshotSync(registry: DocumentRegistry): void {
  for (const doc of registry.all()) {
    if (!doc.dirty) continue;
    writeFileSync(path.join(RECOVERY_DIR, `${doc.id}.md`), doc.text, 'utf8');
  }
}

/**
 * v1 quit handling, still shipped behind the `legacyQuit` flag for the
 * portable (USB-stick) build.
 */
export function installLegacyQuitHandling(registry: DocumentRegistry): void {
  electronApp.on('before-quit', async () => {
    await saveOpenDocuments(registry); // expect: no-unfinished-write-at-exit
  });

  process.on('uncaughtException', (error) => {
    dialog.showErrorBox('Inkwell crashed', String(error?.stack ?? error));
    writeRecoverySnapshot(registry);
    electronApp.exit(1); // expect: no-unfinished-write-at-exit
  });
}

/**
 * Current quit handling: hold the quit until the documents are on disk.
 */
export function installQuitHandling(registry: DocumentRegistry): void {
  let savedBeforeQuit = false;

  electronApp.on('will-quit', (event) => {
    if (savedBeforeQuit) return;
    event.preventDefault();
    saveOpenDocuments(registry) // near-miss: no-unfinished-write-at-exit (preventDefault, save, then quit)
      .catch((err) => dialog.showErrorBox('Could not save all documents', String(err)))
      .finally(() => {
        savedBeforeQuit = true;
        electronApp.quit();
      });
  });

  electronApp.on('window-all-closed', async () => {
    await saveOpenDocuments(registry);
    if (process.platform !== 'darwin') electronApp.quit(); // near-miss: no-unfinished-write-at-exit (save awaited first)
  });

  process.on('uncaughtException', (error) => {
    dialog.showErrorBox('Inkwell crashed', String(error?.stack ?? error));
    writeRecoverySnapshotSync(registry);
    electronApp.exit(1); // near-miss: no-unfinished-write-at-exit (recovery snapshot written synchronously)
  });
}

export function installMenuQuit(registry: DocumentRegistry): void {
  ipcMain.handle('inkwell:quit-without-saving', async (_event, ids: string[]) => {
    for (const id of ids) registry.markClean(id);
    await writeRecoverySnapshot(registry);
    for (const win of BrowserWindow.getAllWindows()) win.destroy();
    electronApp.quit(); // near-miss: no-unfinished-write-at-exit (recovery snapshot awaited)
  });
}
