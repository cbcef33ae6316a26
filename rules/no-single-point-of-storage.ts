/**
 * Infrastructure code that keeps users' data in one copy. The Sidekick server had no
 * working backup when an upgrade went wrong; here the same mistake is written down in
 * the stack that provisions the storage (AWS CDK, CDKTF, Pulumi), where it is cheapest
 * to fix. The rule only judges values it can read for certain: a stage-conditional
 * (`isProd ? RETAIN : DESTROY`) or a value passed in from props is the author's call.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import { propertyName } from '../server/src/engine/bind';
import type { Path } from '../server/src/engine/vocabulary';
import type { ReportDescriptor, ReportSuggestion, RuleContext, RuleModule } from '../server/src/engine/rule-api';
import { insertLinesAfter, isReferenceableName } from '../server/src/engine/source-edits';
import { splitWords } from '../server/src/engine/classify';
import type { TextEdit } from '../server/src/engine/types';
import {
  insertProperty,
  isTestFile,
  literalValue,
  memberTail,
  objectProps,
  removeProperty,
  replaceNode,
  resolveConst,
  stringOf,
  unwrap,
  type ObjectProps,
} from './config-literals';

interface Options {
  ignoreNamePattern: string;
  ignoreTestFiles: boolean;
}

type Family = 'cdk' | 'cdktf' | 'pulumi';
type Kind = 'bucket' | 'table' | 'database' | 'fileSystem';

interface ResourceType {
  family: Family;
  kind: Kind;
  /** CloudFormation-level (`Cfn*`) constructs take CloudFormation's property names. */
  l1: boolean;
  className: string;
}

interface Resource {
  type: ResourceType;
  /** The `new …(…)`, or the `super(…)` of a class that extends the resource. */
  node: TSESTree.NewExpression | TSESTree.CallExpression;
  args: TSESTree.CallExpressionArgument[];
  name: string;
  /** Every name the resource goes by: construct id, physical name, variable. */
  names: string[];
  /** A DynamoDB table's partition key name (`connectionId`). */
  keyName: string | null;
  variable: string | null;
}

/** Partition keys that say a table holds short-lived state; other key names say little (`id`, `pk`, `temp`). */
const EPHEMERAL_KEY = /\b(connections?|sessions?|locks?|leases?|idempotency)\b/;

const DEFAULT_IGNORE_NAME_PATTERN =
  '\\b(websites?|sites?|static|assets?|artifacts?|builds?|deploy|deployments?|cdn|frontend|spa|cache[sd]?|caching|tmp|temp|temporary|scratch|trash|logs?|logging|accesslogs?|cloudtrail|trail|sessions?|locks?|leases?|connections?|circuit|breaker|idempotency|throttle|throttling|test|testing|demo|example|sample|dummy|playground|sandbox)\\b';

const CDK_TYPES: Record<string, Record<string, { kind: Kind; l1: boolean }>> = {
  aws_s3: { Bucket: { kind: 'bucket', l1: false }, CfnBucket: { kind: 'bucket', l1: true } },
  aws_dynamodb: { Table: { kind: 'table', l1: false }, TableV2: { kind: 'table', l1: false }, CfnTable: { kind: 'table', l1: true } },
  aws_rds: {
    DatabaseInstance: { kind: 'database', l1: false },
    DatabaseInstanceFromSnapshot: { kind: 'database', l1: false },
    DatabaseCluster: { kind: 'database', l1: false },
    DatabaseClusterFromSnapshot: { kind: 'database', l1: false },
    ServerlessCluster: { kind: 'database', l1: false },
    ServerlessClusterFromSnapshot: { kind: 'database', l1: false },
    CfnDBInstance: { kind: 'database', l1: true },
    CfnDBCluster: { kind: 'database', l1: true },
  },
  aws_efs: { FileSystem: { kind: 'fileSystem', l1: false }, CfnFileSystem: { kind: 'fileSystem', l1: true } },
};

const PULUMI_TYPES: Record<string, Record<string, Kind>> = {
  s3: { Bucket: 'bucket', BucketV2: 'bucket' },
  dynamodb: { Table: 'table' },
  rds: { Instance: 'database', Cluster: 'database' },
  efs: { FileSystem: 'fileSystem' },
};

const CDKTF_TYPES: Record<string, Kind> = {
  S3Bucket: 'bucket',
  DynamodbTable: 'table',
  DbInstance: 'database',
  RdsCluster: 'database',
  EfsFileSystem: 'fileSystem',
};

