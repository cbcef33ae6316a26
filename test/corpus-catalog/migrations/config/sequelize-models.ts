import { Sequelize, DataTypes, Model, type InferAttributes, type InferCreationAttributes, type CreationOptional } from 'sequelize';
import { OfflineStore } from '../../app/server/src/sync/offlineStore';

export const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://localhost:5432/billing', {
  dialect: 'postgres',
  logging: false,
  pool: { max: 10, idle: 10_000 },
});

export class Invoice extends Model<InferAttributes<Invoice>, InferCreationAttributes<Invoice>> {
  declare id: CreationOptional<string>;
  declare customerId: string;
  declare number: string;
  declare totalCents: number;
  declare currency: string;
  declare issuedAt: Date;
}

Invoice.init(
  {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    customerId: { type: DataTypes.UUID, allowNull: false, field: 'customer_id' },
    number: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    totalCents: { type: DataTypes.BIGINT, allowNull: false, field: 'total_cents' },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    issuedAt: { type: DataTypes.DATE, allowNull: false, field: 'issued_at' },
  },
  { sequelize, tableName: 'invoices', underscored: true },
);

export const PaymentAttempt = sequelize.define(
  'PaymentAttempt',
  {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    invoiceId: { type: DataTypes.UUID, allowNull: false, field: 'invoice_id' },
    status: { type: DataTypes.STRING(16), allowNull: false },
    providerRef: { type: DataTypes.STRING(64), field: 'provider_ref' },
  },
  { tableName: 'payment_attempts', underscored: true },
);

Invoice.hasMany(PaymentAttempt, { foreignKey: 'invoiceId' });

/** API process start-up. */
export async function connect(): Promise<void> {
  await sequelize.authenticate();
  if (process.env.NODE_ENV === 'development') {
    await sequelize.sync({ alter: true }); // near-miss: no-destructive-migration (development only)
  }
}

/** Billing worker start-up: make sure the columns the worker writes exist. */
export async function startBillingWorker(): Promise<void> {
  await sequelize.authenticate();
  await Invoice.sync({ alter: true }); // expect: no-destructive-migration
  await PaymentAttempt.sync(); // near-miss: no-destructive-migration (creates a missing table, alters nothing)
}

/** Offline receipts cache on the POS terminals: a data sync, not a schema sync. */
export async function resyncOfflineReceipts(store: OfflineStore): Promise<void> {
  await store.sync({ force: true }); // near-miss: no-destructive-migration (the app's own data sync)
}
