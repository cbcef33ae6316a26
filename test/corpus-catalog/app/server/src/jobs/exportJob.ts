import { createWriteStream, promises as fsp } from 'node:fs';
import * as fs from 'node:fs';
import { finished, pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import path from 'node:path';
import { exportRows, type ExportRow } from './exportSource';

// Long-running export worker: turns a workspace into an NDJSON archive users download.

const WORK_DIR = process.env.EXPORT_DIR ?? '/var/lib/exports';
const PROGRESS_FILE = path.join(WORK_DIR, 'progress.json');

export type Progress = { jobId: string; workspaceId: string; cursor: string | null; written: number };

/** temp + sync + rename, so a crash never leaves a torn progress file */
export async function saveProgress(progress: Progress): Promise<void> {
  const temp = `${PROGRESS_FILE}.${process.pid}.tmp`;
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(progress));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temp, PROGRESS_FILE); // near-miss: no-rename-without-fsync (handle.sync)
}

export function installShutdownHandlers(getProgress: () => Progress): void {
  // Kubernetes sends SIGTERM on rollout; we resume from the saved cursor.
  process.on('SIGTERM', () => {
    saveProgress(getProgress());
    process.exit(0); // expect: no-unfinished-write-at-exit
  });

  process.on('SIGINT', async () => {
    await saveProgress(getProgress());
    process.exit(130); // near-miss: no-unfinished-write-at-exit (save awaited)
  });
}

const toNdjson = () =>
  new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _enc, cb) {
      cb(null, JSON.stringify(row) + '\n');
    },
  });

/** Writes the archive next to its final name and moves it in place when complete. */
export async function writeArchive(workspaceId: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  await pipeline(Readable.from(exportRows(workspaceId)), toNdjson(), createWriteStream(partial));
  await fsp.rename(partial, target); // expect: no-rename-without-fsync
}

export async function writeAuditArchive(workspaceId: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  await pipeline(Readable.from(exportRows(workspaceId, { auditOnly: true })), toNdjson(), createWriteStream(partial, { flush: true }));
  await fsp.rename(partial, target); // near-miss: no-rename-without-fsync (stream opened with flush: true)
}

export function writeManifest(dir: string, manifest: object, cb: (err: NodeJS.ErrnoException | null) => void): void {
  const file = path.join(dir, 'manifest.json');
  const tmp = `${file}.tmp`;
  fs.writeFile(tmp, JSON.stringify(manifest, null, 2), (err) => {
    if (err) return cb(err);
    fs.rename(tmp, file, cb); // expect: no-rename-without-fsync
  });
}

export function writeChecksums(dir: string, sums: Record<string, string>, cb: (err: NodeJS.ErrnoException | null) => void): void {
  const file = path.join(dir, 'SHA256SUMS');
  const tmp = `${file}.tmp`;
  const text = Object.entries(sums).map(([name, sum]) => `${sum}  ${name}`).join('\n') + '\n';
  fs.writeFile(tmp, text, { flush: true }, (err) => {
    if (err) return cb(err);
    fs.rename(tmp, file, cb); // near-miss: no-rename-without-fsync (flush: true)
  });
}

/** CLI entry used by the ops runbook for a one-off export to a local file. */
export async function exportToFileAndExit(workspaceId: string, file: string): Promise<void> {
  const out = createWriteStream(file);
  for await (const row of exportRows(workspaceId)) {
    if (!out.write(JSON.stringify(row) + '\n')) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  console.log(`export of ${workspaceId} written to ${file}`);
  process.exit(0); // expect: no-unfinished-write-at-exit
}

export async function exportAuditToFileAndExit(workspaceId: string, file: string): Promise<void> {
  const out = createWriteStream(file);
  for await (const row of exportRows(workspaceId, { auditOnly: true })) {
    if (!out.write(JSON.stringify(row) + '\n')) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await finished(out);
  process.exit(0); // near-miss: no-unfinished-write-at-exit (waits for finished)
}
