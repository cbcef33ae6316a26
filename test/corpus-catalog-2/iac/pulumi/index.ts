import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';

/**
 * Stridelog backend (fitness tracker): workout uploads, GPS routes, clubs.
 */
const config = new pulumi.Config();
const stack = pulumi.getStack();
const vpcId = config.require('vpcId');
const privateSubnetIds = config.requireObject<string[]>('privateSubnetIds');

// FIT/GPX files uploaded from watches and phones: the original recordings.
const workoutFiles = new aws.s3.BucketV2('workout-files', { // expect: no-single-point-of-storage
  bucket: `stridelog-${stack}-workout-files`,
  tags: { app: 'stridelog', stack },
});
new aws.s3.BucketServerSideEncryptionConfigurationV2('workout-files-sse', {
  bucket: workoutFiles.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
});

// Route photos users attach to workouts: versioned with a separate resource.
const routePhotos = new aws.s3.BucketV2('route-photos', { // near-miss: no-single-point-of-storage (BucketVersioningV2 names this bucket)
  bucket: `stridelog-${stack}-route-photos`,
});
new aws.s3.BucketVersioningV2('route-photos-versioning', {
  bucket: routePhotos.id,
  versioningConfiguration: { status: 'Enabled' },
});

// Club logos and banners uploaded by club admins.
const clubMedia = new aws.s3.Bucket(
  'club-media',
  {
    versioning: { enabled: true },
    forceDestroy: true, // near-miss: no-single-point-of-storage (retainOnDelete keeps the bucket)
  },
  { retainOnDelete: true },
);

// Workouts and laps.
const workouts = new aws.dynamodb.Table('workouts', {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'userId',
  rangeKey: 'workoutId',
  attributes: [
    { name: 'userId', type: 'S' },
    { name: 'workoutId', type: 'S' },
  ],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  pointInTimeRecovery: { enabled: true },
});

// Clubs and memberships.
const clubs = new aws.dynamodb.Table('clubs', {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'clubId',
  rangeKey: 'sk',
  attributes: [
    { name: 'clubId', type: 'S' },
    { name: 'sk', type: 'S' },
  ],
  pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage (PITR on)
});

// Challenge leaderboards.
const leaderboards = new aws.dynamodb.Table('leaderboards', {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'challengeId',
  rangeKey: 'rank',
  attributes: [
    { name: 'challengeId', type: 'S' },
    { name: 'rank', type: 'N' },
  ],
  pointInTimeRecovery: { enabled: config.getBoolean('leaderboardPitr') ?? stack === 'prod' }, // near-miss: no-single-point-of-storage (computed per stack)
});

// Accounts and subscriptions (Postgres).
const dbSubnets = new aws.rds.SubnetGroup('accounts-subnets', { subnetIds: privateSubnetIds });
const accountsDb = new aws.rds.Instance('accounts', {
  engine: 'postgres',
  engineVersion: '16.3',
  instanceClass: 'db.t4g.medium',
  allocatedStorage: 50,
  dbSubnetGroupName: dbSubnets.name,
  username: 'stridelog',
  manageMasterUserPassword: true,
  backupRetentionPeriod: 0, // expect: no-single-point-of-storage
  skipFinalSnapshot: false,
});

// Coaching plans (Postgres): final snapshot skipped, but the resource is protected.
const coachingDb = new aws.rds.Instance(
  'coaching',
  {
    engine: 'postgres',
    engineVersion: '16.3',
    instanceClass: 'db.t4g.small',
    allocatedStorage: 20,
    dbSubnetGroupName: dbSubnets.name,
    username: 'coach',
    manageMasterUserPassword: true,
    backupRetentionPeriod: 14,
    skipFinalSnapshot: true, // near-miss: no-single-point-of-storage (protect: true)
  },
  { protect: true },
);

// Heart-rate zone exports for the coach portal: EFS with a backup policy resource.
const coachExports = new aws.efs.FileSystem('coach-exports', { encrypted: true }); // near-miss: no-single-point-of-storage (BackupPolicy resource below)
new aws.efs.BackupPolicy('coach-exports-backup', {
  fileSystemId: coachExports.id,
  backupPolicy: { status: 'ENABLED' },
});

const sg = new aws.ec2.SecurityGroup('efs-sg', { vpcId });

export const bucketNames = [workoutFiles.bucket, routePhotos.bucket, clubMedia.bucket];
export const tableNames = [workouts.name, clubs.name, leaderboards.name];
export const dbEndpoints = [accountsDb.endpoint, coachingDb.endpoint];
export const coachExportsId = coachExports.id;
export const efsSecurityGroup = sg.id;
