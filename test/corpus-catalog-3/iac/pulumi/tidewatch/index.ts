import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

// Cloud side of Tidewatch: gauges upload readings and raw captures here.

const config = new pulumi.Config();
const stack = pulumi.getStack();
const isProd = stack === 'prod';
const tags = { app: 'tidewatch', stack };

const vpcSecurityGroupIds = config.requireObject<string[]>('dbSecurityGroupIds');
const dbSubnetGroupName = config.require('dbSubnetGroupName');

// Raw waveform captures: the only copy of what the sensor measured, used to re-derive levels.
const rawCaptures = new aws.s3.BucketV2('raw-captures', { // expect: no-single-point-of-storage
  bucketPrefix: `tidewatch-raw-${stack}-`,
  tags,
});
new aws.s3.BucketServerSideEncryptionConfigurationV2('raw-captures-sse', {
  bucket: rawCaptures.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
});

// Published, quality-controlled readings.
const readingsArchive = new aws.s3.BucketV2('readings-archive', {
  bucketPrefix: `tidewatch-archive-${stack}-`,
  forceDestroy: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
  tags,
});
new aws.s3.BucketVersioningV2('readings-archive-versioning', {
  bucket: readingsArchive.id,
  versioningConfiguration: { status: 'Enabled' },
});

const readingsTable = new aws.dynamodb.Table('readings', {
  attributes: [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'N' },
  ],
  hashKey: 'pk',
  rangeKey: 'sk',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: false }, // expect: no-single-point-of-storage
  tags,
});

const stationsTable = new aws.dynamodb.Table('stations', {
  attributes: [{ name: 'stationId', type: 'S' }],
  hashKey: 'stationId',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage (PITR on)
  tags,
});

// Station metadata and technician visit logs.
const metadataDb = new aws.rds.Instance(
  'station-metadata',
  {
    engine: 'postgres',
    engineVersion: '15.5',
    instanceClass: 'db.t4g.small',
    allocatedStorage: 20,
    dbSubnetGroupName,
    vpcSecurityGroupIds,
    username: 'tidewatch',
    manageMasterUserPassword: true,
    backupRetentionPeriod: isProd ? 14 : 1,
    skipFinalSnapshot: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
    finalSnapshotIdentifier: `tidewatch-metadata-${stack}-final`,
    tags,
  },
  { protect: isProd },
);

// Alert subscriptions harbour masters set up ("warn me above 4.2 m").
const alertsDb = new aws.rds.Instance('alert-subscriptions', {
  engine: 'postgres',
  engineVersion: '15.5',
  instanceClass: 'db.t4g.micro',
  allocatedStorage: 20,
  dbSubnetGroupName,
  vpcSecurityGroupIds,
  username: 'alerts',
  manageMasterUserPassword: true,
  backupRetentionPeriod: 0, // expect: no-single-point-of-storage
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: `tidewatch-alerts-${stack}-final`,
  tags,
});

// Grafana's own dashboards database (provisioned from the repository).
const grafanaDb = new aws.rds.Instance(
  'grafana',
  {
    engine: 'postgres',
    instanceClass: 'db.t4g.micro',
    allocatedStorage: 10,
    dbSubnetGroupName,
    vpcSecurityGroupIds,
    username: 'grafana',
    manageMasterUserPassword: true,
    backupRetentionPeriod: 3,
    skipFinalSnapshot: true, // near-miss: no-single-point-of-storage (retainOnDelete)
    tags,
  },
  { retainOnDelete: true },
);

export const rawCapturesBucket = rawCaptures.bucket;
export const archiveBucket = readingsArchive.bucket;
export const readingsTableName = readingsTable.name;
export const stationsTableName = stationsTable.name;
export const metadataEndpoint = metadataDb.endpoint;
export const alertsEndpoint = alertsDb.endpoint;
export const grafanaEndpoint = grafanaDb.endpoint;
