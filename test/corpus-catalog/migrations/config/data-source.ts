import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import path from 'node:path';

const isProd = process.env.NODE_ENV === 'production';

const base = {
  type: 'postgres' as const,
  url: process.env.DATABASE_URL,
  entities: [path.join(__dirname, '../../dist/entities/*.js')],
  migrations: [path.join(__dirname, '../../dist/migrations/typeorm/*.js')],
  namingStrategy: new SnakeNamingStrategy(),
  extra: { max: 20 },
};

/** Used by the API and by `typeorm migration:run`. */
export const AppDataSource = new DataSource({
  ...base,
  synchronize: false,
  migrationsRun: true,
  logging: isProd ? ['error'] : ['query', 'error'],
});

/** Saved reports users build in the analytics UI; separate schema, same cluster. */
export const ReportsDataSource = new DataSource({
  type: 'postgres',
  url: process.env.REPORTS_DATABASE_URL,
  schema: 'reports',
  entities: [path.join(__dirname, '../../dist/entities/reports/*.js')],
  synchronize: true, // expect: no-destructive-migration
  logging: ['error'],
});

/** `npm run dev`: keep the local schema in step with the entities without writing migrations. */
export function createDevDataSource(): DataSource {
  if (process.env.NODE_ENV !== 'production') {
    return new DataSource({
      ...base,
      synchronize: true, // near-miss: no-destructive-migration (behind a non-production guard)
      logging: true,
    });
  }
  return AppDataSource;
}

/** Per-PR preview environments: fresh schema on every deploy. */
export const previewOptions: DataSourceOptions = {
  ...base,
  url: process.env.PREVIEW_DATABASE_URL,
  dropSchema: !isProd && process.env.PREVIEW_RESET === '1', // near-miss: no-destructive-migration (computed, off in production)
  synchronize: !isProd, // near-miss: no-destructive-migration (computed, off in production)
  migrationsRun: false,
};

export async function initialize(ds: DataSource = AppDataSource): Promise<DataSource> {
  if (!ds.isInitialized) await ds.initialize();
  return ds;
}
