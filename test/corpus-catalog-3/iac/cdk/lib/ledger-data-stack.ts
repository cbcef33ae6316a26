import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';

export interface LedgerDataStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
  stage: string;
}

/** Databases and shared file storage for Ledgerline. */
export class LedgerDataStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: LedgerDataStackProps) {
    super(scope, id, props);
    const { vpc } = props;
    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_15_4 });

    // Ledger of record.
    const ledger = new rds.DatabaseCluster(this, 'LedgerCluster', {
      engine,
      writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) }),
      readers: [rds.ClusterInstance.provisioned('reader1', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE) })],
      vpc,
      storageEncrypted: true,
      backup: { retention: cdk.Duration.days(35), preferredWindow: '02:00-03:00' },
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT, // near-miss: no-single-point-of-storage (snapshot on removal)
      deletionProtection: true,
    });

    // Chargebacks and disputes, added in 2024 by the risk team.
    const disputes = new rds.DatabaseCluster(this, 'DisputesCluster', {
      engine,
      writer: rds.ClusterInstance.serverlessV2('writer'),
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 4,
      vpc,
      storageEncrypted: true,
      backup: { retention: cdk.Duration.days(7) },
      removalPolicy: cdk.RemovalPolicy.DESTROY, // expect: no-single-point-of-storage
    });

    // Merchant portal settings, saved reports and export schedules.
    const portal = new rds.DatabaseInstance(this, 'MerchantPortalDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_15 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM),
      vpc,
      allocatedStorage: 50,
      storageEncrypted: true,
      backupRetention: cdk.Duration.days(0), // expect: no-single-point-of-storage
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });

    // Refund requests entered by support agents.
    const refunds = new rds.DatabaseInstance(this, 'RefundRequests', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_15 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
      vpc,
      allocatedStorage: 20,
      backupRetention: cdk.Duration.days(7),
      removalPolicy: cdk.RemovalPolicy.SNAPSHOT,
    });

    // Signed statement PDFs exactly as delivered to merchants (kept as the legal record).
    const statementFiles = new efs.FileSystem(this, 'StatementFiles', { // expect: no-single-point-of-storage
      vpc,
      encrypted: true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    // Merchant-uploaded documents (KYC), mounted by the onboarding service.
    const kycDocuments = new efs.FileSystem(this, 'KycDocuments', {
      vpc,
      encrypted: true,
      enableAutomaticBackups: true, // near-miss: no-single-point-of-storage (automatic backups)
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });

    new cdk.CfnOutput(this, 'LedgerEndpoint', { value: ledger.clusterEndpoint.hostname });
    new cdk.CfnOutput(this, 'DisputesEndpoint', { value: disputes.clusterEndpoint.hostname });
    new cdk.CfnOutput(this, 'PortalEndpoint', { value: portal.dbInstanceEndpointAddress });
    new cdk.CfnOutput(this, 'RefundsEndpoint', { value: refunds.dbInstanceEndpointAddress });
    new cdk.CfnOutput(this, 'StatementFilesId', { value: statementFiles.fileSystemId });
    new cdk.CfnOutput(this, 'KycDocumentsId', { value: kycDocuments.fileSystemId });
  }
}
