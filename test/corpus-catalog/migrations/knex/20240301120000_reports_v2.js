/**
 * Reports v2.
 *  - reports move from the column-per-field table to one JSONB document per report
 *  - scheduled exports move to their own table
 *  - users.display_name replaces nickname; teams.slug replaces handle
 *
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reports', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    table.jsonb('body').notNullable();
    table.timestamps(true, true);
  });
  // the v2 editor creates reports from scratch
  await knex.schema.dropTable('report_definitions'); // expect: no-destructive-migration

  await knex.schema.createTable('scheduled_exports', (table) => {
    table.uuid('id').primary();
    table.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    table.string('cron', 64).notNullable();
    table.jsonb('target').notNullable();
  });
  await knex.raw(
    'INSERT INTO scheduled_exports (id, owner_id, cron, target) ' +
      "SELECT id, owner_id, schedule, json_build_object('kind', kind, 'url', url) FROM export_schedules",
  );
  await knex.schema.dropTable('export_schedules'); // near-miss: no-destructive-migration (rows copied by INSERT ... SELECT first)

  await knex.schema.alterTable('users', (table) => {
    table.string('display_name', 120);
    table.dropColumn('nickname'); // expect: no-destructive-migration
  });

  await knex.schema.alterTable('teams', (table) => {
    table.string('slug', 64);
  });
  await knex.raw("UPDATE teams SET slug = lower(regexp_replace(handle, '[^a-zA-Z0-9]+', '-', 'g'))");
  await knex.schema.alterTable('teams', (table) => {
    table.dropColumn('handle'); // near-miss: no-destructive-migration (UPDATE copied it into slug first)
    table.unique(['slug']);
  });
};

/**
 * @param { import("knex").Knex } knex
 * @returns { Promise<void> }
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('teams', (table) => {
    table.dropUnique(['slug']);
    table.string('handle', 64);
  });
  await knex.raw('UPDATE teams SET handle = slug');
  await knex.schema.alterTable('teams', (table) => {
    table.dropColumn('slug'); // near-miss: no-destructive-migration (down is exempt)
  });
  await knex.schema.alterTable('users', (table) => {
    table.string('nickname', 60);
    table.dropColumn('display_name');
  });
  await knex.schema.createTable('export_schedules', (table) => {
    table.uuid('id').primary();
    table.uuid('owner_id').notNullable();
    table.string('schedule', 64).notNullable();
    table.string('kind', 16).notNullable();
    table.text('url').notNullable();
  });
  await knex.schema.dropTable('scheduled_exports'); // near-miss: no-destructive-migration (down is exempt)
  await knex.schema.createTable('report_definitions', (table) => {
    table.uuid('id').primary();
    table.uuid('owner_id').notNullable();
    table.string('title');
    table.text('query');
  });
  await knex.schema.dropTable('reports');
};
