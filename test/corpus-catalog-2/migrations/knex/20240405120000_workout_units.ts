import type { Knex } from 'knex';

/**
 * Stridelog API: store distances in metres and durations in seconds, and
 * re-key heart-rate samples by (workout, offset).
 */

const KM_TO_M = 1000;

async function addMetricColumns(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workouts', (t) => {
    t.double('distance_m');
    t.integer('duration_s');
  });
}

export async function up(knex: Knex): Promise<void> {
  await addMetricColumns(knex);

  // Distances: convert in code, row by row (the API had a bug where some were miles).
  const rows = await knex('workouts').select('id', 'distance_km', 'distance_unit');
  for (const row of rows) {
    const km = row.distance_unit === 'mi' ? row.distance_km * 1.609344 : row.distance_km;
    await knex('workouts').where({ id: row.id }).update({ distance_m: km * KM_TO_M });
  }
  await knex.schema.alterTable('workouts', (t) => {
    t.dropColumn('distance_km'); // near-miss: no-destructive-migration (rows read and rewritten before the drop)
    t.dropColumn('distance_unit'); // near-miss: no-destructive-migration (read and used in the conversion above)
  });

  // Durations: the new column is filled by the app on the next sync.
  await knex.schema.alterTable('workouts', (t) => {
    t.dropColumn('duration_min'); // expect: no-destructive-migration
  });

  // Heart-rate samples: new primary key. Samples are re-uploaded by the phones.
  await knex('hr_samples').del(); // expect: no-destructive-migration
  await knex.schema.alterTable('hr_samples', (t) => {
    t.dropPrimary();
    t.integer('offset_s').notNullable();
    t.primary(['workout_id', 'offset_s']);
  });

  // Imports from the v1 Garmin connector that never completed.
  await knex('import_jobs').where('status', 'abandoned').andWhere('connector', 'garmin-v1').del(); // near-miss: no-destructive-migration (DELETE with a WHERE)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('hr_samples', (t) => {
    t.dropPrimary();
    t.dropColumn('offset_s');
  });
  await knex.schema.alterTable('workouts', (t) => {
    t.double('distance_km');
    t.string('distance_unit', 2);
    t.integer('duration_min');
  });
  await knex.raw('UPDATE workouts SET distance_km = distance_m / 1000.0, distance_unit = ?, duration_min = duration_s / 60', ['km']);
  await knex.schema.alterTable('workouts', (t) => {
    t.dropColumns('distance_m', 'duration_s');
  });
}