/** Resources that protect others from elsewhere in the file. */
const BACKUP_PLANS = new Set(['cdk:aws_backup.BackupPlan', 'cdk:aws_backup.BackupSelection', 'cdk:aws_backup.CfnBackupPlan', 'cdk:aws_backup.CfnBackupSelection', 'pulumi:backup.Plan', 'pulumi:backup.Selection', 'cdktf:BackupPlan', 'cdktf:BackupSelection']);
const VERSIONING_RESOURCES = new Set(['pulumi:s3.BucketVersioningV2', 'pulumi:s3.BucketVersioning', 'pulumi:s3.BucketReplicationConfig', 'cdktf:S3BucketVersioningA', 'cdktf:S3BucketVersioning', 'cdktf:S3BucketReplicationConfigurationA', 'cdktf:S3BucketReplicationConfiguration']);
const EFS_BACKUP_RESOURCES = new Set(['pulumi:efs.BackupPolicy', 'cdktf:EfsBackupPolicy']);
const DEPLOYMENTS = new Set(['cdk:aws_s3_deployment.BucketDeployment']);
/** Resources that make a bucket a website, or fill it from files in the repository: its content can be rebuilt. */
const WEBSITE_RESOURCES = new Set(['pulumi:s3.BucketWebsiteConfiguration', 'pulumi:s3.BucketWebsiteConfigurationV2', 'cdktf:S3BucketWebsiteConfiguration']);
const FILE_OBJECTS = new Set(['pulumi:s3.BucketObject', 'pulumi:s3.BucketObjectv2', 'cdktf:S3Object', 'cdktf:S3BucketObject']);

const NOUN: Record<Kind, string> = { bucket: 'S3 bucket', table: 'DynamoDB table', database: 'database', fileSystem: 'EFS file system' };

/** A resolved constructor path → `family:service.Class` for the resources we know. */
function typeKey(path: Path | null): { family: Family; key: string; className: string; service: string } | null {
  if (!path || path.length < 2) return null;
  const root = path[0];
  if (root === 'cdk' && path.length === 3) return { family: 'cdk', key: `cdk:${path[1]}.${path[2]}`, className: path[2], service: path[1] };
  if (root === 'pulumi-aws' && path.length === 3) return { family: 'pulumi', key: `pulumi:${path[1]}.${path[2]}`, className: path[2], service: path[1] };
  // CDKTF: the prebuilt provider, or bindings generated into the project (`./.gen/providers/aws/s3-bucket`).
  if (root === 'cdktf-aws' || root.startsWith('import:@cdktf/provider-aws') || /^import:.*\.gen\/providers\/aws(\/|$)/.test(root)) {
    const className = path[path.length - 1];
    return { family: 'cdktf', key: `cdktf:${className}`, className, service: '' };
  }
  return null;
}

function resourceType(path: Path | null): ResourceType | null {
  const key = typeKey(path);
  if (!key) return null;
  if (key.family === 'cdk') {
    const spec = CDK_TYPES[key.service]?.[key.className];
    return spec ? { family: 'cdk', kind: spec.kind, l1: spec.l1, className: key.className } : null;
  }
  if (key.family === 'pulumi') {
    const kind = PULUMI_TYPES[key.service]?.[key.className];
    return kind ? { family: 'pulumi', kind, l1: false, className: key.className } : null;
  }
  const kind = CDKTF_TYPES[key.className];
  return kind ? { family: 'cdktf', kind, l1: false, className: key.className } : null;
}

