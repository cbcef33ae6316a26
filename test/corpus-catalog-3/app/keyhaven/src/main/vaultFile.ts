import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import log from 'electron-log/main';

export interface VaultMeta {
  vaultId: string;
  kdf: { name: 'argon2id'; memory: number; iterations: number };
  createdAt: string;
  modifiedAt: string;
  lastSyncRevision: number;
}

export class VaultLockedError extends Error {}

export class VaultFile {
  private readonly vaultPath: string;
  private readonly keyfilePath: string;
  private readonly metaPath: string;
  private readonly recentPath: string;

  constructor(private readonly dir: string) {
    this.vaultPath = path.join(dir, 'vault.khv');
    this.keyfilePath = path.join(dir, 'device.key');
    this.metaPath = path.join(dir, 'vault.meta.json');
    this.recentPath = path.join(dir, 'recent-items.json');
  }

  /** Encrypted vault body: temp, fsync, rename, then fsync the directory. */
  writeVault(ciphertext: Buffer): void {
    const temp = `${this.vaultPath}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, ciphertext);
      fs.fsyncSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true }); // near-miss: no-destroy-on-error (removes its own temporary file)
      throw err;
    }
    fs.closeSync(fd);
    fs.renameSync(temp, this.vaultPath); // near-miss: no-rename-without-fsync (fsyncSync before close)
    const dirFd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  }

  /** Per-device key that unwraps the vault key; rewritten when the device is re-enrolled. */
  writeKeyfile(wrappedKey: Buffer): void {
    const temp = `${this.keyfilePath}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    fs.writeSync(fd, wrappedKey);
    fs.closeSync(fd);
    fs.renameSync(temp, this.keyfilePath); // expect: no-rename-without-fsync
  }

  readKeyfile(): Buffer {
    return fs.readFileSync(this.keyfilePath);
  }

  /** Returns the encrypted vault, or null on first run. */
  openOrCreate(): Promise<Buffer | null> {
    return fsp.readFile(this.vaultPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      log.error('vault unreadable', err);
      throw new VaultLockedError(`The vault file could not be read (${err.code}). It was not modified.`); // near-miss: no-destroy-on-error (rethrows, file untouched)
    });
  }

  /** Older entry point kept for the CLI companion (`keyhaven-cli unlock`). */
  openForCli(): Promise<Buffer> {
    return fsp.readFile(this.vaultPath).catch(async (err) => {
      log.error('vault unreadable; starting a new one', err);
      await fsp.rm(this.dir, { recursive: true, force: true }); // expect: no-destroy-on-error
      await fsp.mkdir(this.dir, { recursive: true });
      return Buffer.alloc(0);
    });
  }

  readMeta(cb: (err: Error | null, meta?: VaultMeta) => void): void {
    fs.readFile(this.metaPath, 'utf8', (err, text) => {
      if (err) return cb(err);
      let meta: VaultMeta;
      try {
        meta = JSON.parse(text) as VaultMeta;
      } catch (parseErr) {
        return cb(parseErr as Error);
      }
      cb(null, meta);
    });
  }

  touchMeta(patch: Partial<VaultMeta>, cb: (err: Error | null) => void): void {
    this.readMeta((err, meta) => {
      if (err || !meta) return cb(err ?? new Error('vault meta missing'));
      const next: VaultMeta = { ...meta, ...patch, modifiedAt: new Date().toISOString() };
      fs.writeFile(this.metaPath, JSON.stringify(next, null, 2), cb); // expect: no-non-atomic-overwrite
    });
  }

  async readRecent(): Promise<string[]> {
    try {
      return JSON.parse(await fsp.readFile(this.recentPath, 'utf8')) as string[];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return [];
    }
  }

  async rememberRecent(itemId: string): Promise<void> {
    const recent = await this.readRecent();
    const next = [itemId, ...recent.filter((id) => id !== itemId)].slice(0, 20);
    await writeFileAtomic(this.recentPath, JSON.stringify(next), { mode: 0o600 }); // near-miss: no-non-atomic-overwrite (write-file-atomic)
  }
}
