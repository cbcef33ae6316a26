import { App, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { aws_dynamodb as ddb, aws_s3 as s3, aws_lambda as lambda, aws_apigatewayv2 as apigw } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

interface VaultSyncStackProps extends StackProps {
  /** Preview environments for pull requests are thrown away after merge. */
  ephemeral: boolean;
}

/** Sync backend for Keyhaven: encrypted vault blobs, devices and shares. */
export class VaultSyncStack extends Stack {
  constructor(scope: Construct, id: string, props: VaultSyncStackProps) {
    super(scope, id, props);

    // One item per vault: the encrypted blob and its revision counter.
    const vaults = new ddb.CfnTable(this, 'VaultBlobs', { // expect: no-single-point-of-storage
      keySchema: [{ attributeName: 'vaultId', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'vaultId', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true },
    });

    // Enrolled devices and their wrapped keys.
    const devices = new ddb.CfnTable(this, 'VaultDevices', {
      keySchema: [
        { attributeName: 'vaultId', keyType: 'HASH' },
        { attributeName: 'deviceId', keyType: 'RANGE' },
      ],
      attributeDefinitions: [
        { attributeName: 'vaultId', attributeType: 'S' },
        { attributeName: 'deviceId', attributeType: 'S' },
      ],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: true },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, // near-miss: no-single-point-of-storage (PITR on)
    });

    // Items shared with family members.
    const shares = new ddb.Table(this, 'SharedItems', {
      partitionKey: { name: 'recipientId', type: ddb.AttributeType.STRING },
      sortKey: { name: 'itemId', type: ddb.AttributeType.STRING },
      billingMode: ddb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
    });
    shares.applyRemovalPolicy(RemovalPolicy.DESTROY); // expect: no-single-point-of-storage

    // Revision history, for "restore previous version of this item".
    const history = new ddb.Table(this, 'ItemHistory', {
      partitionKey: { name: 'itemId', type: ddb.AttributeType.STRING },
      sortKey: { name: 'revision', type: ddb.AttributeType.NUMBER },
      billingMode: ddb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
    });
    history.applyRemovalPolicy(props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN); // near-miss: no-single-point-of-storage (environment-conditional)

    // WebSocket connections for live sync notifications.
    const connections = new ddb.Table(this, 'LiveConnections', { // near-miss: no-single-point-of-storage (keyed by connectionId)
      partitionKey: { name: 'connectionId', type: ddb.AttributeType.STRING },
      billingMode: ddb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Attachments (encrypted files attached to vault items).
    const attachments = new s3.Bucket(this, 'Attachments', {
      versioned: true,
      encryption: s3.BucketEncryption.KMS_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: props.ephemeral, // near-miss: no-single-point-of-storage (environment-conditional)
    });

    const syncFn = new lambda.Function(this, 'SyncHandler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('../services/sync/dist'),
      timeout: Duration.seconds(15),
      environment: {
        VAULTS_TABLE: vaults.ref,
        DEVICES_TABLE: devices.ref,
        SHARES_TABLE: shares.tableName,
        HISTORY_TABLE: history.tableName,
        CONNECTIONS_TABLE: connections.tableName,
        ATTACHMENTS_BUCKET: attachments.bucketName,
      },
    });
    shares.grantReadWriteData(syncFn);
    history.grantReadWriteData(syncFn);
    connections.grantReadWriteData(syncFn);
    attachments.grantReadWrite(syncFn);

    const api = new apigw.CfnApi(this, 'SyncApi', { name: `keyhaven-sync-${id}`, protocolType: 'HTTP' });
    new CfnOutput(this, 'SyncApiId', { value: api.ref });
  }
}

const app = new App();
new VaultSyncStack(app, 'KeyhavenSync', { ephemeral: false });
new VaultSyncStack(app, 'KeyhavenSyncPreview', { ephemeral: true });
