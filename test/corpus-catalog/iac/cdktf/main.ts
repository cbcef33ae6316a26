import { Construct } from 'constructs';
import { App, TerraformStack, S3Backend, TerraformOutput } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsBackupPolicy } from '@cdktf/provider-aws/lib/efs-backup-policy';

interface PlatformConfig {
  stage: 'dev' | 'staging' | 'prod';
  region: string;
  dbPasswordSecretArn: string;
}

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id);
    const { stage } = config;
    const isProd = stage === 'prod';

    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: { stage, owner: 'platform' } }] });
    new S3Backend(this, { bucket: 'acme-terraform-state', key: `platform/${stage}.tfstate`, region: 'eu-west-1' });

    // Media users upload to their workspaces.
    const media = new S3Bucket(this, 'media', { bucket: `acme-media-${stage}` });
    new S3BucketVersioningA(this, 'media-versioning', { // near-miss: no-single-point-of-storage (separate versioning resource)
      bucket: media.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'media-sse', {
      bucket: media.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
    });

    // Invoices generated for customers (PDF).
    const invoices = new S3Bucket(this, 'invoices', { // expect: no-single-point-of-storage
      bucket: `acme-invoices-${stage}`,
      tags: { team: 'billing', retention: '10y' },
    });

    // Contracts: versioned, and Terraform may empty it only because destroy is blocked.
    const contracts = new S3Bucket(this, 'contracts', {
      bucket: `acme-contracts-${stage}`,
      forceDestroy: true, // near-miss: no-single-point-of-storage (lifecycle.preventDestroy)
      lifecycle: { preventDestroy: true },
    });
    new S3BucketVersioningA(this, 'contracts-versioning', {
      bucket: contracts.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    new DynamodbTable(this, 'orders', { // expect: no-single-point-of-storage
      name: `orders-${stage}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'orderId',
      attribute: [{ name: 'orderId', type: 'S' }],
      serverSideEncryption: { enabled: true },
    });

    new DynamodbTable(this, 'carts', {
      name: `carts-${stage}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'userId',
      attribute: [{ name: 'userId', type: 'S' }],
      pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage
    });

    // General ledger for the accounting integration.
    new DbInstance(this, 'ledger', {
      identifier: `ledger-${stage}`,
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: 'db.t4g.small',
      allocatedStorage: 20,
      manageMasterUserPassword: true,
      username: 'ledger',
      backupRetentionPeriod: 7,
      skipFinalSnapshot: true, // expect: no-single-point-of-storage
    });

    new DbInstance(this, 'catalog', {
      identifier: `catalog-${stage}`,
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: isProd ? 'db.r6g.large' : 'db.t4g.small',
      allocatedStorage: 50,
      manageMasterUserPassword: true,
      username: 'catalog',
      backupRetentionPeriod: isProd ? 14 : 1, // near-miss: no-single-point-of-storage (stage-conditional)
      skipFinalSnapshot: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
      finalSnapshotIdentifier: `catalog-${stage}-final`,
    });

    const shared = new EfsFileSystem(this, 'shared-fs', { encrypted: true, creationToken: `shared-${stage}` });
    new EfsBackupPolicy(this, 'shared-fs-backup', { // near-miss: no-single-point-of-storage (backup policy resource)
      fileSystemId: shared.id,
      backupPolicy: { status: 'ENABLED' },
    });

    new TerraformOutput(this, 'invoices_bucket', { value: invoices.bucket });
  }
}

const app = new App();
new PlatformStack(app, 'platform-staging', { stage: 'staging', region: 'eu-west-1', dbPasswordSecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:staging-db' });
new PlatformStack(app, 'platform-prod', { stage: 'prod', region: 'eu-west-1', dbPasswordSecretArn: 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:prod-db' });
app.synth();
