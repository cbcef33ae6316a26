import { Stack, type StackProps, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';

export interface FieldnotesStackProps extends StackProps {
  vpc: ec2.IVpc;
}

/**
 * Fieldnotes server side: CouchDB on EFS, survey projects in DynamoDB, media
 * in S3. Everything stateful here is covered by the AWS Backup plan at the
 * bottom of this stack (hourly + daily, copied to the DR vault).
 */
export class FieldnotesStack extends Stack {
  constructor(scope: Construct, id: string, props: FieldnotesStackProps) {
    super(scope, id, props);

    const couchData = new efs.FileSystem(this, 'CouchDbData', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      vpc: props.vpc,
      encrypted: true,
      throughputMode: efs.ThroughputMode.ELASTIC,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const projects = new dynamodb.Table(this, 'SurveyProjects', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      partitionKey: { name: 'projectId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const media = new s3.Bucket(this, 'ObservationMedia', { // near-miss: no-single-point-of-storage (AWS Backup plan in this file)
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
    });

    const vault = new backup.BackupVault(this, 'FieldnotesVault', {
      backupVaultName: 'fieldnotes-primary',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const drVault = backup.BackupVault.fromBackupVaultArn(
      this,
      'DrVault',
      'arn:aws:backup:eu-central-1:111122223333:backup-vault:fieldnotes-dr',
    );

    const plan = new backup.BackupPlan(this, 'FieldnotesPlan', { backupVault: vault });
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Hourly',
        scheduleExpression: events.Schedule.cron({ minute: '5' }),
        deleteAfter: Duration.days(3),
      }),
    );
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'DailyWithDrCopy',
        scheduleExpression: events.Schedule.cron({ hour: '1', minute: '30' }),
        deleteAfter: Duration.days(35),
        copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(90) }],
      }),
    );
    plan.addSelection('Stateful', {
      resources: [
        backup.BackupResource.fromEfsFileSystem(couchData),
        backup.BackupResource.fromDynamoDbTable(projects),
        backup.BackupResource.fromArn(media.bucketArn),
      ],
    });
  }
}
