import { noSinglePointOfStorage } from '../../rules/no-single-point-of-storage';
import { runRuleTests } from '../support/rule-tester';

const CDK = `import * as cdk from 'aws-cdk-lib';\nimport { aws_s3 as s3, aws_dynamodb as dynamodb, aws_rds as rds, aws_efs as efs, RemovalPolicy, Duration } from 'aws-cdk-lib';\n`;
const PULUMI = `import * as aws from '@pulumi/aws';\n`;

runRuleTests(noSinglePointOfStorage, {
  valid: [
    { name: 'versioned bucket', code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { versioned: true });\n}` },
    { name: 'replicated bucket', code: `${CDK}export function f(scope: any, rules: any[]) {\n  new s3.Bucket(scope, 'Docs', { replicationRules: rules });\n}` },
    { name: 'versioning decided by props', code: `${CDK}export function f(scope: any, props: { versioned: boolean }) {\n  new s3.Bucket(scope, 'Docs', { versioned: props.versioned });\n}` },
    { name: 'stage-conditional removal policy', code: `${CDK}export function f(scope: any, isProd: boolean) {\n  new s3.Bucket(scope, 'Docs', { versioned: true, removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY });\n}` },
    { name: 'RETAIN and SNAPSHOT', code: `${CDK}export function f(scope: any, vpc: any) {\n  new dynamodb.Table(scope, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true, removalPolicy: RemovalPolicy.RETAIN });\n  new rds.DatabaseInstance(scope, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, removalPolicy: RemovalPolicy.SNAPSHOT, backupRetention: Duration.days(7) });\n}` },
    { name: 'props from a spread may set versioning', code: `${CDK}export function f(scope: any, defaults: object) {\n  new s3.Bucket(scope, 'Docs', { ...defaults, encryption: s3.BucketEncryption.S3_MANAGED });\n}` },
    { name: 'props passed in whole', code: `${CDK}export function f(scope: any, props: any) {\n  new s3.Bucket(scope, 'Docs', props);\n}` },
    { name: 'a const props object that enables PITR', code: `${CDK}const tableProps = { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true };\nexport function f(scope: any) {\n  new dynamodb.Table(scope, 'T', tableProps);\n}` },
    { name: 'new-style PITR specification', code: `${CDK}export function f(scope: any) {\n  new dynamodb.TableV2(scope, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });\n}` },
    { name: 'website bucket holds rebuildable files', code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Frontend', { websiteIndexDocument: 'index.html', removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });\n}` },
    { name: 'name says reproducible', code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'BuildArtifacts', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });\n  const accessLogsBucket = new s3.Bucket(scope, 'Logging');\n}` },
    { name: 'a websocket connection registry', code: `${CDK}export function f(scope: any, name: string) {\n  new dynamodb.Table(scope, \`\${name}-table\`, { partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });\n}` },
    { name: 'a template construct id that names sessions', code: `${CDK}export function f(scope: any, stage: string) {\n  new dynamodb.Table(scope, \`\${stage}-sessions\`, { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });\n}` },
    { name: 'bucket filled by a BucketDeployment', code: `${CDK}import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';\nexport function f(scope: any) {\n  const spa = new s3.Bucket(scope, 'Ui', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });\n  new s3deploy.BucketDeployment(scope, 'Deploy', { sources: [], destinationBucket: spa });\n}` },
    { name: 'AWS Backup plan in the stack covers missing PITR', code: `${CDK}import * as backup from 'aws-cdk-lib/aws-backup';\nexport function f(scope: any) {\n  const table = new dynamodb.Table(scope, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });\n  const plan = backup.BackupPlan.dailyMonthly1YearRetention(scope, 'Plan');\n  plan.addSelection('S', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });\n}` },
    { name: 'EFS with automatic backups', code: `${CDK}export function f(scope: any, vpc: any) {\n  new efs.FileSystem(scope, 'Fs', { vpc, enableAutomaticBackups: true });\n}` },
    { name: 'test stacks are skipped by default', filename: 'test/stack.test.ts', code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });\n}` },
    { name: 'DESTROY alone cannot delete a bucket that holds objects', code: `${CDK}export function f(scope: any) {\n  const b = new s3.Bucket(scope, 'Docs', { versioned: true, removalPolicy: RemovalPolicy.DESTROY });\n  b.applyRemovalPolicy(RemovalPolicy.DESTROY);\n}` },
    { name: 'an AWS Backup plan in the stack keeps copies that outlive the table', code: `${CDK}import * as backup from 'aws-cdk-lib/aws-backup';\nexport function f(scope: any) {\n  const table = new dynamodb.Table(scope, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });\n  new backup.BackupPlan(scope, 'Plan').addSelection('S', { resources: [backup.BackupResource.fromDynamoDbTable(table)] });\n}` },
    { name: 'not a CDK bucket', code: `import { Bucket } from './my-bucket';\nexport function f(scope: any) {\n  new Bucket(scope, 'Docs', { removalPolicy: 'destroy' });\n}` },
    { name: 'a local class extending Bucket sets versioning itself', code: `${CDK}class DataBucket extends s3.Bucket {\n  constructor(scope: any, id: string, props: object) {\n    super(scope, id, { ...props, versioned: true });\n  }\n}\nexport function f(scope: any) {\n  new DataBucket(scope, 'Docs', {});\n}` },
    { name: 'applyRemovalPolicy on something that is not stateful', code: `${CDK}import * as logs from 'aws-cdk-lib/aws-logs';\nexport function f(scope: any) {\n  const group = new logs.LogGroup(scope, 'L');\n  group.applyRemovalPolicy(RemovalPolicy.DESTROY);\n}` },
    { name: 'Pulumi bucket with a versioning resource that names it', code: `${PULUMI}const docs = new aws.s3.BucketV2('docs');\nnew aws.s3.BucketVersioningV2('docs-v', { bucket: docs.id, versioningConfiguration: { status: 'Enabled' } });` },
    { name: 'Pulumi classic bucket with inline versioning', code: `${PULUMI}new aws.s3.Bucket('docs', { versioning: { enabled: true } });` },
    { name: 'Pulumi skipFinalSnapshot on a protected resource', code: `${PULUMI}new aws.rds.Instance('db', { instanceClass: 'db.t3.micro', skipFinalSnapshot: true, deleteAutomatedBackups: true }, { protect: true });` },
    { name: 'Pulumi skipFinalSnapshot decided by stage', code: `${PULUMI}declare const isProd: boolean;\nnew aws.rds.Instance('db', { instanceClass: 'db.t3.micro', skipFinalSnapshot: !isProd });` },
    { name: 'Pulumi table with PITR', code: `${PULUMI}new aws.dynamodb.Table('t', { hashKey: 'id', attributes: [], pointInTimeRecovery: { enabled: true } });` },
    { name: 'CDKTF bucket with a separate versioning resource', code: `import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nimport { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';\nexport function f(scope: any) {\n  const b = new S3Bucket(scope, 'b', {});\n  new S3BucketVersioningA(scope, 'v', { bucket: b.id, versioningConfiguration: { status: 'Enabled' } });\n}` },
    { name: 'CDKTF preventDestroy answers forceDestroy', code: `import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nexport function f(scope: any) {\n  new S3Bucket(scope, 'b', { forceDestroy: true, versioning: { enabled: true }, lifecycle: { preventDestroy: true } });\n}` },
  ],
  invalid: [
    {
      name: 'bucket without versioning: fix adds it',
      code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'UserDocuments', {\n    encryption: s3.BucketEncryption.S3_MANAGED,\n  });\n}`,
      errors: [{ messageId: 'bucketWithoutVersioning', line: 4, column: 3, messageIncludes: 'UserDocuments' }],
      output: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'UserDocuments', {\n    encryption: s3.BucketEncryption.S3_MANAGED,\n    versioned: true,\n  });\n}`,
    },
    {
      name: 'bucket without props: fix adds a props object',
      code: `import { Bucket } from 'aws-cdk-lib/aws-s3';\nexport function f(scope: any) {\n  return new Bucket(scope, 'Uploads');\n}`,
      errors: [{ messageId: 'bucketWithoutVersioning', line: 3 }],
      output: `import { Bucket } from 'aws-cdk-lib/aws-s3';\nexport function f(scope: any) {\n  return new Bucket(scope, 'Uploads', { versioned: true });\n}`,
    },
    {
      name: 'autoDeleteObjects: the fix removes it, and versioning is added',
      code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Photos', {\n    autoDeleteObjects: true,\n    removalPolicy: RemovalPolicy.DESTROY,\n  });\n}`,
      errors: [
        { messageId: 'bucketWithoutVersioning', line: 4 },
        { messageId: 'autoDeleteObjects', line: 5 },
      ],
      output: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Photos', {\n    removalPolicy: RemovalPolicy.DESTROY,\n    versioned: true,\n  });\n}`,
    },
    {
      name: 'versioned: false',
      code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { versioned: false });\n}`,
      errors: [{ messageId: 'versioningDisabled', line: 4, column: 34 }],
      output: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { versioned: true });\n}`,
    },
    {
      name: 'a const removal policy is still DESTROY',
      code: `${CDK}const removalPolicy = cdk.RemovalPolicy.DESTROY;\nexport function f(scope: any) {\n  new dynamodb.Table(scope, 'Docs', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true, removalPolicy });\n}`,
      errors: [{ messageId: 'removalDestroy', line: 5 }],
    },
    {
      name: 'table without PITR',
      code: `${CDK}export function f(scope: any) {\n  new dynamodb.Table(scope, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });\n}`,
      errors: [{ messageId: 'tableWithoutPitr', line: 4 }],
      output: `${CDK}export function f(scope: any) {\n  new dynamodb.Table(scope, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true });\n}`,
    },
    {
      name: 'TableV2 with PITR off, and applyRemovalPolicy(DESTROY)',
      code: `${CDK}export function f(scope: any) {\n  const notes = new dynamodb.TableV2(scope, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: false });\n  notes.applyRemovalPolicy(RemovalPolicy.DESTROY);\n}`,
      errors: [
        { messageId: 'pitrDisabled', line: 4 },
        { messageId: 'removalDestroy', line: 5, messageIncludes: 'notes' },
      ],
      output: `${CDK}export function f(scope: any) {\n  const notes = new dynamodb.TableV2(scope, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true });\n  notes.applyRemovalPolicy(RemovalPolicy.RETAIN);\n}`,
    },
    {
      name: 'CfnTable takes the CloudFormation spelling',
      code: `${CDK}export function f(scope: any) {\n  new dynamodb.CfnTable(scope, 'Raw', { keySchema: [] });\n}`,
      errors: [{ messageId: 'tableWithoutPitr', line: 4 }],
      output: `${CDK}export function f(scope: any) {\n  new dynamodb.CfnTable(scope, 'Raw', { keySchema: [], pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });\n}`,
    },
    {
      name: 'RDS with no backups, deleted backups and DESTROY (fix: SNAPSHOT)',
      code: `${CDK}export function f(scope: any, vpc: any) {\n  new rds.DatabaseInstance(scope, 'Orders', {\n    engine: rds.DatabaseInstanceEngine.POSTGRES,\n    vpc,\n    backupRetention: Duration.days(0),\n    deleteAutomatedBackups: true,\n    removalPolicy: RemovalPolicy.DESTROY,\n  });\n}`,
      errors: [
        { messageId: 'noBackupRetention', line: 7, suggestions: [{ messageId: 'suggestRetention', output: `${CDK}export function f(scope: any, vpc: any) {\n  new rds.DatabaseInstance(scope, 'Orders', {\n    engine: rds.DatabaseInstanceEngine.POSTGRES,\n    vpc,\n    backupRetention: Duration.days(7),\n    deleteAutomatedBackups: true,\n    removalPolicy: RemovalPolicy.DESTROY,\n  });\n}` }] },
        { messageId: 'deleteAutomatedBackups', line: 8 },
        { messageId: 'removalDestroy', line: 9 },
      ],
      output: `${CDK}export function f(scope: any, vpc: any) {\n  new rds.DatabaseInstance(scope, 'Orders', {\n    engine: rds.DatabaseInstanceEngine.POSTGRES,\n    vpc,\n    backupRetention: Duration.days(0),\n    deleteAutomatedBackups: true,\n    removalPolicy: RemovalPolicy.SNAPSHOT,\n  });\n}`,
    },
    {
      name: 'Aurora cluster with zero retention in backup props',
      code: `${CDK}export function f(scope: any, vpc: any, writer: any) {\n  new rds.DatabaseCluster(scope, 'Cluster', { engine: rds.DatabaseClusterEngine.auroraPostgres({} as any), vpc, writer, backup: { retention: cdk.Duration.days(0) } });\n}`,
      errors: [{ messageId: 'noBackupRetention', line: 4 }],
    },
    {
      name: 'EFS without automatic backups',
      code: `${CDK}export function f(scope: any, vpc: any) {\n  new efs.FileSystem(scope, 'Home', { vpc });\n}`,
      errors: [{ messageId: 'efsWithoutBackup', line: 4 }],
      output: `${CDK}export function f(scope: any, vpc: any) {\n  new efs.FileSystem(scope, 'Home', { vpc, enableAutomaticBackups: true });\n}`,
    },
    {
      name: 'RemovalPolicies.of(scope).destroy()',
      code: `${CDK}export function f(scope: any) {\n  cdk.RemovalPolicies.of(scope).destroy();\n}`,
      errors: [{ messageId: 'destroyAllInScope', line: 4, suggestions: [{ messageId: 'suggestRetainAll', output: `${CDK}export function f(scope: any) {\n  cdk.RemovalPolicies.of(scope).retain();\n}` }] }],
    },
    {
      name: 'CDK v1 module names',
      code: `import * as efs from '@aws-cdk/aws-efs';\nimport * as core from '@aws-cdk/core';\nexport function f(scope: any, vpc: any) {\n  new efs.FileSystem(scope, 'Home', { vpc, enableAutomaticBackups: true, removalPolicy: core.RemovalPolicy.DESTROY });\n}`,
      errors: [{ messageId: 'removalDestroy', line: 4 }],
      output: `import * as efs from '@aws-cdk/aws-efs';\nimport * as core from '@aws-cdk/core';\nexport function f(scope: any, vpc: any) {\n  new efs.FileSystem(scope, 'Home', { vpc, enableAutomaticBackups: true, removalPolicy: core.RemovalPolicy.RETAIN });\n}`,
    },
    {
      name: 'a local subclass whose super() drops the protection',
      code: `${CDK}class DataBucket extends s3.Bucket {\n  constructor(scope: any, id: string) {\n    super(scope, id, { encryption: s3.BucketEncryption.S3_MANAGED });\n  }\n}`,
      errors: [{ messageId: 'bucketWithoutVersioning', line: 5 }],
      output: `${CDK}class DataBucket extends s3.Bucket {\n  constructor(scope: any, id: string) {\n    super(scope, id, { encryption: s3.BucketEncryption.S3_MANAGED, versioned: true });\n  }\n}`,
    },
    {
      name: 'ignoreNamePattern "" checks asset buckets too',
      options: { ignoreNamePattern: '' },
      code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'StaticAssets', { versioned: true, autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });\n}`,
      errors: [{ messageId: 'autoDeleteObjects', line: 4 }],
      output: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'StaticAssets', { versioned: true, removalPolicy: RemovalPolicy.DESTROY });\n}`,
    },
    {
      name: 'ignoreTestFiles false checks test stacks',
      filename: 'test/stack.test.ts',
      options: { ignoreTestFiles: false },
      code: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { versioned: true, autoDeleteObjects: true });\n}`,
      errors: [{ messageId: 'autoDeleteObjects', line: 4 }],
      output: `${CDK}export function f(scope: any) {\n  new s3.Bucket(scope, 'Docs', { versioned: true });\n}`,
    },
    {
      name: 'Pulumi bucket without versioning: suggestion adds a versioning resource',
      code: `${PULUMI}export const docs = new aws.s3.BucketV2('docs', { forceDestroy: true });`,
      errors: [
        {
          messageId: 'bucketWithoutVersioning',
          line: 2,
          suggestions: [{ messageId: 'suggestVersioningResource', output: `${PULUMI}export const docs = new aws.s3.BucketV2('docs', { forceDestroy: true });\nnew aws.s3.BucketVersioningV2('docs-versioning', { bucket: docs.id, versioningConfiguration: { status: 'Enabled' } });` }],
        },
        { messageId: 'forceDestroy', line: 2, suggestions: [{ messageId: 'suggestValue', output: `${PULUMI}export const docs = new aws.s3.BucketV2('docs', { forceDestroy: false });` }] },
      ],
    },
    {
      name: 'Pulumi RDS with no backups and no final snapshot',
      code: `${PULUMI}new aws.rds.Instance('orders', {\n  instanceClass: 'db.t3.micro',\n  backupRetentionPeriod: 0,\n  skipFinalSnapshot: true,\n});`,
      errors: [
        { messageId: 'noBackupRetention', line: 4 },
        { messageId: 'skipFinalSnapshot', line: 5, suggestions: [{ messageId: 'suggestFinalSnapshot', output: `${PULUMI}new aws.rds.Instance('orders', {\n  instanceClass: 'db.t3.micro',\n  backupRetentionPeriod: 0,\n  skipFinalSnapshot: false, finalSnapshotIdentifier: 'orders-final',\n});` }] },
      ],
    },
    {
      name: 'Pulumi table without PITR',
      code: `${PULUMI}new aws.dynamodb.Table('ordersData', { hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });`,
      errors: [{ messageId: 'tableWithoutPitr', line: 2 }],
      output: `${PULUMI}new aws.dynamodb.Table('ordersData', { hashKey: 'id', attributes: [{ name: 'id', type: 'S' }], pointInTimeRecovery: { enabled: true } });`,
    },
    {
      name: 'Pulumi EFS without a backup policy',
      code: `${PULUMI}export const home = new aws.efs.FileSystem('home', {});`,
      errors: [{ messageId: 'efsWithoutBackup', line: 2 }],
    },
    {
      name: 'CDKTF table and database',
      code: `import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';\nimport { DbInstance } from '@cdktf/provider-aws/lib/db-instance';\nexport function f(scope: any) {\n  new DynamodbTable(scope, 'orders', { name: 'orders', hashKey: 'id', pointInTimeRecovery: { enabled: false } });\n  new DbInstance(scope, 'db', { instanceClass: 'db.t3.micro', skipFinalSnapshot: true, finalSnapshotIdentifier: 'x' });\n}`,
      errors: [{ messageId: 'pitrDisabled', line: 4 }, { messageId: 'skipFinalSnapshot', line: 5, suggestions: [] }],
      output: `import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';\nimport { DbInstance } from '@cdktf/provider-aws/lib/db-instance';\nexport function f(scope: any) {\n  new DynamodbTable(scope, 'orders', { name: 'orders', hashKey: 'id', pointInTimeRecovery: { enabled: true } });\n  new DbInstance(scope, 'db', { instanceClass: 'db.t3.micro', skipFinalSnapshot: true, finalSnapshotIdentifier: 'x' });\n}`,
    },
    {
      name: 'CDKTF bindings generated into the project',
      code: `import { S3Bucket } from './.gen/providers/aws/s3-bucket';\nexport function f(scope: any) {\n  new S3Bucket(scope, 'photos', { bucket: 'user-photos', forceDestroy: true });\n}`,
      errors: [{ messageId: 'bucketWithoutVersioning', line: 3 }, { messageId: 'forceDestroy', line: 3 }],
    },
    {
      name: 'CDKTF namespace import',
      code: `import { s3Bucket } from '@cdktf/provider-aws';\nexport function f(scope: any) {\n  new s3Bucket.S3Bucket(scope, 'b', { bucket: 'user-photos' });\n}`,
      errors: [{ messageId: 'bucketWithoutVersioning', line: 3 }],
    },
  ],
});
