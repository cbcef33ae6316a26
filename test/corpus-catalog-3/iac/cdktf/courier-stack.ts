import type { Construct } from 'constructs';
import { App, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';

interface CourierEnv {
  name: 'staging' | 'production';
  region: string;
  subnetIds: string[];
}

/** Storage for courier-hub (Terraform via CDKTF). */
class CourierStorageStack extends TerraformStack {
  constructor(scope: Construct, id: string, env: CourierEnv) {
    super(scope, id);

    new AwsProvider(this, 'aws', { region: env.region });
    new S3Backend(this, { bucket: 'courier-terraform-state', key: `storage/${env.name}.tfstate`, region: 'eu-central-1' });

    // Signatures and doorstep photos: evidence in delivery disputes.
    const proofOfDelivery = new S3Bucket(this, 'proof-of-delivery', { bucket: `courier-pod-${env.name}` }); // near-miss: no-single-point-of-storage (versioned by the separate resource below)
    new S3BucketVersioningA(this, 'proof-of-delivery-versioning', {
      bucket: proofOfDelivery.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'proof-of-delivery-sse', {
      bucket: proofOfDelivery.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
    });

    // Customs declarations uploaded by shippers for international parcels.
    const customsDocs = new S3Bucket(this, 'customs-documents', {
      bucket: `courier-customs-${env.name}`,
      forceDestroy: true, // expect: no-single-point-of-storage
    });
    new S3BucketVersioningA(this, 'customs-documents-versioning', {
      bucket: customsDocs.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    const subnets = new DbSubnetGroup(this, 'db-subnets', { name: `courier-${env.name}`, subnetIds: env.subnetIds });

    // Planned routes and driver assignments.
    new DbInstance(this, 'routing-db', {
      identifier: `courier-routing-${env.name}`,
      engine: 'postgres',
      engineVersion: '15.5',
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 50,
      username: 'courier',
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      backupRetentionPeriod: 7,
      skipFinalSnapshot: true, // expect: no-single-point-of-storage
    });

    // Invoices to shippers.
    new DbInstance(this, 'billing-db', {
      identifier: `courier-billing-${env.name}`,
      engine: 'postgres',
      engineVersion: '15.5',
      instanceClass: 'db.t4g.large',
      allocatedStorage: 100,
      username: 'billing',
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      backupRetentionPeriod: 14,
      skipFinalSnapshot: true, // near-miss: no-single-point-of-storage (lifecycle.preventDestroy)
      deletionProtection: true,
      lifecycle: { preventDestroy: true },
    });

    // Every scan of every parcel, the basis of tracking pages and claims.
    const parcelEvents = new DynamodbTable(this, 'parcel-events', { // expect: no-single-point-of-storage
      name: `courier-parcel-events-${env.name}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'parcelId',
      rangeKey: 'at',
      attribute: [
        { name: 'parcelId', type: 'S' },
        { name: 'at', type: 'S' },
      ],
      serverSideEncryption: { enabled: true },
    });

    new DynamodbTable(this, 'driver-shifts', {
      name: `courier-driver-shifts-${env.name}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'driverId',
      rangeKey: 'shiftStart',
      attribute: [
        { name: 'driverId', type: 'S' },
        { name: 'shiftStart', type: 'S' },
      ],
      pointInTimeRecovery: { enabled: true }, // near-miss: no-single-point-of-storage (PITR on)
    });

    new DynamodbTable(this, 'dispatch-locks', { // near-miss: no-single-point-of-storage (lock table)
      name: `courier-dispatch-locks-${env.name}`,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'lockId',
      attribute: [{ name: 'lockId', type: 'S' }],
      ttl: { attributeName: 'expiresAt', enabled: true },
    });

    new TerraformOutput(this, 'pod_bucket', { value: proofOfDelivery.bucket });
    new TerraformOutput(this, 'parcel_events_table', { value: parcelEvents.name });
  }
}

const app = new App();
new CourierStorageStack(app, 'courier-storage-staging', { name: 'staging', region: 'eu-central-1', subnetIds: ['subnet-0a1', 'subnet-0b2'] });
new CourierStorageStack(app, 'courier-storage-production', { name: 'production', region: 'eu-central-1', subnetIds: ['subnet-1a1', 'subnet-1b2'] });
app.synth();
