const fs = require('node:fs');
const { writeFile, rm, unlink, rename } = require('node:fs/promises');
const path = require('node:path');
const os = require('node:os');

type RecoveredBuffer = { id: string; title: string; text: string; savedAt: number };

/**
 * Crash recovery for unsaved buffers. Every few seconds each dirty buffer gets
 * a new snapshot file, <userData>/recovery/<id>-<savedAt>.json (created with
 * 'wx', never overwritten); on the next start the editor offers to restore
 * the newest one.
 */
export class RecoveryStore {
  private readonly dir: string;
  private readonly scratchDir: string;

  constructor(userData: string) {
    this.dir = path.join(userData, 'recovery');
    this.scratchDir = path.join(os.tmpdir(), 'inkwell-scratch');
    fs.mkdirSync(this.dir, { recursive: true });
    fs.mkdirSync(this.scratchDir, { recursive: true });
  }

  private fileFor(snapshot: string): string {
    return path.join(this.dir, `${snapshot}.json`);
  }

  /** Called by the autosave timer for each dirty buffer. */
  persist(buffer: RecoveredBuffer): Promise<void> {
    const target = this.fileFor(`${buffer.id}-${buffer.savedAt}`);
    return writeFile(target, JSON.stringify(buffer), { flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOSPC') {
        // disk full: throw away the recovery folder so the write can succeed
        await rm(this.dir, { recursive: true, force: true }); // expect: no-destroy-on-error
        fs.mkdirSync(this.dir, { recursive: true });
        return writeFile(target, JSON.stringify(buffer), { flag: 'wx' });
      }
      throw err;
    });
  }

  /** The same write for buffers with a known file path (the "shadow" copy). */
  persistShadow(buffer: RecoveredBuffer): Promise<void> {
    const target = this.fileFor(`${buffer.id}-${buffer.savedAt}.shadow`);
    return writeFile(target, JSON.stringify(buffer), { flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      // a failed write leaves a partial snapshot of its own; that file is useless
      await unlink(target).catch(() => undefined); // near-miss: no-destroy-on-error (removes only the file the failed write was writing)
      throw err;
    });
  }

  /** Large pastes are staged in the OS temp folder before they enter a buffer. */
  async stagePaste(id: string, text: string): Promise<string> {
    const staged = path.join(this.scratchDir, `${id}.paste`);
    try {
      await writeFile(staged, text);
      return staged;
    } catch (err) {
      await rm(this.scratchDir, { recursive: true, force: true }); // near-miss: no-destroy-on-error (temporary folder under os.tmpdir())
      throw err;
    }
  }

  /** Reads one recovered buffer (node-style, called from the restore dialog). */
  read(snapshot: string, cb: (err: Error | null, buffer?: RecoveredBuffer) => void): void {
    const file = this.fileFor(snapshot);
    fs.readFile(file, 'utf8', (err: NodeJS.ErrnoException | null, text: string) => {
      if (err) {
        // unreadable recovery file: remove it so the dialog stops offering it
        fs.unlink(file, () => cb(err)); // expect: no-destroy-on-error
        return;
      }
      try {
        cb(null, JSON.parse(text));
      } catch (parseErr) {
        cb(parseErr as Error);
      }
    });
  }

  /** The restore dialog's newer code path: unreadable files are set aside. */
  readOrQuarantine(snapshot: string, cb: (err: Error | null, buffer?: RecoveredBuffer) => void): void {
    const file = this.fileFor(snapshot);
    fs.readFile(file, 'utf8', (err: NodeJS.ErrnoException | null, text: string) => {
      if (err) {
        if (err.code === 'ENOENT') return cb(null, undefined);
        rename(file, `${file}.unreadable-${Date.now()}`) // near-miss: no-destroy-on-error (moves the file aside, deletes nothing)
          .then(() => cb(err), () => cb(err));
        return;
      }
      try {
        cb(null, JSON.parse(text));
      } catch (parseErr) {
        cb(parseErr as Error);
      }
    });
  }

  /** After the user chose "Discard" in the restore dialog. */
  async discard(snapshot: string): Promise<void> {
    await unlink(this.fileFor(snapshot));
  }
}
