import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { FileSystem, LifecyclePolicy, PerformanceMode, ThroughputMode } from 'aws-cdk-lib/aws-efs';
import type { Construct } from 'constructs';

export interface DatabaseStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
  stage: string;
}

export class DatabaseStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const pg16 = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });

    // Accounts, billing, subscriptions.
    new rds.DatabaseInstance(this, 'AccountsDb', {
      engine: pg16,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc: props.vpc,
      multiAz: prod,
      allocatedStorage: 100,
      backupRetention: cdk.Duration.days(14), // near-miss: no-single-point-of-storage
      deletionProtection: prod,
      removalPolicy: prod ? cdk.RemovalPolicy.SNAPSHOT : cdk.RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (stage-conditional)
    });

    // Dashboards users build in the reporting UI.
    new rds.DatabaseInstance(this, 'DashboardsDb', {
      engine: pg16,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc: props.vpc,
      allocatedStorage: 50,
      backupRetention: cdk.Duration.days(0), // expect: no-single-point-of-storage
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });

    // Forum content imported from the old community site.
    new rds.DatabaseInstance(this, 'ForumDb', {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc: props.vpc,
      allocatedStorage: 40,
      backupRetention: cdk.Duration.days(7),
      deleteAutomatedBackups: true, // expect: no-single-point-of-storage
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });

    // Realtime collaboration documents.
    new rds.DatabaseCluster(this, 'CollabCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_4 }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
      vpc: props.vpc,
      backup: { retention: cdk.Duration.days(7), preferredWindow: '03:00-04:00' }, // near-miss: no-single-point-of-storage
      removalPolicy: cdk.RemovalPolicy.DESTROY, // expect: no-single-point-of-storage
    });

    // Billing events (invoices, payments).
    const billing = new rds.DatabaseCluster(this, 'BillingCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_4 }),
      writer: rds.ClusterInstance.provisioned('writer', {
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
      }),
      vpc: props.vpc,
      backup: { retention: cdk.Duration.days(35) },
      deletionProtection: true,
    });
    billing.applyRemovalPolicy(prod ? cdk.RemovalPolicy.RETAIN : cdk.RemovalPolicy.SNAPSHOT); // near-miss: no-single-point-of-storage (stage-conditional)

    // Home directories of the hosted notebook servers.
    new FileSystem(this, 'NotebookHomes', { // expect: no-single-point-of-storage
      vpc: props.vpc,
      performanceMode: PerformanceMode.GENERAL_PURPOSE,
      throughputMode: ThroughputMode.ELASTIC,
      lifecyclePolicy: LifecyclePolicy.AFTER_30_DAYS,
      encrypted: true,
    });

    // Datasets users upload for their notebooks.
    new FileSystem(this, 'Datasets', {
      vpc: props.vpc,
      enableAutomaticBackups: true, // near-miss: no-single-point-of-storage
      encrypted: true,
      lifecyclePolicy: LifecyclePolicy.AFTER_14_DAYS,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
  }
}
