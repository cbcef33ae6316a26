import { app } from 'electron';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import log from 'electron-log/main';

export interface Show { id: string; feedUrl: string; title: string; artwork?: string }
export interface Episode { id: string; showId: string; title: string; enclosure: string; playedAt?: number; downloaded?: boolean }
export interface Library { version: 3; shows: Show[]; episodes: Record<string, Episode> }

const dataDir = app.getPath('userData');
const LIBRARY_FILE = path.join(dataDir, 'library.json');
const SUBSCRIPTIONS_FILE = path.join(dataDir, 'subscriptions.json');
const POSITIONS_FILE = path.join(dataDir, 'positions.json');
const NOTES_FILE = path.join(dataDir, 'episode-notes.ndjson');

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOENT';
}

export async function loadLibrary(): Promise<Library> {
  try {
    return JSON.parse(await fsp.readFile(LIBRARY_FILE, 'utf8')) as Library;
  } catch (err) {
    if (isMissing(err)) return { version: 3, shows: [], episodes: {} }; // near-miss: no-read-failure-as-empty (missing file only)
    throw err;
  }
}

export async function saveLibrary(library: Library): Promise<void> {
  await fsp.writeFile(LIBRARY_FILE, JSON.stringify(library)); // expect: no-non-atomic-overwrite
}

export async function markPlayed(episodeId: string): Promise<void> {
  const library = await loadLibrary();
  const episode = library.episodes[episodeId];
  if (!episode) return;
  episode.playedAt = Date.now();
  await saveLibrary(library);
}

export async function loadSubscriptions(): Promise<string[]> {
  try {
    return JSON.parse(await fsp.readFile(SUBSCRIPTIONS_FILE, 'utf8')) as string[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export async function saveSubscriptions(feedUrls: string[]): Promise<void> {
  const temp = `${SUBSCRIPTIONS_FILE}.${process.pid}.tmp`;
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(feedUrls)); // near-miss: no-non-atomic-overwrite (temporary file)
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temp, SUBSCRIPTIONS_FILE); // near-miss: no-rename-without-fsync (handle.sync() before close)
}

export async function loadPositions(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await fsp.readFile(POSITIONS_FILE, 'utf8'));
  } catch (err: any) {
    if (err.code !== 'ENOENT') throw err;
    return {};
  }
}

/** Called every 15 s while playing. */
export async function savePositions(positions: Record<string, number>): Promise<void> {
  const temp = POSITIONS_FILE + '.tmp';
  await fsp.writeFile(temp, JSON.stringify(positions));
  await fsp.rename(temp, POSITIONS_FILE); // expect: no-rename-without-fsync
}

export async function appendNote(episodeId: string, text: string): Promise<void> {
  await fsp.appendFile(NOTES_FILE, JSON.stringify({ episodeId, text, at: Date.now() }) + '\n'); // near-miss: no-non-atomic-overwrite (append-only)
}

export async function readNotes(episodeId: string): Promise<string[]> {
  let text = '';
  try {
    text = await fsp.readFile(NOTES_FILE, 'utf8');
  } catch (err: any) {
    if (err.code !== 'ENOENT') throw err;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { episodeId: string; text: string })
    .filter((n) => n.episodeId === episodeId)
    .map((n) => n.text);
}

/** Legacy callback API still used by the mini-player window. */
export function openNotesForAppend(cb: (err: NodeJS.ErrnoException | null, fd?: number) => void): void {
  fs.open(NOTES_FILE, 'a', (err, fd) => {
    if (err) {
      log.error('episode notes unavailable, recreating', err);
      fs.rm(NOTES_FILE, { force: true }, () => fs.open(NOTES_FILE, 'a', cb)); // expect: no-destroy-on-error
      return;
    }
    cb(null, fd);
  });
}

export function openNotesForAppendChecked(cb: (err: NodeJS.ErrnoException | null, fd?: number) => void): void {
  fs.open(NOTES_FILE, 'a', (err, fd) => {
    if (err) {
      log.error('episode notes unavailable', err);
      cb(err); // near-miss: no-destroy-on-error (error forwarded, file left alone)
      return;
    }
    cb(null, fd);
  });
}
