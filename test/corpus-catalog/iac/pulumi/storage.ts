import * as pulumi from '@pulumi/pulumi';
import { s3, dynamodb, efs } from '@pulumi/aws';

const config = new pulumi.Config();
const stage = pulumi.getStack();
const isProd = stage === 'prod';
const keepBucketHistory = config.getBoolean('keepBucketHistory') ?? true;

// --- buckets ------------------------------------------------------------------

// Files customers upload to shared folders.
export const uploads = new s3.BucketV2('uploads', { forceDestroy: !isProd }); // near-miss: no-single-point-of-storage (stage-conditional forceDestroy)
new s3.BucketVersioningV2('uploads-versioning', {
  bucket: uploads.id,
  versioningConfiguration: { status: 'Enabled' },
});

// Expense receipts, photographed in the mobile app.
export const receipts = new s3.BucketV2('receipts', {
  forceDestroy: true, // expect: no-single-point-of-storage
  tags: { team: 'expenses' },
});
new s3.BucketVersioningV2('receipts-versioning', {
  bucket: receipts.id,
  versioningConfiguration: { status: 'Enabled' },
});

// Brand kits (logos, fonts) customers upload; versioning decided per stack.
export const brandKits = new s3.BucketV2('brand-kits', { tags: { team: 'design' } }); // near-miss: no-single-point-of-storage (versioning set through a config value below)
new s3.BucketVersioningV2('brand-kits-versioning', {
  bucket: brandKits.id,
  versioningConfiguration: { status: keepBucketHistory ? 'Enabled' : 'Suspended' },
});

// --- tables -------------------------------------------------------------------

export const notes = new dynamodb.Table('notes', {
  attributes: [
    { name: 'pk', type: 'S' },
    { name: 'sk', type: 'S' },
  ],
  hashKey: 'pk',
  rangeKey: 'sk',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage
});

export const drafts = new dynamodb.Table('drafts', {
  attributes: [{ name: 'draftId', type: 'S' }],
  hashKey: 'draftId',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: false }, // expect: no-single-point-of-storage
});

export const sessions = new dynamodb.Table('sessions', { // near-miss: no-single-point-of-storage (short-lived sessions)
  attributes: [{ name: 'sessionId', type: 'S' }],
  hashKey: 'sessionId',
  billingMode: 'PAY_PER_REQUEST',
  ttl: { attributeName: 'expiresAt', enabled: true },
});

// --- file systems ---------------------------------------------------------------

// Home directories of the hosted build agents customers configure.
export const agentHomes = new efs.FileSystem('agent-homes', { // expect: no-single-point-of-storage
  encrypted: true,
  performanceMode: 'generalPurpose',
  lifecyclePolicies: [{ transitionToIa: 'AFTER_30_DAYS' }],
});

export const sharedHomes = new efs.FileSystem('shared-homes', { encrypted: true });
new efs.BackupPolicy('shared-homes-backup', { // near-miss: no-single-point-of-storage (backup policy resource)
  fileSystemId: sharedHomes.id,
  backupPolicy: { status: 'ENABLED' },
});

export const bucketNames = { uploads: uploads.bucket, receipts: receipts.bucket, brandKits: brandKits.bucket };