export const noSinglePointOfStorage: RuleModule<Options> = {
  id: 'no-single-point-of-storage',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow infrastructure code that keeps stored data in a single copy, with no versioning, point-in-time recovery or backups, or that deletes it with the stack.',
      recommended: true,
    },
    messages: {
      bucketWithoutVersioning:
        'S3 bucket `{{name}}` keeps a single version of every object, so one bad overwrite or delete (a bug, a bad sync, a leaked key) destroys the only copy; enable versioning or replication.',
      versioningDisabled: 'Versioning is turned off for S3 bucket `{{name}}`, so an overwrite or a delete destroys the only copy of an object.',
      tableWithoutPitr:
        'DynamoDB table `{{name}}` has no point-in-time recovery, so a bad batch of writes or deletes can never be rolled back; enable it.',
      pitrDisabled: 'Point-in-time recovery is turned off for DynamoDB table `{{name}}`, so a bad batch of writes or deletes can never be rolled back.',
      efsWithoutBackup: 'EFS file system `{{name}}` has no automatic backups, so a deleted or corrupted file is gone for good.',
      removalDestroy:
        '`RemovalPolicy.DESTROY` deletes {{resource}} `{{name}}` with all its data as soon as it leaves the stack or the stack is deleted.',
      autoDeleteObjects: '`autoDeleteObjects: true` empties S3 bucket `{{name}}` when it leaves the stack, so deleting the stack deletes every object in it.',
      forceDestroy: '`forceDestroy: true` lets a destroy or a replacement delete S3 bucket `{{name}}` together with every object in it.',
      skipFinalSnapshot: '`skipFinalSnapshot: true` deletes database `{{name}}` without a final snapshot, so a destroy or a replacement loses all its data.',
      noBackupRetention: 'A backup retention of 0 turns off automated backups of database `{{name}}`, so there is nothing to restore after a bad write or a lost instance.',
      deleteAutomatedBackups: '`deleteAutomatedBackups: true` deletes the automated backups of database `{{name}}` together with it, so deleting it leaves nothing to restore.',
      destroyAllInScope: '`RemovalPolicies.of(…).destroy()` makes every stateful resource in this scope delete its data when it leaves the stack.',
      suggestValue: 'Set `{{property}}` to `{{value}}`',
      suggestVersioningResource: 'Add a `{{resource}}` that enables versioning',
      suggestRetention: 'Keep automated backups for 7 days',
      suggestFinalSnapshot: 'Take a final snapshot before deletion',
      suggestRetainAll: 'Use `.retain()`',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreNamePattern: {
            type: 'string',
            description: 'Regular expression over a resource\'s construct id, physical name or variable (as lower-case words joined by "-"); matching resources hold reproducible or throwaway data and are not checked.',
          },
          ignoreTestFiles: { type: 'boolean', description: 'Skip test and integration-test stacks, which are meant to be torn down.' },
        },
        additionalProperties: false,
      },
    ],
    fixable: 'code',
    hasSuggestions: true,
    defaultSeverity: 'error',
    appliesTo: 'all',
  },
  defaultOptions: { ignoreNamePattern: DEFAULT_IGNORE_NAME_PATTERN, ignoreTestFiles: true },
  create(context) {
    const { file, options } = context;
    if (options.ignoreTestFiles && isTestFile(file.rolePath)) return {};
    const binder = file.binder;
    let ignoreName: RegExp | null = null;
    try {
      ignoreName = options.ignoreNamePattern ? new RegExp(options.ignoreNamePattern, 'i') : null;
    } catch {
      ignoreName = new RegExp(DEFAULT_IGNORE_NAME_PATTERN, 'i');
    }
    const resources: Resource[] = [];
    const removalCalls: TSESTree.CallExpression[] = [];
    let hasBackupPlan = false;
    const versioningArgs: string[] = [];
    const efsBackupArgs: string[] = [];
    const deployedBuckets = new Set<string>();
    const reproducibleArgs: string[] = [];

    const noteHelper = (node: TSESTree.NewExpression | TSESTree.CallExpression, path: Path | null) => {
      const key = typeKey(path);
      if (!key) return;
      const argsText = node.arguments.map((a) => file.source.slice(a.range[0], a.range[1])).join(' ');
      if (BACKUP_PLANS.has(key.key)) hasBackupPlan = true;
      if (VERSIONING_RESOURCES.has(key.key)) versioningArgs.push(argsText);
      if (EFS_BACKUP_RESOURCES.has(key.key)) efsBackupArgs.push(argsText);
      if (WEBSITE_RESOURCES.has(key.key)) reproducibleArgs.push(argsText);
      if (FILE_OBJECTS.has(key.key) && /\bsource\s*:/.test(argsText)) reproducibleArgs.push(argsText);
      if (DEPLOYMENTS.has(key.key)) {
        const props = objectProps(node.arguments[2], binder);
        const destination = props?.entries.get('destinationBucket')?.prop.value;
        if (destination) deployedBuckets.add(file.source.slice(destination.range[0], destination.range[1]).replace(/^this\./, ''));
      }
    };

    return {
      NewExpression(node: TSESTree.NewExpression) {
        if (isLocalClass(node.callee, binder)) return;
        const path = binder.resolve(node.callee);
        noteHelper(node, path);
        const type = resourceType(path);
        if (type) resources.push(describe(node, node.arguments, type, file.source));
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (callee.type === T.Super) {
          const type = superResource(node, binder);
          if (type) resources.push(describe(node, node.arguments, type, file.source));
          return;
        }
        if (callee.type !== T.MemberExpression) return;
        const method = propertyName(callee);
        if (method === 'applyRemovalPolicy') removalCalls.push(node);
        else if (method === 'destroy') {
          const path = binder.resolve(callee);
          if (path && path.join('.') === 'cdk.RemovalPolicies.of().destroy') {
            context.report({
              node,
              messageId: 'destroyAllInScope',
              suggest: callee.property.type === T.Identifier ? [{ messageId: 'suggestRetainAll', fix: replaceNode(callee.property, 'retain') }] : [],
            });
          }
        } else {
          // Static factories: `backup.BackupPlan.dailyMonthly1YearRetention(this, 'Plan')`.
          const objectPath = binder.resolve(callee.object);
          if (objectPath && BACKUP_PLANS.has(typeKey(objectPath)?.key ?? '')) hasBackupPlan = true;
        }
      },
      'Program:exit'() {
        const ctx: CheckContext = { context, hasBackupPlan, versioningArgs, efsBackupArgs, deployedBuckets, reproducibleArgs, ignoreName };
        for (const resource of resources) checkResource(resource, ctx);
        for (const call of removalCalls) checkApplyRemovalPolicy(call, ctx);
      },
    };
  },
};

