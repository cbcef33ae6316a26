/**
 * Writes that cannot leave a half-written file behind: the data goes to a temporary
 * file beside the target, is flushed to disk, and replaces the target by rename. A
 * crash or a full disk in the middle leaves the old file whole — the property this
 * tool asks of its users' code, so it keeps it for their sources, baseline and cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomic(file: string, data: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let mode: number | undefined;
  try {
    // A fixed source keeps its permissions (an executable script stays executable).
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const fd = fs.openSync(temp, 'w', mode ?? 0o666);
  try {
    fs.writeFileSync(fd, data, 'utf8');
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    if (mode !== undefined) fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable; not every platform can open a directory, which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; its rename is durable enough once the data is.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
