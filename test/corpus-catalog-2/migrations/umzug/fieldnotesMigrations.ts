import { Umzug, SequelizeStorage } from 'umzug';
import { DataTypes, Sequelize, type QueryInterface } from 'sequelize';

/**
 * Fieldnotes API server: migrations are listed inline and run by Umzug on
 * deploy (`node dist/migrate.js up`).
 */
export const sequelize = new Sequelize(process.env.DATABASE_URL!, { dialect: 'postgres', logging: false });

type Ctx = { context: QueryInterface };

export const umzug = new Umzug({
  storage: new SequelizeStorage({ sequelize, tableName: 'umzug_meta' }),
  context: sequelize.getQueryInterface(),
  logger: console,
  migrations: [
    {
      name: '2024.05.02T10.00.00.observation-media',
      async up({ context: qi }: Ctx) {
        await qi.createTable('observation_media', {
          id: { type: DataTypes.UUID, primaryKey: true },
          observationId: { type: DataTypes.UUID, allowNull: false },
          kind: { type: DataTypes.ENUM('photo', 'audio'), allowNull: false },
          storageKey: { type: DataTypes.STRING, allowNull: false },
          createdAt: { type: DataTypes.DATE, allowNull: false },
        });
        await qi.sequelize.query(`
          INSERT INTO observation_media (id, "observationId", kind, "storageKey", "createdAt")
          SELECT id, "observationId", 'photo', "s3Key", "createdAt" FROM observation_photos
        `);
        await qi.dropTable('observation_photos'); // near-miss: no-destructive-migration (rows copied by INSERT … SELECT)
        await qi.dropTable('observation_audio'); // expect: no-destructive-migration
      },
      async down({ context: qi }: Ctx) {
        await qi.dropTable('observation_media'); // near-miss: no-destructive-migration (down is exempt)
      },
    },
    {
      name: '2024.05.20T09.30.00.species-taxonomy-v2',
      async up({ context: qi }: Ctx) {
        await qi.addColumn('observations', 'taxonId', { type: DataTypes.INTEGER, allowNull: true });
        // Search index is derived from observations and rebuilt in this migration.
        await qi.sequelize.query('TRUNCATE TABLE observation_search'); // near-miss: no-destructive-migration (derived table refilled below)
        await qi.sequelize.query(
          `INSERT INTO observation_search (id, body) SELECT id, concat_ws(' ', "speciesName", notes) FROM observations`,
        );
        // Taxonomy v2 has different ids; users re-identify on next review.
        await qi.sequelize.query('TRUNCATE TABLE observation_identifications'); // expect: no-destructive-migration
      },
      async down({ context: qi }: Ctx) {
        await qi.removeColumn('observations', 'taxonId');
      },
    },
    {
      name: '2024.06.11T14.00.00.visit-weather',
      async up({ context: qi }: Ctx) {
        await qi.addColumn('site_visits', 'weather', { type: DataTypes.JSONB, allowNull: true });
        await qi.sequelize.query(
          `UPDATE site_visits SET weather = jsonb_build_object('tempC', "temperatureC", 'cloud', "cloudCover")`,
        );
        await qi.removeColumn('site_visits', 'temperatureC'); // near-miss: no-destructive-migration (copied by the UPDATE above)
        await qi.removeColumn('site_visits', 'cloudCover'); // near-miss: no-destructive-migration (copied by the UPDATE above)
      },
      async down({ context: qi }: Ctx) {
        await qi.addColumn('site_visits', 'temperatureC', { type: DataTypes.FLOAT, allowNull: true });
        await qi.addColumn('site_visits', 'cloudCover', { type: DataTypes.INTEGER, allowNull: true });
        await qi.removeColumn('site_visits', 'weather');
      },
    },
  ],
});

export type Migration = typeof umzug._types.migration;
