import fs, { promises as fsp } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import crypto from 'node:crypto';

function tempPathFor(file: string): string {
  const suffix = crypto.randomBytes(4).toString('hex');
  return path.join(path.dirname(file), `.${path.basename(file)}.${suffix}.tmp`);
}

/**
 * Ctrl+S. Markdown documents can be tens of MB (embedded base64 images).
 */
export async function saveDocumentAtomically(file: string, text: string): Promise<void> {
  const temp = tempPathFor(file);
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file); // near-miss: no-rename-without-fsync (FileHandle.sync before close)
}

/**
 * Autosave every 30 s; the author thought the rename alone was enough.
 */
export async function autosaveDocument(file: string, text: string): Promise<void> {
  const temp = tempPathFor(file);
  await fsp.writeFile(temp, text, 'utf8');
  await fsp.rename(temp, file); // expect: no-rename-without-fsync
}

/**
 * Synchronous save used from the renderer's `beforeunload` IPC (must finish
 * before the window closes).
 */
export function saveDocumentSync(file: string, text: string): void {
  const temp = tempPathFor(file);
  fs.writeFileSync(temp, text, { encoding: 'utf8', flush: true });
  fs.renameSync(temp, file); // expect: no-rename-without-fsync
}

/** The front-matter cache writer, which gets it right without an encoding. */
export function saveFrontMatterIndexSync(file: string, index: Record<string, unknown>): void {
  const temp = tempPathFor(file);
  fs.writeFileSync(temp, JSON.stringify(index), { flush: true });
  fs.renameSync(temp, file); // near-miss: no-rename-without-fsync (flush: true without the utf8 fast path)
}

/**
 * Export to a big HTML file through a stream.
 */
export async function exportHtml(file: string, chunks: AsyncIterable<string>): Promise<void> {
  const temp = tempPathFor(file);
  const out = fs.createWriteStream(temp, { flush: true });
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await rename(temp, file); // near-miss: no-rename-without-fsync (stream opened with flush: true)
}

/**
 * Callback flavour used by the plugin host (plugins call `inkwell.fs.save`).
 */
export function savePluginData(file: string, data: string, cb: (err: NodeJS.ErrnoException | null) => void): void {
  const temp = `${file}.tmp`;
  fs.writeFile(temp, data, (err) => {
    if (err) return cb(err);
    fs.rename(temp, file, cb); // expect: no-rename-without-fsync
  });
}

export function savePluginDataDurably(file: string, data: string, cb: (err: NodeJS.ErrnoException | null) => void): void {
  const temp = `${file}.tmp`;
  fs.open(temp, 'w', (openErr, fd) => {
    if (openErr) return cb(openErr);
    fs.write(fd, data, (writeErr) => {
      if (writeErr) return fs.close(fd, () => cb(writeErr));
      fs.fsync(fd, (syncErr) => {
        fs.close(fd, (closeErr) => {
          if (syncErr || closeErr) return cb(syncErr ?? closeErr);
          fs.rename(temp, file, cb); // near-miss: no-rename-without-fsync (fsync in the callback chain)
        });
      });
    });
  });
}

/** Move a closed document into the trash folder: nothing was written here. */
export async function moveToTrash(file: string, trashDir: string): Promise<string> {
  const target = path.join(trashDir, `${Date.now()}-${path.basename(file)}`);
  await rename(file, target); // near-miss: no-rename-without-fsync (rename of an existing file, nothing written)
  return target;
}
