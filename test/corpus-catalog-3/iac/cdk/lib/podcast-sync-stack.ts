import * as cdk from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Podcatcher's sync service (subscriptions, play positions, user-uploaded
 * private feeds). Everything in this stack is covered by the AWS Backup plan
 * at the bottom, with daily and monthly recovery points kept in a vault that
 * outlives the stack.
 */
export class PodcastSyncStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps & { vpc: ec2.IVpc }) {
    super(scope, id, props);

    const subscriptions = new dynamodb.Table(this, 'Subscriptions', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'feedUrl', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const positions = new dynamodb.Table(this, 'PlayPositions', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'episodeId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const privateFeeds = new s3.Bucket(this, 'PrivateFeedUploads', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });

    const transcripts = new efs.FileSystem(this, 'Transcripts', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      vpc: props.vpc,
      encrypted: true,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_14_DAYS,
    });

    const vault = new backup.BackupVault(this, 'SyncBackupVault', {
      backupVaultName: `podcatcher-sync-${this.stackName}`,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    const plan = new backup.BackupPlan(this, 'SyncBackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: '3', minute: '0' }),
          deleteAfter: cdk.Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '4', minute: '0' }),
          moveToColdStorageAfter: cdk.Duration.days(30),
          deleteAfter: cdk.Duration.days(365),
        }),
      ],
    });

    plan.addSelection('SyncData', {
      resources: [
        backup.BackupResource.fromDynamoDbTable(subscriptions),
        backup.BackupResource.fromDynamoDbTable(positions),
        backup.BackupResource.fromArn(privateFeeds.bucketArn),
        backup.BackupResource.fromEfsFileSystem(transcripts),
      ],
    });
  }
}
