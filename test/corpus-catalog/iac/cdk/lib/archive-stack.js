'use strict';

// Long-term archive of closed customer projects. Nothing here relies on per-resource
// versioning or PITR: the AWS Backup plan below takes daily and monthly recovery points
// of every resource in the stack, and those recovery points outlive the resources.

const { Stack, RemovalPolicy, Duration } = require('aws-cdk-lib');
const { Bucket, BucketEncryption, StorageClass } = require('aws-cdk-lib/aws-s3');
const { Table, AttributeType, BillingMode } = require('aws-cdk-lib/aws-dynamodb');
const backup = require('aws-cdk-lib/aws-backup');
const events = require('aws-cdk-lib/aws-events');

class ArchiveStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    const archive = new Bucket(this, 'ProjectArchive', { // near-miss: no-single-point-of-storage (covered by the backup plan in this file)
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [
        { transitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) }] },
      ],
    });

    const index = new Table(this, 'ArchiveIndex', { // near-miss: no-single-point-of-storage (covered by the backup plan in this file)
      partitionKey: { name: 'customerId', type: AttributeType.STRING },
      sortKey: { name: 'projectId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const vault = new backup.BackupVault(this, 'ArchiveVault', {
      backupVaultName: `archive-vault-${props.stage}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const plan = new backup.BackupPlan(this, 'ArchivePlan', { backupVault: vault });
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'daily',
        scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }),
        deleteAfter: Duration.days(35),
      }),
    );
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'monthly',
        scheduleExpression: events.Schedule.cron({ day: '1', hour: '3', minute: '0' }),
        moveToColdStorageAfter: Duration.days(30),
        deleteAfter: Duration.days(3650),
      }),
    );
    plan.addSelection('ArchiveResources', {
      resources: [backup.BackupResource.fromArn(archive.bucketArn), backup.BackupResource.fromDynamoDbTable(index)],
    });
  }
}

module.exports = { ArchiveStack };
