import { Stack, StackProps, RemovalPolicy, Duration, aws_s3 as s3, aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface UserDataStackProps extends StackProps {
  stage: 'dev' | 'staging' | 'prod';
  appRole: iam.IRole;
}

/**
 * Storage for the Pinboard web app: card attachments, board exports, board
 * metadata in DynamoDB, and the SPA itself.
 */
export class UserDataStack extends Stack {
  readonly attachments: s3.Bucket;
  readonly boardExports: s3.Bucket;
  readonly boards: dynamodb.Table;

  constructor(scope: Construct, id: string, props: UserDataStackProps) {
    super(scope, id, props);
    const isProd = props.stage === 'prod';

    // Files users attach to cards (images, PDFs). Only copy.
    this.attachments = new s3.Bucket(this, 'CardAttachments', { // expect: no-single-point-of-storage
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      cors: [{ allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET], allowedOrigins: ['https://app.pinboard.example'] }],
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(2) }],
    });

    // Board exports users download later ("Export board as ZIP").
    this.boardExports = new s3.Bucket(this, 'BoardExports', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (CloudFormation will not delete a non-empty bucket)
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    // Avatars: versioned, but the stack empties it on delete.
    const avatars = new s3.Bucket(this, 'UserAvatars', {
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true, // expect: no-single-point-of-storage
    });

    // Board documents written by the collaborative editor.
    const documents = new s3.Bucket(this, 'BoardDocuments', {
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (stage-conditional)
      autoDeleteObjects: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
    });

    // The single-page app, rebuilt from the repository on every deploy.
    const site = new s3.Bucket(this, 'WebsiteBucket', {
      websiteIndexDocument: 'index.html',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true, // near-miss: no-single-point-of-storage (website bucket filled from the repo)
    });
    new s3deploy.BucketDeployment(this, 'DeploySpa', {
      sources: [s3deploy.Source.asset('../web/dist')],
      destinationBucket: site,
    });

    // Boards, columns and cards (single-table design).
    this.boards = new dynamodb.Table(this, 'Boards', { // expect: no-single-point-of-storage
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });

    // Comments on cards.
    const comments = new dynamodb.TableV2(this, 'CardComments', {
      partitionKey: { name: 'cardId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
      pointInTimeRecovery: true, // near-miss: no-single-point-of-storage (PITR on)
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Live-cursor presence: one item per open websocket.
    const presence = new dynamodb.Table(this, 'PresenceConnections', { // near-miss: no-single-point-of-storage (short-lived connection state)
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiresAt',
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    for (const bucket of [this.attachments, this.boardExports, avatars, documents]) bucket.grantReadWrite(props.appRole);
    for (const table of [this.boards, comments, presence]) table.grantReadWriteData(props.appRole);
  }
}
