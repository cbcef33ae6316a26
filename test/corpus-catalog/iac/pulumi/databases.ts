import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

const stack = pulumi.getStack();
const isProd = stack === 'production';
const cfg = new pulumi.Config('db');

const subnetGroup = new aws.rds.SubnetGroup('db-subnets', {
  subnetIds: cfg.requireObject<string[]>('subnetIds'),
});

const dbSecurityGroup = cfg.require('securityGroupId');

// Main application database.
export const appDb = new aws.rds.Instance('app-db', {
  engine: 'postgres',
  engineVersion: '16.3',
  instanceClass: isProd ? 'db.r6g.large' : 'db.t4g.micro',
  allocatedStorage: 100,
  dbSubnetGroupName: subnetGroup.name,
  vpcSecurityGroupIds: [dbSecurityGroup],
  username: 'app',
  manageMasterUserPassword: true,
  backupRetentionPeriod: isProd ? 14 : 1, // near-miss: no-single-point-of-storage (stage-conditional)
  skipFinalSnapshot: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
  finalSnapshotIdentifier: `app-db-${stack}-final`,
  deletionProtection: isProd,
});

// Internal wiki (team handbooks, runbooks written by staff).
export const wikiDb = new aws.rds.Instance('wiki-db', {
  engine: 'mysql',
  engineVersion: '8.0',
  instanceClass: 'db.t4g.small',
  allocatedStorage: 20,
  dbSubnetGroupName: subnetGroup.name,
  vpcSecurityGroupIds: [dbSecurityGroup],
  username: 'wiki',
  manageMasterUserPassword: true,
  backupRetentionPeriod: 0, // expect: no-single-point-of-storage
  finalSnapshotIdentifier: `wiki-db-${stack}-final`,
});

// Analytics warehouse for customer-built reports.
export const analytics = new aws.rds.Cluster(
  'analytics',
  {
    engine: 'aurora-postgresql',
    engineVersion: '15.4',
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [dbSecurityGroup],
    masterUsername: 'analytics',
    manageMasterUserPassword: true,
    backupRetentionPeriod: 7,
    skipFinalSnapshot: true, // near-miss: no-single-point-of-storage (protect: true blocks deletion)
  },
  { protect: true },
);

// Support tickets and attachments metadata.
export const supportDb = new aws.rds.Cluster('support', {
  engine: 'aurora-mysql',
  engineVersion: '8.0.mysql_aurora.3.05.2',
  dbSubnetGroupName: subnetGroup.name,
  vpcSecurityGroupIds: [dbSecurityGroup],
  masterUsername: 'support',
  manageMasterUserPassword: true,
  backupRetentionPeriod: 7,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: `support-${stack}-final`,
});

export const endpoints = {
  app: appDb.endpoint,
  wiki: wikiDb.endpoint,
  analytics: analytics.endpoint,
  support: supportDb.endpoint,
};
