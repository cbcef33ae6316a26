import * as SQLite from 'expo-sqlite';
import type { HeartRateSample, LapRow } from '../types';

/**
 * Two on-device databases:
 *  - samples.db: per-second heart-rate / cadence samples recorded during a workout
 *  - laps.db:    lap summaries, edited by the user after the run
 */

let samplesDb: SQLite.SQLiteDatabase | null = null;
let lapsDb: SQLite.SQLiteDatabase | null = null;

const SAMPLES_SCHEMA = `
  CREATE TABLE IF NOT EXISTS samples (
    workout_id TEXT NOT NULL,
    t INTEGER NOT NULL,
    bpm INTEGER,
    cadence INTEGER,
    PRIMARY KEY (workout_id, t)
  );
`;

const LAPS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS laps (
    id TEXT PRIMARY KEY,
    workout_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    distance_m REAL NOT NULL,
    duration_s REAL NOT NULL,
    note TEXT
  );
`;

export async function openSamplesDb(): Promise<SQLite.SQLiteDatabase> {
  if (samplesDb) return samplesDb;
  const db = await SQLite.openDatabaseAsync('samples.db');
  // recording at 1 Hz on old Android phones was dropping samples; go fast
  await db.execAsync('PRAGMA journal_mode = MEMORY'); // expect: no-unacknowledged-write
  await db.execAsync(SAMPLES_SCHEMA);
  samplesDb = db;
  return db;
}

export async function openLapsDb(): Promise<SQLite.SQLiteDatabase> {
  if (lapsDb) return lapsDb;
  const db = await SQLite.openDatabaseAsync('laps.db');
  await db.execAsync('PRAGMA journal_mode = WAL'); // near-miss: no-unacknowledged-write (WAL keeps a journal)
  await db.execAsync('PRAGMA synchronous = NORMAL'); // near-miss: no-unacknowledged-write (NORMAL with WAL still syncs at checkpoints)
  await db.execAsync(LAPS_SCHEMA);
  lapsDb = db;
  return db;
}

export async function appendSamples(workoutId: string, samples: HeartRateSample[]): Promise<void> {
  const db = await openSamplesDb();
  await db.withTransactionAsync(async () => {
    for (const s of samples) {
      await db.runAsync(
        'INSERT OR REPLACE INTO samples (workout_id, t, bpm, cadence) VALUES (?, ?, ?, ?)',
        workoutId,
        s.t,
        s.bpm ?? null,
        s.cadence ?? null,
      );
    }
  });
}

/**
 * Importing a year of laps from a Garmin export is slow with a full sync per
 * transaction; relax it for the import and put it back afterwards.
 */
export async function importLaps(rows: LapRow[]): Promise<number> {
  const db = await openLapsDb();
  await db.execAsync('PRAGMA synchronous = OFF'); // near-miss: no-unacknowledged-write (bounded bulk load, set back to FULL below)
  try {
    await db.withTransactionAsync(async () => {
      for (const row of rows) {
        await db.runAsync(
          'INSERT OR IGNORE INTO laps (id, workout_id, idx, distance_m, duration_s, note) VALUES (?, ?, ?, ?, ?, ?)',
          row.id,
          row.workoutId,
          row.idx,
          row.distanceM,
          row.durationS,
          row.note ?? null,
        );
      }
    });
  } finally {
    await db.execAsync('PRAGMA synchronous = FULL');
  }
  return rows.length;
}

export async function updateLapNote(lapId: string, note: string): Promise<void> {
  const db = await openLapsDb();
  await db.runAsync('UPDATE laps SET note = ? WHERE id = ?', note, lapId);
}

/** A scratch database for the route-simplification worker; thrown away after use. */
export async function openScratch(): Promise<SQLite.SQLiteDatabase> {
  const scratch = await SQLite.openDatabaseAsync(':memory:');
  await scratch.execAsync('PRAGMA journal_mode = OFF'); // near-miss: no-unacknowledged-write (:memory: database)
  return scratch;
}
