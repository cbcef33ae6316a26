import { DataTypes, Model, Sequelize, type InferAttributes, type InferCreationAttributes, type CreationOptional } from 'sequelize';
import { RouteCache } from '../routing/routeCache';

export const sequelize = new Sequelize(process.env.POSTGRES_URL ?? 'postgres://courier@localhost:5432/courier', {
  logging: false,
  pool: { max: 10, idle: 10_000 },
});

export class Driver extends Model<InferAttributes<Driver>, InferCreationAttributes<Driver>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare phone: string;
  declare vehicleReg: string | null;
  declare licenceExpiresOn: string;
}

Driver.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING(120), allowNull: false },
    phone: { type: DataTypes.STRING(32), allowNull: false },
    vehicleReg: { type: DataTypes.STRING(16), allowNull: true },
    licenceExpiresOn: { type: DataTypes.DATEONLY, allowNull: false },
  },
  { sequelize, tableName: 'drivers', underscored: true },
);

export class Route extends Model<InferAttributes<Route>, InferCreationAttributes<Route>> {
  declare id: CreationOptional<number>;
  declare depotId: string;
  declare driverId: number | null;
  declare date: string;
  declare stops: object[];
}

Route.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    depotId: { type: DataTypes.STRING(16), allowNull: false },
    driverId: { type: DataTypes.INTEGER, allowNull: true },
    date: { type: DataTypes.DATEONLY, allowNull: false },
    stops: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
  },
  { sequelize, tableName: 'routes', underscored: true },
);

export class PlannerScratch extends Model {}
PlannerScratch.init({ payload: DataTypes.JSONB }, { sequelize, tableName: 'planner_scratch' });

Route.belongsTo(Driver, { foreignKey: 'driverId' });

const routeCache = new RouteCache({ dir: process.env.ROUTE_CACHE_DIR ?? '/tmp/route-cache' });

/** API process start-up. */
export async function initDatabase(): Promise<void> {
  await sequelize.authenticate();
  await sequelize.sync({ alter: true }); // expect: no-destructive-migration
}

/** Planner worker start-up: adds missing columns, never drops. */
export async function initPlannerDatabase(): Promise<void> {
  await sequelize.authenticate();
  await sequelize.sync({ alter: { drop: false } }); // near-miss: no-destructive-migration (alter without drops)
  if (process.env.NODE_ENV !== 'production') {
    await PlannerScratch.sync({ force: true }); // near-miss: no-destructive-migration (non-production only)
  }
  await routeCache.sync({ force: true }); // near-miss: no-destructive-migration (the app's own cache, not a Sequelize model)
}
