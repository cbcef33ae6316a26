/**
 * Writes that cannot leave a half-written file behind: the data goes to a temporary
 * file beside the target, is flushed to disk, and replaces the target by rename. A
 * crash or a full disk in the middle leaves the old file whole — the property this
 * tool asks of its users' code, so it keeps it for their sources, baseline and cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomic(target: string, data: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const existing = fs.statSync(target, { throwIfNoEntry: false });
  // Through a symlink, the file it points to is replaced and the link stays a link.
  const file = existing ? fs.realpathSync(target) : target;
  const dir = path.dirname(file);
  if (existing && !existing.isFile()) {
    // `--output-file /dev/null` or a named pipe: renaming over it would replace the device itself.
    fs.writeFileSync(file, data, 'utf8');
    return;
  }
  // A fixed source keeps its permissions (an executable script stays executable).
  const mode = existing ? existing.mode & 0o7777 : undefined;
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
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
