import { Stack, type StackProps, RemovalPolicy, Duration, CfnOutput, aws_s3 as s3 } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';

export interface StorageStackProps extends StackProps {
  stage: 'dev' | 'staging' | 'prod';
}

// Versioning doubles the storage bill for the signatures bucket; revisit after the
// lifecycle rules land (PLAT-412).
const KEEP_SIGNATURE_VERSIONS = false;

export class StorageStack extends Stack {
  public readonly uploads: s3.Bucket;
  public readonly documents: s3.Bucket;
  public readonly notes: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const isProd = props.stage === 'prod';

    const secureDefaults: s3.BucketProps = {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    };

    // Photos and PDFs users attach to their notes.
    this.uploads = new s3.Bucket(this, 'UserUploads', { // expect: no-single-point-of-storage
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });

    this.documents = new s3.Bucket(this, 'Documents', {
      versioned: true,
      encryption: s3.BucketEncryption.KMS_MANAGED,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (stage-conditional)
      autoDeleteObjects: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });

    // Signed contracts (e-signature flow).
    new s3.Bucket(this, 'Signatures', {
      versioned: KEEP_SIGNATURE_VERSIONS, // expect: no-single-point-of-storage
      encryption: s3.BucketEncryption.KMS_MANAGED,
      objectLockEnabled: false,
    });

    // Profile pictures.
    new s3.Bucket(this, 'Avatars', {
      versioned: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true, // expect: no-single-point-of-storage
    });

    // Scanned receipts: same settings as every private bucket.
    new s3.Bucket(this, 'Receipts', { ...secureDefaults, bucketName: `acme-receipts-${props.stage}` }); // near-miss: no-single-point-of-storage (versioning comes from the spread defaults)

    new s3.Bucket(this, 'Drawings', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (DESTROY alone cannot delete a non-empty bucket)
    });

    new s3.Bucket(this, 'AccessLogs', { // near-miss: no-single-point-of-storage (server access logs)
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const site = new s3.Bucket(this, 'WebsiteBucket', { // near-miss: no-single-point-of-storage (rebuilt from the repository)
      websiteIndexDocument: 'index.html',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    new s3deploy.BucketDeployment(this, 'SiteContent', {
      sources: [s3deploy.Source.asset('../web/dist')],
      destinationBucket: site,
    });

    // One item per note, keyed by owner.
    this.notes = new dynamodb.Table(this, 'Notes', { // expect: no-single-point-of-storage
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'noteId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    new dynamodb.Table(this, 'Tasks', {
      partitionKey: { name: 'listId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'taskId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true, // near-miss: no-single-point-of-storage
      removalPolicy: RemovalPolicy.DESTROY, // expect: no-single-point-of-storage
    });

    new dynamodb.TableV2(this, 'Profiles', {
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecovery: false, // expect: no-single-point-of-storage
    });

    new dynamodb.TableV2(this, 'Comments', {
      partitionKey: { name: 'threadId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'commentId', type: dynamodb.AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, // near-miss: no-single-point-of-storage
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new dynamodb.Table(this, 'SessionsTable', { // near-miss: no-single-point-of-storage (short-lived sessions)
      partitionKey: { name: 'sessionId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    new dynamodb.Table(this, 'Presence', { // near-miss: no-single-point-of-storage (keyed by connectionId)
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'ttl',
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    new CfnOutput(this, 'UploadsBucketName', { value: this.uploads.bucketName });
    new CfnOutput(this, 'NotesTableName', { value: this.notes.tableName });
  }
}
