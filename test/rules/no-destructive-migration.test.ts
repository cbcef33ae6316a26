import { noDestructiveMigration } from '../../rules/no-destructive-migration';
import { runRuleTests } from '../support/rule-tester';

const TYPEORM = `import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';\n`;

runRuleTests(noDestructiveMigration, {
  valid: [
    { name: 'down may drop what up created', filename: 'migrations/001.js', code: `exports.up = (knex) => knex.schema.createTable('notes', (t) => { t.increments(); });\nexports.down = (knex) => knex.schema.dropTable('notes');` },
    { name: 'TypeORM down with DROP TABLE', code: `${TYPEORM}export class Init1 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query('CREATE TABLE "note" ("id" serial PRIMARY KEY)');\n  }\n  async down(q: QueryRunner) {\n    await q.query('DROP TABLE "note"');\n  }\n}` },
    { name: 'constraints, indexes and defaults hold no data', code: `${TYPEORM}export class C2 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query('ALTER TABLE "user" DROP CONSTRAINT "FK_1", DROP INDEX "IDX_2"');\n    await q.query('ALTER TABLE "user" ALTER COLUMN "name" DROP DEFAULT');\n    await q.query('ALTER TABLE "user" ALTER COLUMN "name" DROP NOT NULL');\n    await q.dropIndex('user', 'IDX_3');\n    await q.dropForeignKey('user', 'FK_4');\n  }\n  async down() {}\n}` },
    { name: 'TypeORM SQLite rebuild copies before it drops', code: `${TYPEORM}export class Rebuild3 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query('CREATE TABLE "temporary_user" ("id" integer PRIMARY KEY, "name" varchar)');\n    await q.query('INSERT INTO "temporary_user"("id", "name") SELECT "id", "name" FROM "user"');\n    await q.query('DROP TABLE "user"');\n    await q.query('ALTER TABLE "temporary_user" RENAME TO "user"');\n  }\n  async down() {}\n}` },
    { name: 'column copied by UPDATE before the drop', code: `${TYPEORM}export class Split4 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.addColumn('user', new TableColumn({ name: 'first', type: 'varchar' }));\n    await q.query('UPDATE "user" SET "first" = split_part("name", \\' \\', 1)');\n    await q.dropColumn('user', 'name');\n  }\n  async down() {}\n}` },
    { name: 'table backed up with CREATE TABLE AS SELECT', filename: 'migrations/002.js', code: `exports.up = async (knex) => {\n  await knex.raw('CREATE TABLE reports_backup AS SELECT * FROM reports');\n  await knex.schema.dropTable('reports');\n};\nexports.down = async () => {};` },
    { name: 'renamed to a backup name', filename: 'migrations/003.js', code: `exports.up = async (knex) => {\n  await knex.schema.renameTable('reports', 'reports_old');\n  await knex.schema.createTable('reports', (t) => { t.increments(); });\n};` },
    { name: 'a backup helper runs first', code: `import type { Knex } from 'knex';\nimport { backupTable } from '../backup';\nexport async function up(knex: Knex) {\n  await backupTable(knex, 'reports');\n  await knex.schema.dropTable('reports');\n}` },
    { name: 'data moved in code: read, write, then drop', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  const rows = await knex('users').select('id', 'nickname');\n  for (const r of rows) await knex('profiles').insert({ user_id: r.id, nickname: r.nickname });\n  await knex.schema.alterTable('users', (t) => t.dropColumn('nickname'));\n}` },
    { name: 'rows read and re-inserted through SQL before the drop (slonik)', code: `declare const sql: any;\nexport const alteration = {\n  up: async (pool: any) => {\n    const users = await pool.any(sql\`select id, role_names from users\`);\n    for (const user of users) await pool.query(sql\`insert into users_roles (user_id, role) values (\${user.id}, \${user.roleNames[0]})\`);\n    await pool.query(sql\`alter table users drop column role_names\`);\n  },\n};` },
    { name: 'a derived table regenerated row by row from a read', code: `declare const sql: any;\nexport const alteration = {\n  up: async (pool: any) => {\n    await pool.query(sql\`delete from daily_active_users\`);\n    const { rows } = await pool.query(sql\`select user_id, created_at from logs\`);\n    for (const r of rows) await pool.query(sql\`insert into daily_active_users (user_id, date) values (\${r.user_id}, \${r.created_at})\`);\n  },\n};` },
    { name: 'a guard that checks the data moved and refuses otherwise', code: `module.exports = {\n  async up(queryInterface) {\n    const [rows] = await queryInterface.sequelize.query('SELECT COUNT(*) AS n FROM authentication_providers');\n    if (rows[0].n === 0) throw new Error('Refusing to drop slackId before providers are migrated');\n    await queryInterface.removeColumn('teams', 'slackId');\n  },\n};`, filename: 'migrations/007.js' },
    { name: 'a copy whose SQL is split over lines with +', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('invoices_v2', (t) => t.increments('id'));\n  await knex.raw(\n    'INSERT INTO invoices_v2 (id, total) ' +\n      'SELECT id, amount FROM invoices',\n  );\n  await knex.schema.dropTable('invoices');\n}` },
    { name: 'a drop after checking the table is empty with count()', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('schedules', (t) => t.increments('id'));\n  const [{ count }] = await knex('schedules_proto').count({ count: '*' });\n  if (Number(count) > 0) throw new Error('schedules_proto still has rows');\n  await knex.schema.dropTable('schedules_proto');\n}` },
    { name: 'a temporary table created in the same up', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('tmp_ids', (t) => t.integer('id'));\n  await knex.raw('INSERT INTO tmp_ids SELECT id FROM users WHERE inactive');\n  await knex.schema.dropTable('tmp_ids');\n}` },
    { name: 'idempotent first migration', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.dropTableIfExists('users');\n  await knex.schema.createTable('users', (t) => t.increments());\n}` },
    { name: 'DELETE with WHERE and a filtered knex delete', code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.raw('DELETE FROM sessions WHERE expires_at < now()');\n  await knex('sessions').where('expired', true).del();\n}` },
    { name: 'a derived table emptied and rebuilt from others', filename: 'migrations/004.js', code: `exports.up = function (db, cb) {\n  db.runSql('DELETE FROM daily_totals; INSERT INTO daily_totals (day, total) SELECT date_trunc(\\'day\\', created_at), sum(amount) FROM orders GROUP BY 1;', cb);\n};` },
    { name: 'a derived column dropped, re-added and recomputed', filename: 'migrations/005.js', code: `exports.up = function (db, cb) {\n  db.runSql('ALTER TABLE users DROP COLUMN email_hash; ALTER TABLE users ADD COLUMN email_hash TEXT; UPDATE users SET email_hash = encode(sha256(email::bytea), \\'hex\\');', cb);\n};` },
    { name: 'knex seeds are not migrations', code: `import type { Knex } from 'knex';\nexport async function seed(knex: Knex) {\n  await knex('users').del();\n  await knex('users').insert([{ name: 'a' }]);\n}` },
    { name: 'a migration that only removes is not reported by default (the move ran earlier)', filename: 'migrations/008.js', code: `exports.up = (knex) => knex.schema.alterTable('users', (t) => {\n  t.dropColumn('isAdmin');\n});` },
    { name: 'an up() that is not a migration', code: `export const keys = {\n  up() { move(-1); },\n  down() { move(1); },\n};\ndeclare function move(d: number): void;` },
    { name: 'synchronize behind a non-production guard', code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', entities: [], synchronize: process.env.NODE_ENV !== 'production' });\nexport const dev = process.env.NODE_ENV === 'development' ? new DataSource({ type: 'postgres', synchronize: true }) : null;` },
    { name: 'synchronize inside an if (isDev)', code: `declare const isDev: boolean;\nexport function options() {\n  if (isDev) {\n    return { type: 'sqlite', database: 'dev.db', synchronize: true };\n  }\n  return { type: 'sqlite', database: 'app.db', migrationsRun: true };\n}` },
    { name: 'synchronize on something that is not TypeORM', code: `export const store = { name: 'prefs', synchronize: true };` },
    { name: 'in-memory SQLite', code: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'sqlite', database: ':memory:', synchronize: true, dropSchema: true });` },
    { name: 'sequelize sync without force, or alter without drops', code: `declare const sequelize: { sync(o?: object): Promise<void> };\nexport async function start() {\n  await sequelize.sync();\n  await sequelize.sync({ alter: { drop: false } });\n}` },
    { name: 'an app store sync is a data sync, not a schema sync', code: `declare const useAppStore: { getState(): { sync(o: object): Promise<void> } };\nexport function forcePush() {\n  return useAppStore.getState().sync({ force: true, type: 'send' });\n}` },
    { name: 'sequelize force sync in tests', filename: 'test/setup.ts', code: `declare const sequelize: { sync(o?: object): Promise<void> };\nexport async function reset() {\n  await sequelize.sync({ force: true });\n}` },
    { name: 'Realm reset only in development', code: `declare const __DEV__: boolean;\nexport const config = { schema: [], deleteRealmIfMigrationNeeded: __DEV__ };` },
  ],
  invalid: [
    {
      name: 'a DROP TABLE split over lines with + and no copy before it',
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('invoices_v2', (t) => t.increments('id'));\n  await knex.raw(\n    'DROP TABLE ' +\n      'invoices',\n  );\n}`,
      errors: [{ messageId: 'dropTable', line: 4 }],
    },
    {
      name: 'TypeORM rename generated as drop + add',
      code: `${TYPEORM}export class Rename1 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query('ALTER TABLE "user" DROP COLUMN "name"');\n    await q.query('ALTER TABLE "user" ADD "fullName" varchar NOT NULL');\n  }\n  async down() {}\n}`,
      errors: [{ messageId: 'dropColumn', line: 4, messageIncludes: 'user.name' }],
    },
    {
      name: 'TypeORM queryRunner drops',
      options: { reportRemovals: true },
      code: `${TYPEORM}export class Cleanup2 implements MigrationInterface {\n  async up(queryRunner: QueryRunner) {\n    await queryRunner.dropTable('reports');\n    await queryRunner.dropColumn('post', 'legacyBody');\n    await queryRunner.clearTable('audit');\n  }\n  async down() {}\n}`,
      errors: [
        { messageId: 'dropTable', line: 4, messageIncludes: 'reports' },
        { messageId: 'dropColumn', line: 5, messageIncludes: 'post.legacyBody' },
        { messageId: 'deleteRows', line: 6 },
      ],
    },
    {
      name: 'knex in CommonJS',
      options: { reportRemovals: true },
      filename: 'migrations/20240101_cleanup.js',
      code: `exports.up = async function (knex) {\n  await knex.schema.alterTable('users', (table) => {\n    table.dropColumn('nickname');\n    table.dropForeign('team_id');\n  });\n  await knex.schema.dropTableIfExists('sessions');\n  await knex('events').del();\n  await knex('events').truncate();\n};`,
      errors: [
        { messageId: 'dropColumn', line: 3, messageIncludes: 'users.nickname' },
        { messageId: 'dropTable', line: 6 },
        { messageId: 'deleteRows', line: 7 },
        { messageId: 'deleteRows', line: 8 },
      ],
    },
    {
      name: 'Sequelize queryInterface',
      options: { reportRemovals: true },
      code: `module.exports = {\n  async up(queryInterface) {\n    await queryInterface.removeColumn('Users', 'phone');\n    await queryInterface.bulkDelete('Logs', null, {});\n    await queryInterface.dropTable('Legacy');\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('Users');\n  },\n};`,
      filename: 'migrations/20240101-cleanup.js',
      errors: [{ messageId: 'dropColumn', line: 3 }, { messageId: 'deleteRows', line: 4 }, { messageId: 'dropTable', line: 5 }],
    },
    {
      name: 'Umzug with context',
      code: `export const up = async ({ context: queryInterface }: { context: any }) => {\n  await queryInterface.sequelize.query('TRUNCATE TABLE events');\n};\nexport const down = async () => {};`,
      errors: [{ messageId: 'deleteRows', line: 2 }],
    },
    {
      name: 'migrate-mongo',
      options: { reportRemovals: true },
      code: `module.exports = {\n  async up(db) {\n    await db.collection('drafts').drop();\n    await db.collection('users').updateMany({}, { $unset: { avatar: '' } });\n    await db.collection('logs').deleteMany({});\n  },\n  async down() {},\n};`,
      filename: 'migrations/2024-cleanup.js',
      errors: [
        { messageId: 'dropTable', line: 3, messageIncludes: 'collection `drafts`' },
        { messageId: 'dropColumn', line: 4, messageIncludes: 'field `users.avatar`' },
        { messageId: 'deleteRows', line: 5 },
      ],
    },
    {
      name: 'kysely',
      options: { reportRemovals: true },
      code: `import { Kysely, sql } from 'kysely';\nexport async function up(db: Kysely<any>) {\n  await db.schema.alterTable('person').dropColumn('middle_name').execute();\n  await sql\`DROP TABLE pet\`.execute(db);\n}`,
      errors: [{ messageId: 'dropColumn', line: 3, messageIncludes: 'person.middle_name' }, { messageId: 'dropTable', line: 4 }],
    },
    {
      name: 'the backup comes after the drop',
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.dropTable('reports');\n  await knex.raw('CREATE TABLE reports_backup AS SELECT * FROM reports');\n}`,
      errors: [{ messageId: 'dropTable', line: 3 }],
    },
    {
      name: 'by default: a table dropped while its replacement is created',
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('reports_v2', (t) => { t.increments(); t.jsonb('body'); });\n  await knex.schema.dropTable('reports');\n}`,
      errors: [{ messageId: 'dropTable', line: 4 }],
    },
    {
      name: 'by default: a knex column replaced by another',
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.alterTable('users', (t) => {\n    t.string('full_name');\n    t.dropColumn('name');\n  });\n}`,
      errors: [{ messageId: 'dropColumn', line: 5 }],
    },
    {
      name: 'a column dropped and re-added with a constant loses its values',
      filename: 'migrations/006.js',
      code: `exports.up = function (db, cb) {\n  db.runSql('ALTER TABLE api_tokens DROP COLUMN user_created; ALTER TABLE api_tokens ADD COLUMN user_created BOOLEAN; UPDATE api_tokens SET user_created = true;', cb);\n};`,
      errors: [{ messageId: 'dropColumn', line: 2, messageIncludes: 'api_tokens.user_created' }],
    },
    {
      name: 'emptied and re-seeded with constants: the old rows are gone',
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.raw('DELETE FROM plans');\n  await knex.raw("INSERT INTO plans (name) VALUES ('free')");\n}`,
      errors: [{ messageId: 'deleteRows', line: 3 }],
    },
    {
      name: 'an UPDATE does not preserve a dropped table',
      options: { reportRemovals: true },
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.raw('UPDATE reports SET archived = true');\n  await knex.schema.dropTable('reports');\n}`,
      errors: [{ messageId: 'dropTable', line: 4 }],
    },
    {
      name: 'a copy of another table does not cover this one',
      options: { reportRemovals: true },
      code: `import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.raw('INSERT INTO orders_archive SELECT * FROM orders');\n  await knex.schema.dropTable('invoices');\n}`,
      errors: [{ messageId: 'dropTable', line: 4, messageIncludes: 'invoices' }],
    },
    {
      name: 'a drop in a helper the up function calls',
      options: { reportRemovals: true },
      code: `import type { Knex } from 'knex';\nasync function removeLegacy(knex: Knex) {\n  await knex.schema.dropTable('legacy');\n}\nexport async function up(knex: Knex) {\n  await removeLegacy(knex);\n}`,
      errors: [{ messageId: 'dropTable', line: 3 }],
    },
    {
      name: 'a SQL string in a list of statements',
      code: `export async function up(db: { exec(s: string): Promise<void> }) {\n  const statements = ['ALTER TABLE notes ADD COLUMN title TEXT', 'DROP TABLE note_titles'];\n  for (const s of statements) await db.exec(s);\n}`,
      errors: [{ messageId: 'dropTable', line: 2 }],
    },
    {
      name: 'TypeORM synchronize and dropSchema',
      code: `import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRoot({\n  type: 'postgres',\n  autoLoadEntities: true,\n  synchronize: true,\n  dropSchema: true,\n});`,
      errors: [
        { messageId: 'synchronize', line: 5, suggestions: [{ messageId: 'suggestDevOnly', output: `import { TypeOrmModule } from '@nestjs/typeorm';\nexport const db = TypeOrmModule.forRoot({\n  type: 'postgres',\n  autoLoadEntities: true,\n  synchronize: process.env.NODE_ENV !== 'production',\n  dropSchema: true,\n});` }] },
        { messageId: 'dropSchema', line: 6 },
      ],
    },
    {
      name: 'guarded the wrong way round',
      code: `import { DataSource } from 'typeorm';\nexport const ds = process.env.NODE_ENV === 'production' ? new DataSource({ type: 'postgres', synchronize: true }) : null;`,
      errors: [{ messageId: 'synchronize', line: 2 }],
    },
    {
      name: 'Sequelize sync force and alter',
      code: `declare const sequelize: { sync(o?: object): Promise<void> };\nexport async function start() {\n  await sequelize.sync({ force: true });\n  await sequelize.sync({ alter: true });\n}`,
      errors: [
        { messageId: 'syncForce', line: 3 },
        { messageId: 'syncAlter', line: 4, suggestions: [{ messageId: 'suggestNoDrop', output: `declare const sequelize: { sync(o?: object): Promise<void> };\nexport async function start() {\n  await sequelize.sync({ force: true });\n  await sequelize.sync({ alter: { drop: false } });\n}` }] },
      ],
    },
    {
      name: 'a Sequelize model class syncs its table',
      code: `import { Model } from 'sequelize';\nclass Note extends Model {}\nexport async function start() {\n  await Note.sync({ force: true });\n}`,
      errors: [{ messageId: 'syncForce', line: 4 }],
    },
    {
      name: 'Realm deleteRealmIfMigrationNeeded',
      code: `import Realm from 'realm';\nexport const open = () => Realm.open({ schema: [], schemaVersion: 3, deleteRealmIfMigrationNeeded: true });`,
      errors: [{ messageId: 'deleteRealm', line: 2 }],
    },
    {
      name: 'backupCallPattern names the project helper',
      options: { backupCallPattern: '^ensure-restore-point$', reportRemovals: true },
      code: `import type { Knex } from 'knex';\nimport { backupTable } from './b';\nexport async function up(knex: Knex) {\n  await backupTable(knex, 'reports');\n  await knex.schema.dropTable('reports');\n}`,
      errors: [{ messageId: 'dropTable', line: 5 }],
    },
  ],
});
