import { Umzug, SequelizeStorage } from 'umzug';
import { Sequelize, DataTypes, type QueryInterface } from 'sequelize';

// Workspace service: migrations live inline so the service binary carries its schema.

export const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://localhost:5432/workspaces', {
  logging: false,
});

type Ctx = { context: QueryInterface };

async function backupTeamInvites(qi: QueryInterface): Promise<void> {
  await qi.sequelize.query('CREATE TABLE team_invites_backup_20240601 AS SELECT * FROM team_invites');
}

const id = () => ({ type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 });
const timestamps = () => ({
  created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
});

export const migrator = new Umzug({
  migrations: [
    {
      name: '0001-workspaces',
      async up({ context: qi }: Ctx) {
        await qi.createTable('workspaces', {
          id: id(),
          name: { type: DataTypes.STRING(120), allowNull: false },
          plan: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'free' },
          ...timestamps(),
        });
      },
      async down({ context: qi }: Ctx) {
        await qi.dropTable('workspaces'); // near-miss: no-destructive-migration (down is exempt)
      },
    },
    {
      name: '0002-memberships',
      async up({ context: qi }: Ctx) {
        await qi.createTable('memberships', {
          id: id(),
          workspace_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'workspaces', key: 'id' } },
          user_id: { type: DataTypes.UUID, allowNull: false },
          role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'member' },
          ...timestamps(),
        });
        await qi.dropTable('team_members'); // expect: no-destructive-migration
      },
      async down({ context: qi }: Ctx) {
        await qi.dropTable('memberships');
      },
    },
    {
      name: '0003-invitations',
      async up({ context: qi }: Ctx) {
        await qi.createTable('invitations', {
          id: id(),
          workspace_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'workspaces', key: 'id' } },
          email: { type: DataTypes.STRING, allowNull: false },
          expires_at: { type: DataTypes.DATE, allowNull: false },
          ...timestamps(),
        });
        await backupTeamInvites(qi);
        await qi.dropTable('team_invites'); // near-miss: no-destructive-migration (backup helper runs first)
      },
      async down({ context: qi }: Ctx) {
        await qi.dropTable('invitations');
      },
    },
    {
      // contract step: plan moved to the billing service in 0003 of billing-svc
      name: '0004-drop-workspace-plan',
      async up({ context: qi }: Ctx) {
        await qi.removeColumn('workspaces', 'plan'); // near-miss: no-destructive-migration (removal-only migration, reportRemovals is off by default)
      },
      async down({ context: qi }: Ctx) {
        await qi.addColumn('workspaces', 'plan', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'free' });
      },
    },
  ],
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
  logger: console,
});

export type Migration = typeof migrator._types.migration;

if (require.main === module) {
  void migrator.runAsCLI();
}