interface CheckContext {
  context: RuleContext<Options>;
  hasBackupPlan: boolean;
  versioningArgs: string[];
  efsBackupArgs: string[];
  deployedBuckets: Set<string>;
  reproducibleArgs: string[];
  ignoreName: RegExp | null;
}

function isLocalClass(callee: TSESTree.Node, binder: RuleContext<Options>['file']['binder']): boolean {
  if (callee.type !== T.Identifier) return false;
  const def = binder.variableOf(callee)?.defs[0];
  return def?.type === 'ClassName';
}

/** `class DataBucket extends s3.Bucket { constructor(...) { super(scope, id, {...}) } }` */
function superResource(call: TSESTree.CallExpression, binder: RuleContext<Options>['file']['binder']): ResourceType | null {
  let current: TSESTree.Node | undefined = call.parent;
  while (current && current.type !== T.ClassBody) current = current.parent;
  const cls = current?.parent;
  if (!cls || (cls.type !== T.ClassDeclaration && cls.type !== T.ClassExpression) || !cls.superClass) return null;
  return resourceType(binder.resolve(cls.superClass));
}

function describe(node: TSESTree.NewExpression | TSESTree.CallExpression, args: TSESTree.CallExpressionArgument[], type: ResourceType, source: string): Resource {
  const names: string[] = [];
  let keyName: string | null = null;
  const idArg = args[type.family === 'pulumi' ? 0 : 1];
  const id = idArg ? stringOf(idArg) : null;
  if (id) names.push(id);
  else if (idArg && idArg.type === T.TemplateLiteral) names.push(idArg.quasis.map((q) => q.value.cooked).join(' '));
  const variable = assignedName(node);
  if (variable) names.push(variable);
  const props = args[propsIndex(type)];
  if (props && props.type === T.ObjectExpression) {
    for (const key of ['bucketName', 'tableName', 'bucket', 'name', 'identifier', 'fileSystemName', 'instanceIdentifier', 'clusterIdentifier']) {
      for (const p of props.properties) {
        if (p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === key) {
          const text = stringOf(p.value) ?? (p.value.type === T.TemplateLiteral ? p.value.quasis.map((q) => q.value.cooked).join(' ') : null);
          if (text) names.push(text);
        }
      }
    }
    // A table keyed by `connectionId` or `sessionId` says what it holds as clearly as its name.
    const keyValue = propertyValue(props, 'partitionKey') ?? propertyValue(props, 'hashKey');
    const keyText = keyValue?.type === T.ObjectExpression ? propertyValue(keyValue, 'name') : keyValue;
    keyName = keyText ? stringOf(keyText) : null;
  }
  const name = id ?? variable ?? (idArg && idArg.type === T.TemplateLiteral ? source.slice(idArg.range[0] + 1, idArg.range[1] - 1) : type.className);
  return { type, node, args, name, names, keyName, variable };
}

function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null {
  for (const p of object.properties) {
    if (p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === key) return p.value;
  }
  return null;
}

