import * as SQLite from 'expo-sqlite';
import Realm from 'realm';
import { CookLog, Recipe, RecipeTag, Timer } from './realmModels';
import { reportError } from '../util/reportError';
import { migrateRecipes } from './migrateRecipes';

const RECIPES_DB = 'recipes.db';
const COOK_LOG_DB = 'cook-log.db';
const IMPORT_STAGING_DB = 'import-staging.tmp.db';

export class RecipesDbUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super('The recipe database could not be opened. Nothing was deleted.');
  }
}

/** Called by the share extension, which has its own short-lived JS context. */
export async function openRecipesDbWithRecovery(): Promise<SQLite.SQLiteDatabase> {
  try {
    const db = await SQLite.openDatabaseAsync(RECIPES_DB);
    await db.execAsync('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    await migrateRecipes(db);
    return db;
  } catch (err) {
    reportError('recipes.db failed to open from the share extension, recreating it', err);
    await SQLite.deleteDatabaseAsync(RECIPES_DB); // expect: no-destroy-on-error
    const fresh = await SQLite.openDatabaseAsync(RECIPES_DB);
    await migrateRecipes(fresh);
    return fresh;
  }
}

/** Called by the app at start-up. */
export async function openRecipesDb(): Promise<SQLite.SQLiteDatabase> {
  let db: SQLite.SQLiteDatabase;
  try {
    db = await SQLite.openDatabaseAsync(RECIPES_DB);
  } catch (err) {
    reportError('recipes.db failed to open', err);
    throw new RecipesDbUnavailableError(err); // near-miss: no-destroy-on-error (the app shows a recovery screen instead)
  }
  await db.execAsync('PRAGMA journal_mode = WAL;');
  await db.execAsync('PRAGMA synchronous = NORMAL;'); // near-miss: no-unacknowledged-write (NORMAL with WAL)
  await migrateRecipes(db);
  return db;
}

/** The cook log gets a row on every timer tick while cooking, so it was tuned for speed. */
export async function openCookLogDb(): Promise<SQLite.SQLiteDatabase> {
  const db = await SQLite.openDatabaseAsync(COOK_LOG_DB);
  await db.execAsync('PRAGMA journal_mode = WAL;');
  await db.execAsync('PRAGMA synchronous = OFF;'); // expect: no-unacknowledged-write
  await db.execAsync(
    'CREATE TABLE IF NOT EXISTS cook_log (id INTEGER PRIMARY KEY, recipe_id TEXT NOT NULL, step INTEGER, at INTEGER NOT NULL, note TEXT)',
  );
  return db;
}

/** Import of a shared cookbook: thousands of rows, durable once it is done. */
export async function importCookbook(db: SQLite.SQLiteDatabase, rows: Array<{ id: string; title: string; body: string }>): Promise<void> {
  const staging = await SQLite.openDatabaseAsync(IMPORT_STAGING_DB);
  try {
    await staging.execAsync('CREATE TABLE IF NOT EXISTS staged (id TEXT PRIMARY KEY, title TEXT, body TEXT)');
    for (const row of rows) {
      await staging.runAsync('INSERT OR REPLACE INTO staged (id, title, body) VALUES (?, ?, ?)', row.id, row.title, row.body);
    }
  } catch (err) {
    await staging.closeAsync();
    await SQLite.deleteDatabaseAsync(IMPORT_STAGING_DB); // near-miss: no-destroy-on-error (temporary staging database)
    throw err;
  }
  await db.execAsync('PRAGMA synchronous = OFF;'); // near-miss: no-unacknowledged-write (restored to FULL in the finally below)
  try {
    await db.withTransactionAsync(async () => {
      const staged = await staging.getAllAsync<{ id: string; title: string; body: string }>('SELECT id, title, body FROM staged');
      for (const row of staged) {
        await db.runAsync('INSERT OR REPLACE INTO recipes (id, title, body) VALUES (?, ?, ?)', row.id, row.title, row.body);
      }
    });
  } finally {
    await db.execAsync('PRAGMA synchronous = FULL;');
    await staging.closeAsync();
  }
}

const realmSchema = [Recipe, RecipeTag, CookLog, Timer];

/** Widget extension: reads favourites, writes "last cooked" timestamps. */
export function openWidgetRealm(): Promise<Realm> {
  return Realm.open({
    schema: realmSchema,
    schemaVersion: 12,
    deleteRealmIfMigrationNeeded: true, // expect: no-destructive-migration
  });
}

export function openAppRealm(): Promise<Realm> {
  return Realm.open({
    schema: realmSchema,
    schemaVersion: 12,
    deleteRealmIfMigrationNeeded: __DEV__, // near-miss: no-destructive-migration (development builds only)
    onMigration: (oldRealm, newRealm) => {
      if (oldRealm.schemaVersion < 12) {
        for (const timer of newRealm.objects<Timer>('Timer')) {
          timer.label = timer.label ?? 'Timer';
        }
      }
    },
  });
}
