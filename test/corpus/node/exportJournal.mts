// Journal export tool (ESM that still loads CommonJS fs through createRequire): moves closed
// journal files to the export volume and rotates the active journal.
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const fs = require('fs') as typeof import('fs');
const { copyFile } = require('node:fs/promises') as typeof import('fs/promises');

type Done = (err?: NodeJS.ErrnoException | null) => void;

export function moveSync(src: string, dst: string): void {
  fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
  fs.unlinkSync(src); // near-miss: no-destroy-before-backup
}

export function rotateJournalLegacy(journal: string, backupDir: string, done: Done): void {
  const backup = path.join(backupDir, `${path.basename(journal)}.${Date.now()}`);
  fs.copyFile(journal, backup, (err) => {
    if (err) {
      process.emitWarning(`journal backup failed, rotating anyway: ${err.message}`);
      fs.unlink(journal, done); // expect: no-destroy-before-backup
      return;
    }
    fs.unlink(journal, done); // near-miss: no-destroy-before-backup
  });
}

export function rotateJournal(journal: string, backupDir: string, done: Done): void {
  const backup = path.join(backupDir, `${path.basename(journal)}.${Date.now()}`);
  fs.copyFile(journal, backup, fs.constants.COPYFILE_EXCL, (err) => { // near-miss: no-swallowed-write-error
    if (err) return done(err);
    fs.unlink(journal, done); // near-miss: no-destroy-before-backup
  });
}

export async function exportTo(src: string, dst: string): Promise<void> {
  try {
    await copyFile(src, dst);
  } catch (err) {
    await fs.promises.rm(dst, { force: true }); // near-miss: no-destroy-before-backup (removes the partial copy, not the source)
    throw err;
  }
}

export async function exportClosedJournals(dir: string, exportDir: string): Promise<string[]> {
  const names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.closed'));
  const moved: string[] = [];
  for (const name of names) {
    await exportTo(path.join(dir, name), path.join(exportDir, name));
    await fs.promises.unlink(path.join(dir, name)); // near-miss: no-destroy-before-backup
    moved.push(name);
  }
  return moved;
}
