'use strict';

/**
 * Ledgerly: scheduled reports get a run history table of their own, and the
 * `reports` table gets proper title / owner columns.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('report_runs', (table) => {
    table.bigIncrements('id');
    table.integer('report_id').notNullable().references('reports.id').onDelete('CASCADE');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true });
    table.string('status', 16).notNullable();
    table.jsonb('output');
    table.index(['report_id', 'started_at']);
  });

  // The old run log is superseded by report_runs.
  await knex.schema.dropTable('report_run_log'); // expect: no-destructive-migration

  await knex.schema.alterTable('reports', (table) => {
    table.dropIndex(['name'], 'reports_name_idx'); // near-miss: no-destructive-migration (index, no data)
  });

  // reports.name -> reports.title, keeping every title.
  await knex.schema.alterTable('reports', (table) => {
    table.string('title', 200);
  });
  await knex.raw('UPDATE reports SET title = name');
  await knex.schema.alterTable('reports', (table) => {
    table.dropColumn('name'); // near-miss: no-destructive-migration (values copied by the update above)
  });

  // Schedules were stored in an unused table from a prototype; it was empty
  // in every environment when this was written.
  const [{ count }] = await knex('report_schedules_proto').count({ count: '*' });
  if (Number(count) > 0) {
    throw new Error(`report_schedules_proto still has ${count} rows; migrate them first`);
  }
  await knex.schema.dropTable('report_schedules_proto'); // near-miss: no-destructive-migration (emptiness checked first)
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reports', (table) => {
    table.string('name', 200);
  });
  await knex.raw('UPDATE reports SET name = title');
  await knex.schema.alterTable('reports', (table) => {
    table.dropColumn('title'); // near-miss: no-destructive-migration (down is exempt)
  });
  await knex.schema.createTable('report_run_log', (table) => {
    table.increments('id');
    table.integer('report_id');
    table.text('line');
  });
  await knex.schema.dropTable('report_runs');
};
