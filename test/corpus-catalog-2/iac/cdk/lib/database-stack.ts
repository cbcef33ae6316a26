import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface DatabaseStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
  stage: 'dev' | 'staging' | 'prod';
}

/**
 * Postgres for Orderflow (orders, refunds) and Ledgerly (companies, books).
 */
export class DatabaseStack extends cdk.Stack {
  readonly orders: rds.DatabaseInstance;
  readonly ledger: rds.DatabaseCluster;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const isProd = props.stage === 'prod';

    // Orders: Postgres 16 on a single instance.
    this.orders = new rds.DatabaseInstance(this, 'OrdersDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      multiAz: true,
      allocatedStorage: 100,
      storageEncrypted: true,
      // nightly pg_dump to S3 is "good enough", automated backups cost money
      backupRetention: cdk.Duration.days(0), // expect: no-single-point-of-storage
      deletionProtection: true,
    });

    // Merchant settings: same engine, kept the right way.
    const merchantSettings = new rds.DatabaseInstance(this, 'MerchantSettingsDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      allocatedStorage: 20,
      backupRetention: cdk.Duration.days(isProd ? 14 : 1), // near-miss: no-single-point-of-storage (computed, stage-dependent)
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
      deletionProtection: isProd,
    });

    // Ledger: Aurora Postgres cluster.
    this.ledger = new rds.DatabaseCluster(this, 'LedgerCluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_2 }),
      writer: rds.ClusterInstance.provisioned('writer', {
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
      }),
      readers: [rds.ClusterInstance.serverlessV2('reader')],
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      backup: { retention: cdk.Duration.days(7), preferredWindow: '02:00-03:00' },
      storageEncrypted: true,
      removalPolicy: cdk.RemovalPolicy.DESTROY, // expect: no-single-point-of-storage
    });

    // Ledger reporting replica restored from the nightly snapshot.
    const reporting = new rds.DatabaseInstanceFromSnapshot(this, 'LedgerReportingDb', {
      snapshotIdentifier: 'ledger-reporting-seed',
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc: props.vpc,
      backupRetention: cdk.Duration.days(7),
      deleteAutomatedBackups: true, // expect: no-single-point-of-storage
      removalPolicy: isProd ? cdk.RemovalPolicy.SNAPSHOT : cdk.RemovalPolicy.DESTROY, // near-miss: no-single-point-of-storage (stage-conditional)
    });

    // Accountant exports: a small instance for CSV/XLSX jobs, done right.
    const accountantExports = new rds.DatabaseInstance(this, 'AccountantExportsDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc: props.vpc,
      backupRetention: cdk.Duration.days(7), // near-miss: no-single-point-of-storage (7 days of automated backups)
      deleteAutomatedBackups: false,
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });

    new cdk.CfnOutput(this, 'OrdersEndpoint', { value: this.orders.dbInstanceEndpointAddress });
    new cdk.CfnOutput(this, 'MerchantSettingsEndpoint', { value: merchantSettings.dbInstanceEndpointAddress });
    new cdk.CfnOutput(this, 'LedgerEndpoint', { value: this.ledger.clusterEndpoint.hostname });
    new cdk.CfnOutput(this, 'ReportingEndpoint', { value: reporting.dbInstanceEndpointAddress });
    new cdk.CfnOutput(this, 'AccountantExportsEndpoint', { value: accountantExports.dbInstanceEndpointAddress });
  }
}