/** `const photos = new s3.Bucket(...)`, `this.photos = new ...`, `photos: new ...`. */
function assignedName(node: TSESTree.Node): string | null {
  let current: TSESTree.Node = node;
  let parent = current.parent;
  while (parent && (parent.type === T.TSAsExpression || parent.type === T.TSNonNullExpression || parent.type === T.AwaitExpression)) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return null;
  if (parent.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if (parent.type === T.AssignmentExpression && parent.right === current) {
    const left = parent.left;
    if (left.type === T.Identifier) return left.name;
    if (left.type === T.MemberExpression) return propertyName(left);
  }
  if (parent.type === T.PropertyDefinition && parent.key.type === T.Identifier) return parent.key.name;
  if (parent.type === T.Property && parent.key.type === T.Identifier) return parent.key.name;
  return null;
}

function propsIndex(type: ResourceType): number {
  return type.family === 'pulumi' ? 1 : 2;
}

function isIgnoredName(resource: Resource, ignore: RegExp | null): boolean {
  if (!ignore) return false;
  if (resource.keyName && EPHEMERAL_KEY.test(splitWords(resource.keyName).join('-'))) return true;
  return resource.names.some((n) => ignore.test(splitWords(n).join('-')));
}

function report(ctx: CheckContext, descriptor: ReportDescriptor): void {
  ctx.context.report(descriptor);
}

function newRange(node: TSESTree.NewExpression | TSESTree.CallExpression): [number, number] {
  const end = (node.typeArguments ?? node.callee).range[1];
  return [node.range[0], end];
}

/** Adds a protective property: into the props literal, or as a new props argument. */
function addPropertyFix(source: string, resource: Resource, props: ObjectProps | null, text: string): TextEdit | undefined {
  if (props?.literal) return insertProperty(source, props.literal, text);
  const index = propsIndex(resource.type);
  if (!props && resource.args.length === index && index > 0) {
    const last = resource.args[index - 1];
    return { range: [last.range[1], last.range[1]], text: `, { ${text} }` };
  }
  return undefined;
}

function checkResource(resource: Resource, ctx: CheckContext): void {
  const source = ctx.context.file.source;
  const binder = ctx.context.file.binder;
  // An AWS Backup plan in the same stack keeps copies that outlive the resource.
  if (isIgnoredName(resource, ctx.ignoreName) || ctx.hasBackupPlan) return;
  if (resource.type.kind === 'bucket' && (ctx.deployedBuckets.has(resource.variable ?? '\0') || (!!resource.variable && referencedBy(resource, ctx.reproducibleArgs)))) return;
  const propsArg = resource.args[propsIndex(resource.type)];
  const props = objectProps(propsArg, binder);
  // A props object we cannot read (a parameter, a function result) may set anything.
  const knownProps = props !== null || propsArg === undefined;
  const missingIsKnown = knownProps && !(props?.open ?? false);
  const value = (name: string) => props?.entries.get(name)?.prop;
  const data = { name: resource.name, resource: NOUN[resource.type.kind] };
  const deletionGuarded = protectedFromDeletion(resource, binder);

  if (isReproducibleBucket(resource, props)) return;

  // Removal policy (CDK L2): DESTROY deletes the data with the stack. Not for buckets:
  // CloudFormation refuses to delete a bucket that still holds objects, unless
  // `autoDeleteObjects` empties it first, so that property is the one that loses data.
  const removal = value('removalPolicy');
  if (removal && resource.type.family === 'cdk' && !resource.type.l1 && resource.type.kind !== 'bucket' && isDestroyPolicy(removal.value, binder)) {
    const fix = renamePolicy(removal.value, resource.type.kind === 'database' ? 'SNAPSHOT' : 'RETAIN') ?? undefined;
    report(ctx, { node: removal, messageId: 'removalDestroy', data, fix });
  }
  const autoDelete = value('autoDeleteObjects');
  if (autoDelete && resource.type.kind === 'bucket' && literalValue(autoDelete.value, binder) === true) {
    // Without it a stack deletion fails on a non-empty bucket instead of deleting its objects.
    const fix = removeProperty(source, autoDelete.parent as TSESTree.ObjectExpression, autoDelete);
    report(ctx, { node: autoDelete, messageId: 'autoDeleteObjects', data, fix });
  }

  switch (resource.type.kind) {
    case 'bucket':
      checkBucket(resource, ctx, props, missingIsKnown, deletionGuarded, data);
      break;
    case 'table':
      checkTable(resource, ctx, props, missingIsKnown, data);
      break;
    case 'database':
      checkDatabase(resource, ctx, props, deletionGuarded, data);
      break;
    case 'fileSystem':
      checkFileSystem(resource, ctx, props, missingIsKnown, data);
      break;
  }
}

function checkBucket(resource: Resource, ctx: CheckContext, props: ObjectProps | null, missingIsKnown: boolean, deletionGuarded: boolean, data: Record<string, string>): void {
  const { source, binder } = ctx.context.file;
  const value = (name: string) => props?.entries.get(name)?.prop;
  const { family, l1 } = resource.type;
  if (family === 'cdk' && !l1) {
    const versioned = value('versioned');
    if (versioned && literalValue(versioned.value, binder) === false) {
      report(ctx, { node: versioned, messageId: 'versioningDisabled', data, fix: replaceNode(versioned.value, 'true') });
      return;
    }
    if (!versioned && !value('replicationRules') && missingIsKnown) {
      report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'bucketWithoutVersioning', data, fix: addPropertyFix(source, resource, props, 'versioned: true') });
    }
    return;
  }
  if (family === 'cdk' && l1) {
    const versioning = value('versioningConfiguration');
    const status = versioning ? objectProps(versioning.value, binder)?.entries.get('status')?.prop : undefined;
    if (status && literalValue(status.value, binder) === 'Suspended') {
      report(ctx, { node: status, messageId: 'versioningDisabled', data, fix: replaceNode(status.value, `'Enabled'`) });
      return;
    }
    if (!versioning && !value('replicationConfiguration') && missingIsKnown) {
      report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'bucketWithoutVersioning', data, fix: addPropertyFix(source, resource, props, `versioningConfiguration: { status: 'Enabled' }`) });
    }
    return;
  }
  // Pulumi and CDKTF: inline `versioning`, or a separate versioning resource.
  const forceDestroy = value('forceDestroy');
  if (forceDestroy && literalValue(forceDestroy.value, binder) === true && !deletionGuarded) {
    report(ctx, { node: forceDestroy, messageId: 'forceDestroy', data, suggest: [{ messageId: 'suggestValue', data: { property: 'forceDestroy', value: 'false' }, fix: replaceNode(forceDestroy.value, 'false') }] });
  }
  const inline = value('versioning');
  const enabled = inline ? objectProps(inline.value, binder)?.entries.get('enabled')?.prop : undefined;
  if (enabled && literalValue(enabled.value, binder) === false) {
    report(ctx, { node: enabled, messageId: 'versioningDisabled', data, fix: replaceNode(enabled.value, 'true') });
    return;
  }
  if (inline || value('versionings') || value('replicationConfiguration')) return;
  if (!missingIsKnown || referencedBy(resource, ctx.versioningArgs)) return;
  const suggest: ReportSuggestion[] = [];
  const versioningSuggestion = family === 'pulumi' ? pulumiVersioningSuggestion(source, resource) : null;
  if (versioningSuggestion) suggest.push(versioningSuggestion);
  report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'bucketWithoutVersioning', data, suggest });
}

