import fse from 'fs-extra';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import * as readline from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import got from 'got';

export type Station = { id: string; name: string; lat: number; lon: number; datum: string };
type TidePrediction = { t: string; v: number; type: 'H' | 'L' };
type TideTable = { stationId: string; generatedAt: string; predictions: TidePrediction[] };

const DATA_DIR = process.env.TIDEWATCH_DATA ?? '/var/lib/tidewatch';
const STATIONS_CSV = path.join(DATA_DIR, 'stations.csv');
const OVERRIDES_CSV = path.join(DATA_DIR, 'station-overrides.csv');
const NOTES_CSV = path.join(DATA_DIR, 'station-notes.csv');
const TIDE_TABLES_DIR = path.join(DATA_DIR, 'tide-tables');
const PREDICTIONS_API = process.env.TIDEWATCH_PREDICTIONS_API ?? 'https://tides.example.org/api';

async function readCsv(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim()) rows.push(line.split(','));
  }
  return rows;
}

export async function readStations(): Promise<Station[]> {
  const rows = await readCsv(STATIONS_CSV);
  return rows.map(([id, name, lat, lon, datum]) => ({ id, name, lat: Number(lat), lon: Number(lon), datum }));
}

export async function saveStations(stations: Station[]): Promise<void> {
  const temp = `${STATIONS_CSV}.tmp`;
  const out = createWriteStream(temp);
  for (const s of stations) out.write(`${s.id},${s.name},${s.lat},${s.lon},${s.datum}\n`);
  out.end();
  await finished(out);
  await rename(temp, STATIONS_CSV); // expect: no-rename-without-fsync
}

export async function readOverrides(): Promise<Map<string, string>> {
  const rows = await readCsv(OVERRIDES_CSV);
  return new Map(rows.map(([id, datum]) => [id, datum]));
}

export async function saveOverrides(overrides: Map<string, string>): Promise<void> {
  const temp = `${OVERRIDES_CSV}.${process.pid}.tmp`;
  const out = createWriteStream(temp, { flush: true });
  for (const [id, datum] of overrides) out.write(`${id},${datum}\n`);
  out.end();
  await finished(out);
  await rename(temp, OVERRIDES_CSV); // near-miss: no-rename-without-fsync, no-non-atomic-overwrite (flush: true stream to a temp file)
}

/** Free-text notes the field technician keeps per station ("barnacles on the float, cleaned 03/12"). */
export async function readNotes(): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const rl = readline.createInterface({ input: createReadStream(NOTES_CSV), crlfDelay: Infinity });
  for await (const line of rl) {
    const [id, ...rest] = line.split(',');
    if (id) notes.set(id, rest.join(','));
  }
  return notes;
}

export async function setNote(stationId: string, note: string): Promise<void> {
  const notes = await readNotes();
  notes.set(stationId, note.replace(/[\r\n]+/g, ' '));
  const out = createWriteStream(NOTES_CSV); // expect: no-non-atomic-overwrite
  for (const [id, text] of notes) out.write(`${id},${text}\n`);
  out.end();
  await finished(out);
}

function isTideTable(value: unknown, stationId: string): value is TideTable {
  const t = value as TideTable;
  return !!t && t.stationId === stationId && Array.isArray(t.predictions) && t.predictions.length > 0;
}

/** Weekly job; the gauge is often offline for days, so these tables are what it works from. */
export async function refreshTideTables(stationIds: string[]): Promise<void> {
  await fse.emptyDir(TIDE_TABLES_DIR); // expect: no-wipe-then-refill
  for (const id of stationIds) {
    const table = await got(`${PREDICTIONS_API}/stations/${id}/predictions`, { timeout: { request: 30_000 } }).json<TideTable>();
    await fse.writeJson(path.join(TIDE_TABLES_DIR, `${id}.json`), table);
  }
}

/** Manual "update tables now" from the maintenance console. */
export async function updateTideTables(stationIds: string[]): Promise<void> {
  const staging = await fse.mkdtemp(path.join(os.tmpdir(), 'tide-tables-'));
  try {
    for (const id of stationIds) {
      const table = await got(`${PREDICTIONS_API}/stations/${id}/predictions`, { timeout: { request: 30_000 } }).json<unknown>();
      if (!isTideTable(table, id)) throw new Error(`predictions for ${id} are empty or malformed; tables not replaced`);
      await fse.writeJson(path.join(staging, `${id}.json`), table);
    }
    await fse.emptyDir(TIDE_TABLES_DIR); // near-miss: no-wipe-then-refill (every response validated before the clear)
    await fse.copy(staging, TIDE_TABLES_DIR);
  } finally {
    await fse.remove(staging);
  }
}
