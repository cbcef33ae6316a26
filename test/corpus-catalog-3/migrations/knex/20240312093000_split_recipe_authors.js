'use strict';

/**
 * Recipe Box API: authors become their own table (they were denormalised onto
 * every recipe), and the unit conversion table gets the new metric set.
 *
 * @param {import('knex').Knex} knex
 */

const BUILTIN_UNITS = [
  { code: 'g', label: 'gram', to_base: 1, kind: 'mass' },
  { code: 'kg', label: 'kilogram', to_base: 1000, kind: 'mass' },
  { code: 'ml', label: 'millilitre', to_base: 1, kind: 'volume' },
  { code: 'l', label: 'litre', to_base: 1000, kind: 'volume' },
  { code: 'tsp', label: 'teaspoon', to_base: 5, kind: 'volume' },
  { code: 'tbsp', label: 'tablespoon', to_base: 15, kind: 'volume' },
  { code: 'cup', label: 'cup', to_base: 240, kind: 'volume' },
];

exports.up = async function up(knex) {
  await knex.schema.createTable('authors', (t) => {
    t.increments('id').primary();
    t.string('display_name', 120).notNullable().unique();
    t.string('avatar_url');
    t.timestamps(true, true);
  });

  await knex.raw(`
    INSERT INTO authors (display_name)
    SELECT DISTINCT author_name FROM recipes WHERE author_name IS NOT NULL
  `);

  await knex.schema.alterTable('recipes', (t) => {
    t.integer('author_id').unsigned().references('authors.id').onDelete('SET NULL');
  });

  await knex.raw(`
    UPDATE recipes r SET author_id = a.id
    FROM authors a
    WHERE a.display_name = r.author_name
  `);

  await knex.schema.alterTable('recipes', (t) => {
    t.dropColumn('author_name'); // near-miss: no-destructive-migration (copied into authors and linked above)
    t.dropColumn('author_avatar'); // expect: no-destructive-migration
  });

  // Unit conversions: users could add their own units ("pinch", "knob") since v3.2.
  await knex.schema.alterTable('unit_conversions', (t) => {
    t.string('kind', 16).notNullable().defaultTo('mass');
    t.boolean('is_builtin').notNullable().defaultTo(false);
  });
  await knex('unit_conversions').del(); // expect: no-destructive-migration
  await knex('unit_conversions').insert(BUILTIN_UNITS.map((u) => ({ ...u, is_builtin: true })));

  // Pantry categories: replace only the builtin rows, keep what users added.
  await knex.schema.alterTable('pantry_categories', (t) => {
    t.boolean('is_builtin').notNullable().defaultTo(false);
  });
  await knex('pantry_categories').whereIn('code', ['dairy', 'produce', 'spices', 'dry']).update({ is_builtin: true });
  await knex('pantry_categories').where({ is_builtin: true }).del(); // near-miss: no-destructive-migration (only builtin rows, with a where)
  await knex('pantry_categories').insert([
    { code: 'dairy', label: 'Dairy & eggs', is_builtin: true },
    { code: 'produce', label: 'Fruit & vegetables', is_builtin: true },
    { code: 'spices', label: 'Herbs & spices', is_builtin: true },
    { code: 'dry', label: 'Dry goods', is_builtin: true },
  ]);
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('recipes', (t) => {
    t.string('author_name', 120);
    t.string('author_avatar');
  });
  await knex.raw(`
    UPDATE recipes r SET author_name = a.display_name
    FROM authors a WHERE a.id = r.author_id
  `);
  await knex.schema.alterTable('recipes', (t) => {
    t.dropColumn('author_id'); // near-miss: no-destructive-migration (down)
  });
  await knex.schema.dropTable('authors'); // near-miss: no-destructive-migration (down)
};