/** `const b = new aws.s3.BucketV2(...)` → a `BucketVersioningV2` for it, right after. */
function pulumiVersioningSuggestion(source: string, resource: Resource): ReportSuggestion | null {
  const node = resource.node;
  if (node.type !== T.NewExpression || node.callee.type !== T.MemberExpression || !resource.variable || !isReferenceableName(resource.variable)) return null;
  const declaration = node.parent?.parent;
  if (node.parent?.type !== T.VariableDeclarator || declaration?.type !== T.VariableDeclaration) return null;
  const namespace = source.slice(node.callee.object.range[0], node.callee.object.range[1]);
  const idArg = node.arguments[0];
  const id = idArg ? stringOf(idArg) : null;
  const name = id !== null ? `'${id}-versioning'` : `\`\${${resource.variable}.id}-versioning\``;
  const resourceName = `${namespace}.BucketVersioningV2`;
  return {
    messageId: 'suggestVersioningResource',
    data: { resource: resourceName },
    fix: insertLinesAfter(source, declaration, [`new ${resourceName}(${name}, { bucket: ${resource.variable}.id, versioningConfiguration: { status: 'Enabled' } });`]),
  };
}

function checkTable(resource: Resource, ctx: CheckContext, props: ObjectProps | null, missingIsKnown: boolean, data: Record<string, string>): void {
  const { source, binder } = ctx.context.file;
  const value = (name: string) => props?.entries.get(name)?.prop;
  const { family, l1 } = resource.type;
  if (family === 'cdk') {
    const flag = l1 ? undefined : value('pointInTimeRecovery');
    const specification = value('pointInTimeRecoverySpecification');
    const enabled = specification ? objectProps(specification.value, binder)?.entries.get('pointInTimeRecoveryEnabled')?.prop : undefined;
    for (const prop of [flag, enabled]) {
      if (prop && literalValue(prop.value, binder) === false) {
        report(ctx, { node: prop, messageId: 'pitrDisabled', data, fix: replaceNode(prop.value, 'true') });
        return;
      }
    }
    if (!flag && !specification && missingIsKnown) {
      const text = l1 ? 'pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }' : 'pointInTimeRecovery: true';
      report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'tableWithoutPitr', data, fix: addPropertyFix(source, resource, props, text) });
    }
    return;
  }
  const pitr = value('pointInTimeRecovery');
  const enabled = pitr ? objectProps(pitr.value, binder)?.entries.get('enabled')?.prop : undefined;
  if (enabled && literalValue(enabled.value, binder) === false) {
    report(ctx, { node: enabled, messageId: 'pitrDisabled', data, fix: replaceNode(enabled.value, 'true') });
    return;
  }
  if (!pitr && missingIsKnown) {
    report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'tableWithoutPitr', data, fix: addPropertyFix(source, resource, props, 'pointInTimeRecovery: { enabled: true }') });
  }
}

