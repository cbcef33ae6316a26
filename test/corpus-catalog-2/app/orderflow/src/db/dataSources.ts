import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { Merchant } from '../entities/Merchant';
import { Webhook } from '../entities/Webhook';
import { WebhookDelivery } from '../entities/WebhookDelivery';
import { Coupon } from '../entities/Coupon';
import { CouponRedemption } from '../entities/CouponRedemption';

const env = process.env.NODE_ENV ?? 'development';
const isDev = env === 'development';

/**
 * Merchant settings and webhooks. Merchants configure their webhooks in the
 * dashboard; the deliveries table is the audit trail they ask support about.
 */
export const merchantDataSource = new DataSource({
  type: 'postgres',
  url: process.env.ORDERS_DATABASE_URL,
  entities: [Merchant, Webhook, WebhookDelivery],
  namingStrategy: new SnakeNamingStrategy(),
  // entities are the source of truth, no migration files to keep in step
  synchronize: true, // expect: no-destructive-migration
  logging: ['error'],
});

/**
 * Coupons: the same database, managed by migrations; `synchronize` is only a
 * convenience on a developer laptop.
 */
export const couponDataSource = new DataSource({
  type: 'postgres',
  url: process.env.ORDERS_DATABASE_URL,
  entities: [Coupon, CouponRedemption],
  migrations: ['dist/migrations/*.js'],
  migrationsRun: !isDev,
  namingStrategy: new SnakeNamingStrategy(),
  synchronize: isDev, // near-miss: no-destructive-migration (computed from the environment)
});

/**
 * Options shared by the worker processes.
 */
const workerOptions: DataSourceOptions = {
  type: 'postgres',
  url: process.env.ORDERS_DATABASE_URL,
  entities: [Webhook, WebhookDelivery],
  namingStrategy: new SnakeNamingStrategy(),
  synchronize: false,
  extra: { max: 4 },
};

export const workerDataSource = new DataSource(workerOptions);

/**
 * Options for the local sandbox that `npm run sandbox` starts; wiped on
 * every start by design.
 */
function sandboxOptions(): DataSourceOptions {
  const base: DataSourceOptions = {
    type: 'postgres',
    url: process.env.SANDBOX_DATABASE_URL ?? 'postgres://localhost:5433/orderflow_sandbox',
    entities: [Merchant, Webhook, WebhookDelivery, Coupon, CouponRedemption],
    namingStrategy: new SnakeNamingStrategy(),
  };
  if (process.env.NODE_ENV !== 'production') {
    return { ...base, dropSchema: true, synchronize: true }; // near-miss: no-destructive-migration (behind a non-production guard)
  }
  return { ...base, migrationsRun: true };
}

export const sandboxDataSource = new DataSource(sandboxOptions());

export async function initDataSources(): Promise<void> {
  await merchantDataSource.initialize();
  await couponDataSource.initialize();
}
