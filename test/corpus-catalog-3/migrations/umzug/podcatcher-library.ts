import { Umzug, type MigrationParams } from 'umzug';
import type Database from 'better-sqlite3';

/**
 * Podcatcher desktop: schema of the local library database.
 * Migrations run in the main process at start-up, before any window opens.
 */

type Ctx = { db: Database.Database };
type Params = MigrationParams<Ctx>;

export const libraryMigrations = [
  {
    name: '0007-episode-chapters',
    async up({ context: { db } }: Params) {
      db.exec(`CREATE TABLE chapters (id INTEGER PRIMARY KEY, episode_id TEXT NOT NULL REFERENCES episodes(id), starts_at REAL NOT NULL, title TEXT)`);
      db.exec(`CREATE INDEX chapters_by_episode ON chapters (episode_id, starts_at)`);
      // bookmarks were a stop-gap before chapters existed
      db.exec(`DROP TABLE episode_bookmarks`); // expect: no-destructive-migration
    },
    async down({ context: { db } }: Params) {
      db.exec(`CREATE TABLE episode_bookmarks (id INTEGER PRIMARY KEY, episode_id TEXT NOT NULL, at REAL NOT NULL, label TEXT)`);
      db.exec(`DROP TABLE chapters`); // near-miss: no-destructive-migration (down)
    },
  },
  {
    name: '0008-listen-history',
    async up({ context: { db } }: Params) {
      db.exec(`CREATE TABLE listens (id INTEGER PRIMARY KEY, episode_id TEXT NOT NULL, listened_at INTEGER NOT NULL, seconds REAL NOT NULL)`);
      db.exec(`INSERT INTO listens (episode_id, listened_at, seconds) SELECT episode_id, played_at, position FROM play_history`);
      db.exec(`DROP TABLE play_history`); // near-miss: no-destructive-migration (copied into listens first)
    },
    async down({ context: { db } }: Params) {
      db.exec(`CREATE TABLE play_history (episode_id TEXT PRIMARY KEY, played_at INTEGER, position REAL)`);
      db.exec(`INSERT OR REPLACE INTO play_history SELECT episode_id, MAX(listened_at), MAX(seconds) FROM listens GROUP BY episode_id`);
      db.exec(`DROP TABLE listens`);
    },
  },
  {
    name: '0009-download-priority',
    async up({ context: { db } }: Params) {
      db.exec(`ALTER TABLE downloads ADD COLUMN priority INTEGER NOT NULL DEFAULT 0`);
      // the old queue order cannot be mapped onto priorities; start the queue over
      db.exec(`DELETE FROM downloads`); // expect: no-destructive-migration
    },
    async down() {},
  },
  {
    name: '0010-download-cleanup',
    async up({ context: { db } }: Params) {
      db.exec(`ALTER TABLE downloads ADD COLUMN last_error TEXT`);
      db.exec(`DELETE FROM downloads WHERE status = 'failed' AND attempts > 5`); // near-miss: no-destructive-migration (WHERE clause)
    },
    async down() {},
  },
  {
    name: '0011-smart-playlists',
    async up({ context: { db } }: Params) {
      db.exec(`ALTER TABLE playlists RENAME TO playlists_backup_0011`);
      db.exec(`CREATE TABLE playlists (id TEXT PRIMARY KEY, name TEXT NOT NULL, rules TEXT, created_at INTEGER NOT NULL)`);
      db.exec(`INSERT INTO playlists (id, name, rules, created_at) SELECT id, name, NULL, created_at FROM playlists_backup_0011`);
    },
    async down({ context: { db } }: Params) {
      db.exec(`DROP TABLE playlists`);
      db.exec(`ALTER TABLE playlists_backup_0011 RENAME TO playlists`);
    },
  },
  {
    // The sync tokens moved to the OS keychain in 0006; this only removes the leftover table.
    name: '0012-drop-sync-tokens',
    async up({ context: { db } }: Params) {
      db.exec(`DROP TABLE IF EXISTS legacy_sync_tokens`); // near-miss: no-destructive-migration (removal-only migration; reportRemovals is off by default)
    },
    async down() {},
  },
];

export function createMigrator(db: Database.Database) {
  return new Umzug<Ctx>({
    migrations: libraryMigrations,
    context: { db },
    storage: {
      async executed() {
        db.exec('CREATE TABLE IF NOT EXISTS umzug_meta (name TEXT PRIMARY KEY)');
        return (db.prepare('SELECT name FROM umzug_meta').all() as Array<{ name: string }>).map((r) => r.name);
      },
      async logMigration({ name }) {
        db.prepare('INSERT INTO umzug_meta (name) VALUES (?)').run(name);
      },
      async unlogMigration({ name }) {
        db.prepare('DELETE FROM umzug_meta WHERE name = ?').run(name);
      },
    },
    logger: console,
  });
}