function checkDatabase(resource: Resource, ctx: CheckContext, props: ObjectProps | null, deletionGuarded: boolean, data: Record<string, string>): void {
  const { source, binder } = ctx.context.file;
  const value = (name: string) => props?.entries.get(name)?.prop;
  const { family, l1 } = resource.type;
  if (family === 'cdk' && !l1) {
    const backup = value('backup');
    const retention = value('backupRetention') ?? (backup ? objectProps(backup.value, binder)?.entries.get('retention')?.prop : undefined);
    if (retention && isZeroDuration(retention.value, binder)) {
      const call = unwrap(retention.value) as TSESTree.CallExpression;
      const fix = call.type === T.CallExpression && call.callee.type === T.MemberExpression ? replaceNode(call, `${source.slice(call.callee.object.range[0], call.callee.object.range[1])}.days(7)`) : null;
      report(ctx, { node: retention, messageId: 'noBackupRetention', data, suggest: fix ? [{ messageId: 'suggestRetention', fix }] : [] });
    }
  } else {
    const retention = value('backupRetentionPeriod');
    if (retention && literalValue(retention.value, binder) === 0) {
      report(ctx, { node: retention, messageId: 'noBackupRetention', data, suggest: [{ messageId: 'suggestRetention', fix: replaceNode(retention.value, '7') }] });
    }
  }
  const deleteBackups = value('deleteAutomatedBackups');
  if (deleteBackups && literalValue(deleteBackups.value, binder) === true && !deletionGuarded) {
    report(ctx, {
      node: deleteBackups,
      messageId: 'deleteAutomatedBackups',
      data,
      suggest: [{ messageId: 'suggestValue', data: { property: 'deleteAutomatedBackups', value: 'false' }, fix: replaceNode(deleteBackups.value, 'false') }],
    });
  }
  if (family !== 'cdk') {
    const skip = value('skipFinalSnapshot');
    if (skip && literalValue(skip.value, binder) === true && !deletionGuarded) {
      const suggest: ReportSuggestion[] = [];
      if (!value('finalSnapshotIdentifier')) {
        const base = resource.name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'database';
        suggest.push({ messageId: 'suggestFinalSnapshot', fix: replaceNode(skip, `skipFinalSnapshot: false, finalSnapshotIdentifier: '${base}-final'`) });
      }
      report(ctx, { node: skip, messageId: 'skipFinalSnapshot', data, suggest });
    }
  }
}

function checkFileSystem(resource: Resource, ctx: CheckContext, props: ObjectProps | null, missingIsKnown: boolean, data: Record<string, string>): void {
  const { source, binder } = ctx.context.file;
  const value = (name: string) => props?.entries.get(name)?.prop;
  const { family, l1 } = resource.type;
  if (family === 'cdk' && !l1) {
    const backups = value('enableAutomaticBackups');
    if (backups && literalValue(backups.value, binder) === false) {
      report(ctx, { node: backups, messageId: 'efsWithoutBackup', data, fix: replaceNode(backups.value, 'true') });
      return;
    }
    if (!backups && missingIsKnown) {
      report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'efsWithoutBackup', data, fix: addPropertyFix(source, resource, props, 'enableAutomaticBackups: true') });
    }
    return;
  }
  if (family === 'cdk' && l1) {
    const policy = value('backupPolicy');
    const status = policy ? objectProps(policy.value, binder)?.entries.get('status')?.prop : undefined;
    if (status && literalValue(status.value, binder) === 'DISABLED') {
      report(ctx, { node: status, messageId: 'efsWithoutBackup', data, fix: replaceNode(status.value, `'ENABLED'`) });
      return;
    }
    if (!policy && missingIsKnown) {
      report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'efsWithoutBackup', data, fix: addPropertyFix(source, resource, props, `backupPolicy: { status: 'ENABLED' }`) });
    }
    return;
  }
  if (missingIsKnown && !referencedBy(resource, ctx.efsBackupArgs)) {
    report(ctx, { node: resource.node, range: newRange(resource.node), messageId: 'efsWithoutBackup', data });
  }
}

