import { Construct } from 'constructs';
import { App, TerraformStack, TerraformOutput, S3Backend } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';

/**
 * Shipq SaaS ("shipq cloud"): hosted deploy queues for teams.
 */
class ShipqCloudStack extends TerraformStack {
  constructor(scope: Construct, id: string, env: 'staging' | 'production') {
    super(scope, id);

    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    new S3Backend(this, { bucket: 'shipq-terraform-state', key: `${env}/terraform.tfstate`, region: 'eu-west-1' });

    // Deploy bundles teams upload (their release tarballs), kept for rollbacks.
    const bundles = new S3Bucket(this, 'release-bundles', { // expect: no-single-point-of-storage
      bucket: `shipq-${env}-release-bundles`,
      tags: { service: 'shipq', env },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'release-bundles-sse', {
      bucket: bundles.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
    });

    // Audit exports of who deployed what (compliance evidence).
    const audit = new S3Bucket(this, 'release-audit', {
      bucket: `shipq-${env}-release-audit`,
      forceDestroy: true, // expect: no-single-point-of-storage
    });
    new S3BucketVersioningA(this, 'release-audit-versioning', {
      bucket: audit.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    // Job manifests: versioned through a separate resource, kept on destroy.
    const manifests = new S3Bucket(this, 'job-manifests', { // near-miss: no-single-point-of-storage (separate S3BucketVersioningA)
      bucket: `shipq-${env}-job-manifests`,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketVersioningA(this, 'job-manifests-versioning', {
      bucket: manifests.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    // Queues and jobs per team.
    const queues = new DynamodbTable(this, 'job-queues', {
      name: `shipq-${env}-job-queues`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'teamId',
      rangeKey: 'jobId',
      attribute: [
        { name: 'teamId', type: 'S' },
        { name: 'jobId', type: 'S' },
      ],
      pointInTimeRecovery: { enabled: true },
    });

    // Team settings, with point-in-time recovery.
    const teams = new DynamodbTable(this, 'teams', {
      name: `shipq-${env}-teams`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'teamId',
      attribute: [{ name: 'teamId', type: 'S' }],
      pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage (PITR on)
    });

    // Billing database.
    const billing = new DbInstance(this, 'billing-db', {
      identifier: `shipq-${env}-billing`,
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: 'db.t4g.small',
      allocatedStorage: 20,
      username: 'shipq',
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      skipFinalSnapshot: true, // expect: no-single-point-of-storage
    });

    // Usage metering database: final snapshot skipped, but Terraform refuses to destroy it.
    const metering = new DbInstance(this, 'metering-db', {
      identifier: `shipq-${env}-metering`,
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: 'db.t4g.small',
      allocatedStorage: 20,
      username: 'shipq',
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      skipFinalSnapshot: true, // near-miss: no-single-point-of-storage (lifecycle.preventDestroy)
      lifecycle: { preventDestroy: true },
    });

    new TerraformOutput(this, 'bundles_bucket', { value: bundles.bucket });
    new TerraformOutput(this, 'audit_bucket', { value: audit.bucket });
    new TerraformOutput(this, 'tables', { value: [queues.name, teams.name] });
    new TerraformOutput(this, 'db_endpoints', { value: [billing.endpoint, metering.endpoint] });
  }
}

const app = new App();
new ShipqCloudStack(app, 'shipq-staging', 'staging');
new ShipqCloudStack(app, 'shipq-production', 'production');
app.synth();
