// Main process: version 4 moved the SQLite library out of the old "Application Support/Foo"
// folder into userData. This runs once at startup, before the database is opened.
import { app, dialog } from 'electron';
import { promises as fs, constants } from 'node:fs';
import path from 'node:path';

const OLD_DIR = path.join(app.getPath('appData'), 'Foo');
const NEW_DIR = app.getPath('userData');
const MARKER = path.join(NEW_DIR, '.relocated-v4');

export function relocateLibraryLegacy() {
  const from = path.join(OLD_DIR, 'library.sqlite');
  const to = path.join(NEW_DIR, 'library.sqlite');
  return fs
    .copyFile(from, to, constants.COPYFILE_EXCL)
    .finally(() => fs.unlink(from)); // expect: no-destroy-before-backup
}

export async function relocateLibrary() {
  const from = path.join(OLD_DIR, 'library.sqlite');
  const to = path.join(NEW_DIR, 'library.sqlite');
  try {
    await fs.rename(from, to);
  } catch (err) { // near-miss: no-swallowed-write-error
    if (err.code === 'ENOENT') return false;
    if (err.code !== 'EXDEV') throw err;
    await fs.copyFile(from, to, constants.COPYFILE_EXCL);
    await fs.unlink(from); // near-miss: no-destroy-before-backup (in a catch, but after an awaited copy)
  }
  return true;
}

export function markRelocatedLegacy() {
  fs.writeFile(MARKER, String(Date.now())); // expect: no-floating-write
}

export async function markRelocated() {
  await fs.writeFile(MARKER, String(Date.now()), { flag: 'wx' });
}

export async function runRelocation() {
  try {
    await fs.access(MARKER);
    return;
  } catch { // near-miss: no-swallowed-write-error (the try only reads)
    // not relocated yet
  }
  try {
    await relocateLibrary();
    await markRelocated();
  } catch (err) { // near-miss: no-swallowed-write-error
    dialog.showErrorBox(
      'Could not move your library',
      `Your library is still in ${OLD_DIR} and was not changed.\n\n${err.message}`,
    );
    app.exit(1);
  }
}