function checkApplyRemovalPolicy(call: TSESTree.CallExpression, ctx: CheckContext): void {
  const { binder } = ctx.context.file;
  const callee = call.callee as TSESTree.MemberExpression;
  const arg = call.arguments[0];
  if (!arg || !isDestroyPolicy(arg, binder)) return;
  const target = binder.resolve(callee.object);
  if (!target || target[target.length - 1] !== 'new()') return;
  const type = resourceType(target.slice(0, -1));
  if (!type || type.family !== 'cdk' || type.kind === 'bucket' || ctx.hasBackupPlan) return;
  const name = callee.object.type === T.Identifier ? callee.object.name : callee.object.type === T.MemberExpression ? propertyName(callee.object) ?? type.className : type.className;
  if (ctx.ignoreName && ctx.ignoreName.test(splitWords(name).join('-'))) return;
  const policy = type.kind === 'database' ? 'SNAPSHOT' : 'RETAIN';
  report(ctx, { node: arg, messageId: 'removalDestroy', data: { name, resource: NOUN[type.kind] }, fix: renamePolicy(arg, policy) ?? undefined });
}

function isDestroyPolicy(node: TSESTree.Node, binder: RuleContext<Options>['file']['binder']): boolean {
  const tail = memberTail(node, binder);
  return !!tail && tail[0] === 'RemovalPolicy' && tail[1] === 'DESTROY';
}

/** `RemovalPolicy.DESTROY` written at this spot → the same member with another policy. */
function renamePolicy(node: TSESTree.Node, policy: string): TextEdit | null {
  const value = unwrap(node);
  if (value.type !== T.MemberExpression || value.computed || value.property.type !== T.Identifier) return null;
  return replaceNode(value.property, policy);
}

function isZeroDuration(node: TSESTree.Node, binder: RuleContext<Options>['file']['binder']): boolean {
  const value = resolveConst(node, binder);
  if (value.type !== T.CallExpression || value.callee.type !== T.MemberExpression) return false;
  const unit = propertyName(value.callee);
  const object = value.callee.object;
  const objectName = object.type === T.Identifier ? object.name : object.type === T.MemberExpression ? propertyName(object) : null;
  if (objectName !== 'Duration' || !unit || !['days', 'hours', 'minutes', 'seconds', 'millis'].includes(unit)) return false;
  const arg = value.arguments[0];
  return !!arg && literalValue(arg, binder) === 0;
}

/** Pulumi `{ protect: true }` / `retainOnDelete`, CDKTF `lifecycle: { preventDestroy: true }`. */
function protectedFromDeletion(resource: Resource, binder: RuleContext<Options>['file']['binder']): boolean {
  if (resource.type.family === 'pulumi') {
    const opts = objectProps(resource.args[2], binder);
    for (const key of ['protect', 'retainOnDelete']) {
      const prop = opts?.entries.get(key)?.prop;
      if (prop && literalValue(prop.value, binder) === true) return true;
    }
    return false;
  }
  if (resource.type.family === 'cdktf') {
    const lifecycle = objectProps(resource.args[2], binder)?.entries.get('lifecycle')?.prop;
    const prevent = lifecycle ? objectProps(lifecycle.value, binder)?.entries.get('preventDestroy')?.prop : undefined;
    return !!prevent && literalValue(prevent.value, binder) === true;
  }
  return false;
}

/** Website and deployment buckets hold what the repository can rebuild. */
function isReproducibleBucket(resource: Resource, props: ObjectProps | null): boolean {
  if (resource.type.kind !== 'bucket' || !props) return false;
  return ['websiteIndexDocument', 'websiteRedirect', 'websiteRoutingRules', 'websiteConfiguration', 'website'].some((k) => props.entries.has(k));
}

/** A separate resource (versioning, backup policy) whose arguments name this one's variable. */
function referencedBy(resource: Resource, argTexts: string[]): boolean {
  if (argTexts.length === 0) return false;
  if (!resource.variable) return true;
  const word = new RegExp(`(^|[^A-Za-z0-9_$])${resource.variable.replace(/\$/g, '\\$')}([^A-Za-z0-9_$]|$)`);
  return argTexts.some((text) => word.test(text));
}
