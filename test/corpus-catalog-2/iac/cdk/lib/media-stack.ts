// Lumen Cloud (hosted photo libraries) — still on CDK v1.
import * as cdk from '@aws-cdk/core';
import * as ec2 from '@aws-cdk/aws-ec2';
import * as efs from '@aws-cdk/aws-efs';
import * as s3 from '@aws-cdk/aws-s3';
import { Table, AttributeType, BillingMode } from '@aws-cdk/aws-dynamodb';

export interface MediaStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
  isProd: boolean;
}

export class MediaStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, props: MediaStackProps) {
    super(scope, id, props);

    // Originals: the photos customers upload. The worker fleet mounts this.
    const originals = new efs.FileSystem(this, 'OriginalsFs', { // expect: no-single-point-of-storage
      vpc: props.vpc,
      encrypted: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
    });

    // Sidecar files (XMP edits, face data) next to the originals, backed up.
    const sidecars = new efs.FileSystem(this, 'SidecarsFs', {
      vpc: props.vpc,
      encrypted: true,
      enableAutomaticBackups: true, // near-miss: no-single-point-of-storage (automatic backups on)
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // Library metadata: albums, ratings, captions.
    const libraries = new Table(this, 'Libraries', {
      partitionKey: { name: 'libraryId', type: AttributeType.STRING },
      sortKey: { name: 'itemId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
    });
    libraries.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY); // expect: no-single-point-of-storage

    // Sharing links customers create for albums.
    const shares = new Table(this, 'AlbumShares', {
      partitionKey: { name: 'shareId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
    });

    // Print orders placed from albums.
    const printOrders = new Table(this, 'PrintOrders', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
    });
    printOrders.applyRemovalPolicy(props.isProd ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.DESTROY); // near-miss: no-single-point-of-storage (stage-conditional)

    // Rendered thumbnails and web previews, regenerated from the originals.
    const previews = new s3.Bucket(this, 'PreviewCache', { // near-miss: no-single-point-of-storage (reproducible cache, named so)
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // Videos customers upload (too large for EFS); originals, no other copy.
    const videoOriginals = new s3.Bucket(this, 'VideoOriginals', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: false, // expect: no-single-point-of-storage
      lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: cdk.Duration.days(0) }] }],
    });

    // Voice notes attached to photos: same kind of originals, versioned.
    const voiceNotes = new s3.Bucket(this, 'VoiceNotes', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true, // near-miss: no-single-point-of-storage (versioned)
      lifecycleRules: [{ noncurrentVersionExpiration: cdk.Duration.days(90) }],
    });

    new cdk.CfnOutput(this, 'OriginalsId', { value: originals.fileSystemId });
    new cdk.CfnOutput(this, 'SidecarsId', { value: sidecars.fileSystemId });
    new cdk.CfnOutput(this, 'Tables', { value: [libraries.tableName, shares.tableName, printOrders.tableName].join(',') });
    new cdk.CfnOutput(this, 'Buckets', { value: [previews.bucketName, videoOriginals.bucketName, voiceNotes.bucketName].join(',') });
  }
}
