import {
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_dynamodb as dynamodb,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface RecipeMediaStackProps extends StackProps {
  stage: 'dev' | 'staging' | 'prod';
}

/** Backend storage for the Recipe Box mobile app. */
export class RecipeMediaStack extends Stack {
  constructor(scope: Construct, id: string, props: RecipeMediaStackProps) {
    super(scope, id, props);
    const isProd = props.stage === 'prod';

    const accessLogs = new s3.Bucket(this, 'AccessLogs', { // near-miss: no-single-point-of-storage (access logs)
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // Photos users take of their dishes and upload with their recipes.
    const photos = new s3.Bucket(this, 'RecipePhotos', { // expect: no-single-point-of-storage
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: accessLogs,
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Profile pictures.
    const avatars = new s3.Bucket(this, 'ProfileAvatars', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !isProd, // near-miss: no-single-point-of-storage (stage-conditional)
    });

    // Voice notes recorded while cooking ("add less salt next time").
    const voiceNotes = new s3.Bucket(this, 'VoiceNotes', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true, // expect: no-single-point-of-storage
    });

    // The web companion app, rebuilt from the repository on every deploy.
    const webApp = new s3.Bucket(this, 'WebApp', { // near-miss: no-single-point-of-storage (filled by a BucketDeployment)
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    new s3deploy.BucketDeployment(this, 'DeployWebApp', {
      sources: [s3deploy.Source.asset('../web/dist')],
      destinationBucket: webApp,
    });
    new cloudfront.Distribution(this, 'WebAppCdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(webApp) },
      additionalBehaviors: {
        '/photos/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(photos) },
        '/avatars/*': { origin: origins.S3BucketOrigin.withOriginAccessControl(avatars) },
      },
      defaultRootObject: 'index.html',
    });

    const recipes = new dynamodb.Table(this, 'Recipes', { // expect: no-single-point-of-storage
      partitionKey: { name: 'authorId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'recipeId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    recipes.addGlobalSecondaryIndex({
      indexName: 'byTag',
      partitionKey: { name: 'tag', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'updatedAt', type: dynamodb.AttributeType.NUMBER },
    });

    new dynamodb.TableV2(this, 'Reviews', {
      partitionKey: { name: 'recipeId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'reviewId', type: dynamodb.AttributeType.STRING },
      pointInTimeRecovery: true,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (stage-conditional)
    });

    new dynamodb.Table(this, 'UserSessions', { // near-miss: no-single-point-of-storage (short-lived sessions)
      partitionKey: { name: 'sessionId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
