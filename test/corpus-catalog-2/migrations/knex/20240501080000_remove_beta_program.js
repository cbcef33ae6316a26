'use strict';

/**
 * Contract step of the beta-program removal.
 *
 * The expand step (20240418_beta_enrollments) created `beta_enrollments`
 * and copied every opt-in into it; the API has read only from the new table
 * since release 2024.16. This migration removes what is left of the old
 * design. It adds nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async (knex) => {
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('beta_opt_in'); // near-miss: no-destructive-migration (removal-only migration, reported only with reportRemovals)
    table.dropColumn('beta_opt_in_at'); // near-miss: no-destructive-migration (removal-only migration)
  });

  await knex.schema.dropTableIfExists('beta_feature_flags'); // near-miss: no-destructive-migration (removal-only migration)
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async (knex) => {
  await knex.schema.createTable('beta_feature_flags', (table) => {
    table.string('key').primary();
    table.boolean('enabled').notNullable().defaultTo(false);
    table.jsonb('rules');
  });

  await knex.schema.alterTable('users', (table) => {
    table.boolean('beta_opt_in').notNullable().defaultTo(false);
    table.timestamp('beta_opt_in_at', { useTz: true });
  });

  await knex.raw(`
    UPDATE users u
       SET beta_opt_in = TRUE,
           beta_opt_in_at = e.enrolled_at
      FROM beta_enrollments e
     WHERE e.user_id = u.id
  `);
};

exports.config = { transaction: true };
