import { Sequelize, DataTypes, Model, type InferAttributes, type InferCreationAttributes, type CreationOptional } from 'sequelize';
import { LedgerSyncClient } from '../sync/ledgerSyncClient';

/**
 * Relational side of Ledgerly (Postgres): companies, users, bank accounts.
 */
export const sequelize = new Sequelize(process.env.DATABASE_URL!, {
  dialect: 'postgres',
  logging: false,
  pool: { max: 10 },
});

export class Company extends Model<InferAttributes<Company>, InferCreationAttributes<Company>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare vatId: string | null;
  declare fiscalYearStart: number;
}

Company.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
    vatId: { type: DataTypes.STRING, allowNull: true },
    fiscalYearStart: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
  },
  { sequelize, tableName: 'companies' },
);

export class BankAccount extends Model<InferAttributes<BankAccount>, InferCreationAttributes<BankAccount>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare iban: string;
  declare nickname: string | null;
}

BankAccount.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    companyId: { type: DataTypes.INTEGER, allowNull: false },
    iban: { type: DataTypes.STRING(34), allowNull: false },
    nickname: { type: DataTypes.STRING, allowNull: true },
  },
  { sequelize, tableName: 'bank_accounts' },
);

export class ExchangeRateSnapshot extends Model {}
ExchangeRateSnapshot.init(
  { day: { type: DataTypes.DATEONLY, primaryKey: true }, rates: { type: DataTypes.JSONB, allowNull: false } },
  { sequelize, tableName: 'exchange_rate_snapshots' },
);

Company.hasMany(BankAccount, { foreignKey: 'companyId' });
BankAccount.belongsTo(Company, { foreignKey: 'companyId' });

const isProduction = process.env.NODE_ENV === 'production';

/**
 * Called once by the API server on start.
 */
export async function initDatabase(): Promise<void> {
  await sequelize.authenticate();
  // keeps the tables in step with the models, so nobody has to write migrations
  await sequelize.sync({ alter: true }); // expect: no-destructive-migration
}

/**
 * Called once by the worker process on start. Schema changes ship as
 * migrations; the worker only creates tables in a developer's database.
 */
export async function initWorkerDatabase(): Promise<void> {
  await sequelize.authenticate();
  if (!isProduction) {
    await sequelize.sync({ alter: true }); // near-miss: no-destructive-migration (behind a non-production guard)
  }
}

/** Seeds a developer database with a week of fake rates. */
export async function seedDevRates(days: Array<{ day: string; rates: Record<string, number> }>): Promise<void> {
  if (process.env.NODE_ENV === 'development') {
    await ExchangeRateSnapshot.sync({ force: true }); // near-miss: no-destructive-migration (development only)
  }
  await ExchangeRateSnapshot.bulkCreate(days, { ignoreDuplicates: true });
}

/**
 * Sync with the desktop companion app: `force` here means "push even if the
 * server copy is newer", it has nothing to do with the schema.
 */
export async function pushLedgerToDesktop(companyId: number): Promise<void> {
  const client = new LedgerSyncClient(companyId);
  await client.sync({ force: true }); // near-miss: no-destructive-migration (an app's own data sync, not Sequelize)
}
