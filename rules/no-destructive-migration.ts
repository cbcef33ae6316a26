/**
 * Schema changes that delete data on the way up. A migration runs once, on every
 * environment, usually from a deploy pipeline nobody watches: a `dropColumn` written
 * as the second half of a rename, or a `synchronize: true` left on for production,
 * deletes users' data with no error anywhere. The Sidekick outage began with an
 * upgrade run without a backup; this rule flags the step that needs one.
 *
 * A drop is fine when the same `up` first copies what it drops (`INSERT INTO … SELECT`,
 * `CREATE TABLE … AS SELECT`, an `UPDATE … SET new = old`, a rename to a backup name, a
 * call named like a backup), or drops a table it created itself. `down` is exempt.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T, visitorKeys } from '../server/src/engine/ast';
import { propertyName, type FunctionNode } from '../server/src/engine/bind';
import { splitWords } from '../server/src/engine/classify';
import type { ReportSuggestion, RuleContext, RuleModule } from '../server/src/engine/rule-api';
import { insideNonProductionGuard, isTestFile, keyName, literalValue, objectProps, replaceNode, stringOf, unwrap } from './config-literals';

interface Options {
  backupCallPattern: string;
  ignoreTestFiles: boolean;
  reportRemovals: boolean;
}

type Ctx = RuleContext<Options>;

const DEFAULT_BACKUP_CALL_PATTERN = '^(backup|archive|snapshot|copy|clone|dump|export|preserve|stash|save|migrate|move|transfer|duplicate)';
const BACKUP_WORDS = new Set(['backup', 'backups', 'bak', 'old', 'archive', 'archived', 'legacy', 'deprecated', 'copy', 'prev', 'previous', 'orig', 'original', 'snapshot']);

function isBackupName(name: string): boolean {
  return splitWords(name).some((w) => BACKUP_WORDS.has(w) || /^(backup|bak)\d+$/.test(w));
}

type DropKind = 'table' | 'collection' | 'schema' | 'database' | 'column' | 'field' | 'rows';

interface Drop {
  kind: DropKind;
  /** Where to report: the call, or the SQL string when no call receives it directly. */
  node: TSESTree.Node;
  /** Normalised table (or collection) name; null when not a literal. */
  table: string | null;
  column: string | null;
  at: number;
  ifExists: boolean;
}

interface Copy {
  /** Normalised source table; null for "copies something" (a backup call, a JS data move). */
  from: string | null;
  /** An `UPDATE … SET` copies between columns of one table; it preserves no dropped table. */
  columnsOnly?: boolean;
  /** SQL text, to see whether it mentions a dropped column. */
  text: string;
  at: number;
}

interface Created {
  table: string;
  at: number;
}

interface Ops {
  drops: Drop[];
  copies: Copy[];
  created: Created[];
  /** Position of the first JS-level write that follows a read: data moved in code. */
  dataMoves: number[];
  reads: number[];
  /** Tables or columns the migration adds: a drop beside them is a replacement, not a plain removal. */
  adds: number;
  counted?: boolean;
  /** A check that reads the data and refuses to go on (`if (count > 0) throw …`): the author verified it is safe. */
  verified: number[];
  /** Derived data rebuilt after it is deleted: `INSERT INTO t SELECT …`, `UPDATE t SET c = f(other)`. */
  refills: Array<{ table: string; column: string | null; at: number; fromRead?: boolean }>;
}

const DROP_TABLE_METHODS = new Set(['droptable', 'droptableifexists', 'dropcollection']);
const DROP_SCHEMA_METHODS = new Set(['dropschema', 'dropschemaifexists', 'dropalltables', 'dropallschemas']);
const DROP_COLUMN_METHODS = new Set(['dropcolumn', 'dropcolumns', 'removecolumn']);
const TRUNCATE_METHODS = new Set(['truncate', 'cleartable']);
const CREATE_TABLE_METHODS = new Set(['createtable', 'createtableifnotexists', 'createcollection']);
const RENAME_TABLE_METHODS = new Set(['renametable', 'renamecollection']);
const ADD_COLUMN_METHODS = new Set(['addcolumn', 'addcolumns']);
/** knex column builders, lower-cased: `table.string('name')` inside `alterTable`/`createTable`. */
const KNEX_COLUMN_TYPES = new Set(['string', 'text', 'integer', 'biginteger', 'tinyint', 'smallint', 'mediumint', 'bigint', 'boolean', 'uuid', 'json', 'jsonb', 'timestamp', 'timestamps', 'date', 'datetime', 'time', 'float', 'decimal', 'double', 'enu', 'enum', 'specifictype', 'binary', 'increments', 'bigincrements']);
const ALTER_TABLE_METHODS = new Set(['altertable', 'table', 'createtable', 'createtableifnotexists']);
const SQL_METHODS = new Set(['query', 'raw', 'sql', 'execute', 'exec', 'run', 'runsql', 'addsql', 'executesql', '$executeraw', '$executerawunsafe', 'unsafe', 'none', 'any', 'multi']);
const WRITE_METHODS = new Set(['insert', 'update', 'upsert', 'bulkinsert', 'bulkupdate', 'bulkcreate', 'insertmany', 'updatemany', 'updateone', 'save', 'batchinsert', 'merge']);
const READ_METHODS = new Set(['select', 'first', 'pluck', 'find', 'findall', 'findone', 'findmany', 'getmany', 'getrawmany', 'toarray', 'selectall', 'selectfrom', 'aggregate']);
const WHERE_METHOD = /^(where|andWhere|orWhere|whereIn|whereNot|whereRaw|whereNull|whereNotNull|whereExists|filter)/;

export const noDestructiveMigration: RuleModule<Options> = {
  id: 'no-destructive-migration',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow migrations and ORM settings that drop tables, columns or rows without first copying the data they remove.',
      recommended: true,
    },
    messages: {
      dropTable:
        'This migration drops {{what}} `{{name}}` with no copy or backup step before it, so running it deletes everything in it and only a database restore brings it back.',
      dropColumn:
        'This migration drops {{what}} `{{name}}` with no step that copies its values first, so running it deletes that data from every row.',
      deleteRows:
        'This migration deletes every row of `{{name}}` with no copy or backup step before it, so the data cannot be brought back by rolling the migration back.',
      synchronize:
        '`synchronize: true` makes TypeORM alter the schema to match the entities at every start, so renaming or removing a property drops its column and the data in it.',
      dropSchema: '`dropSchema: true` drops every table each time the connection starts, deleting all data.',
      syncForce: '`sync({ force: true })` drops and recreates every table at startup, deleting all data in them.',
      syncAlter:
        '`sync({ alter: true })` alters tables to match the models at startup, so a renamed or removed attribute drops its column and the data in it.',
      deleteRealm:
        '`deleteRealmIfMigrationNeeded: true` deletes the whole local database whenever the schema changes, so an app update wipes the user\'s data.',
      suggestDevOnly: 'Only in development (`{{condition}}`)',
      suggestNoDrop: 'Alter without dropping (`alter: { drop: false }`)',
    },
    schema: [
      {
        type: 'object',
        properties: {
          backupCallPattern: {
            type: 'string',
            description: 'Regular expression over a called function\'s name (as lower-case words joined by "-"); a matching call before a drop counts as its copy or backup step.',
          },
          ignoreTestFiles: { type: 'boolean', description: 'Skip test files, whose databases are throwaway.' },
          reportRemovals: {
            type: 'boolean',
            description: 'Also report drops in migrations that only remove (no table or column added), the last step of a move whose copy usually ran in an earlier migration.',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultSeverity: 'warn',
    appliesTo: 'all',
  },
  defaultOptions: { backupCallPattern: DEFAULT_BACKUP_CALL_PATTERN, ignoreTestFiles: true, reportRemovals: false },
  create(context) {
    if (context.options.ignoreTestFiles && isTestFile(context.file.rolePath)) return {};
    let backupCall: RegExp;
    try {
      backupCall = new RegExp(context.options.backupCallPattern || DEFAULT_BACKUP_CALL_PATTERN, 'i');
    } catch {
      backupCall = new RegExp(DEFAULT_BACKUP_CALL_PATTERN, 'i');
    }
    const upFunctions: FunctionNode[] = [];
    const noteUp = (name: string | null, value: TSESTree.Node | null | undefined) => {
      if (name !== 'up' || !value) return;
      const fn = unwrap(value);
      if (fn.type === T.FunctionExpression || fn.type === T.ArrowFunctionExpression || fn.type === T.FunctionDeclaration) upFunctions.push(fn);
    };
    return {
      FunctionDeclaration(node: TSESTree.FunctionDeclaration) {
        noteUp(node.id?.name ?? null, node);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        if (node.id.type === T.Identifier) noteUp(node.id.name, node.init);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type === T.MemberExpression) noteUp(propertyName(node.left), node.right);
      },
      MethodDefinition(node: TSESTree.MethodDefinition) {
        if (node.kind === 'method' && !node.computed && node.key.type === T.Identifier) noteUp(node.key.name, node.value);
      },
      Property(node: TSESTree.Property) {
        noteUp(keyName(node), node.value);
        checkConfigProperty(node, context);
      },
      CallExpression(node: TSESTree.CallExpression) {
        checkSync(node, context);
      },
      'Program:exit'() {
        for (const fn of upFunctions) checkUp(fn, context, backupCall);
      },
    };
  },
};

// ------------------------------------------------------------------ migrations

function checkUp(fn: FunctionNode, context: Ctx, backupCall: RegExp): void {
  const ops: Ops = { drops: [], copies: [], created: [], dataMoves: [], reads: [], refills: [], verified: [], adds: 0 };
  const seen = new Set<TSESTree.Node>([fn]);
  walk(fn.body, context, ops, backupCall, seen, 0);
  for (const drop of ops.drops) {
    if (isCovered(drop, ops)) continue;
    // A migration that only removes is usually the last step of a move whose copy ran in an
    // earlier migration, which one file cannot show; emptied tables are reported regardless.
    if (!context.options.reportRemovals && ops.adds === 0 && drop.kind !== 'rows') continue;
    const name = drop.table ?? '(computed)';
    if (drop.kind === 'column' || drop.kind === 'field') {
      const what = drop.kind === 'field' ? 'field' : 'column';
      context.report({ node: drop.node, messageId: 'dropColumn', data: { what, name: drop.table && drop.column ? `${drop.table}.${drop.column}` : drop.column ?? '(computed)' } });
    } else if (drop.kind === 'rows') {
      context.report({ node: drop.node, messageId: 'deleteRows', data: { name } });
    } else {
      context.report({ node: drop.node, messageId: 'dropTable', data: { what: drop.kind, name: drop.kind === 'database' ? drop.table ?? 'database' : name } });
    }
  }
}

function isCovered(drop: Drop, ops: Ops): boolean {
  // A table this migration created (a temporary one, or a rebuild) holds nothing yet.
  if (drop.table && drop.kind !== 'column' && drop.kind !== 'field') {
    if (ops.created.some((c) => same(c.table, drop.table) && c.at < drop.at)) return true;
    // `dropTableIfExists(x)` followed by `createTable(x)`: an idempotent first migration.
    if (drop.ifExists && ops.created.some((c) => same(c.table, drop.table) && c.at > drop.at)) return true;
  }
  if (ops.dataMoves.some((at) => at < drop.at) || ops.verified.some((at) => at < drop.at)) return true;
  // Emptied and rebuilt from other tables, or a column recomputed from others: derived data.
  if (drop.kind === 'rows' && ops.refills.some((r) => r.at > drop.at && r.column === null && same(r.table, drop.table) && (!r.fromRead || ops.reads.some((read) => read > drop.at && read < r.at)))) return true;
  if (drop.kind === 'column' && ops.refills.some((r) => r.at > drop.at && same(r.table, drop.table) && same(r.column, drop.column))) return true;
  for (const copy of ops.copies) {
    if (copy.at > drop.at) continue;
    if (copy.columnsOnly && drop.kind !== 'column' && drop.kind !== 'field') continue;
    if (copy.from === null) return true;
    if (drop.kind === 'column' || drop.kind === 'field') {
      if (drop.column && mentions(copy.text, drop.column) && (!drop.table || same(copy.from, drop.table) || mentions(copy.text, drop.table))) return true;
    } else if (!drop.table || same(copy.from, drop.table)) return true;
  }
  return false;
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(name)}([^A-Za-z0-9_]|$)`, 'i').test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Source-order walk of an `up` body; calls of same-file helpers are walked where they are called. */
function walk(node: TSESTree.Node, context: Ctx, ops: Ops, backupCall: RegExp, seen: Set<TSESTree.Node>, depth: number): void {
  if (node.type === T.CallExpression) {
    onCall(node, context, ops, backupCall);
    const local = context.file.binder.localFunction(node.callee);
    if (local && !seen.has(local) && depth < 3) {
      seen.add(local);
      for (const arg of node.arguments) walk(arg, context, ops, backupCall, seen, depth);
      walkWithPosition(local.body, node.range[0], context, ops, backupCall, seen, depth + 1);
      return;
    }
  } else if (node.type === T.ThrowStatement && (ops.reads.length > 0 || ops.counted) && insideCondition(node)) {
    ops.verified.push(node.range[0]);
} else if (node.type === T.Literal && typeof node.value === 'string') {
    onSql(node, node.value, ops);
  } else if (node.type === T.TemplateLiteral) {
    onSql(node, node.quasis.map((q) => q.value.cooked ?? '').join('x'), ops);
  } else if (node.type === T.BinaryExpression && node.operator === '+') {
    // One SQL statement split over lines: `'INSERT INTO a ' + 'SELECT … FROM b'`.
    const text = stringOf(node);
    if (text !== null) {
      onSql(node, text, ops);
      return;
    }
  }
  const keys = visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child === 'object' && 'type' in child) walk(child as TSESTree.Node, context, ops, backupCall, seen, depth);
    } else if (value && typeof value === 'object' && 'type' in value) walk(value as TSESTree.Node, context, ops, backupCall, seen, depth);
  }
}

/** `if (…) throw …`, `cond && fail()`: a throw that only some states of the data reach. */
function insideCondition(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === T.IfStatement || current.type === T.ConditionalExpression || current.type === T.SwitchCase) return true;
  }
  return false;
}

function isFunctionNode(node: TSESTree.Node): boolean {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

/** Ops found in a helper count as happening at the call that runs it. */
function walkWithPosition(body: TSESTree.Node, at: number, context: Ctx, ops: Ops, backupCall: RegExp, seen: Set<TSESTree.Node>, depth: number): void {
  // Reads before the call count inside the helper: `rows.map((row) => moveRow(row))`.
  const inner: Ops = { drops: [], copies: [], created: [], dataMoves: [], reads: ops.reads.some((r) => r < at) ? [-Infinity] : [], refills: [], verified: [], adds: 0, counted: ops.counted };
  walk(body, context, inner, backupCall, seen, depth);
  const base = at;
  const shift = <X extends { at: number }>(items: X[]) => items.map((x, i) => ({ ...x, at: base + i / (items.length + 1) }));
  ops.drops.push(...shift(inner.drops));
  ops.copies.push(...shift(inner.copies));
  ops.created.push(...shift(inner.created));
  ops.dataMoves.push(...inner.dataMoves.map(() => base));
  ops.reads.push(...inner.reads.filter((r) => r !== -Infinity).map(() => base));
  ops.refills.push(...shift(inner.refills));
  ops.verified.push(...inner.verified.map(() => base));
  ops.adds += inner.adds;
}

function normalise(name: string): string {
  const parts = name.trim().replace(/["'`[\]]/g, '').split('.');
  return parts[parts.length - 1];
}

function same(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}

function onCall(call: TSESTree.CallExpression, context: Ctx, ops: Ops, backupCall: RegExp): void {
  const callee = call.callee;
  const name = callee.type === T.MemberExpression ? propertyName(callee) : callee.type === T.Identifier ? callee.name : null;
  if (!name) return;
  const method = name.toLowerCase();
  const at = call.range[0];
  const arg = (i: number) => {
    const a = call.arguments[i];
    if (!a) return null;
    const text = stringOf(a);
    if (text !== null) return normalise(text);
    // TypeORM: `new Table({ name: 'users' })`, `new TableColumn({ name: 'email' })`.
    if (a.type === T.NewExpression) {
      const nameProp = objectProps(a.arguments[0], context.file.binder)?.entries.get('name')?.prop.value;
      const value = nameProp ? stringOf(nameProp) : null;
      return value === null ? null : normalise(value);
    }
    return null;
  };

  if (DROP_TABLE_METHODS.has(method)) {
    // Mongo `db.collection('x').drop()` is handled below; `db.dropCollection('x')` here.
    ops.drops.push({ kind: method === 'dropcollection' ? 'collection' : 'table', node: call, table: arg(0), column: null, at, ifExists: method.endsWith('ifexists') || (!!call.arguments[1] && literalValue(call.arguments[1], context.file.binder) === true) });
    return;
  }
  if (DROP_SCHEMA_METHODS.has(method)) {
    ops.drops.push({ kind: 'schema', node: call, table: arg(0), column: null, at, ifExists: false });
    return;
  }
  if (method === 'dropdatabase') {
    ops.drops.push({ kind: 'database', node: call, table: arg(0), column: null, at, ifExists: false });
    return;
  }
  if (DROP_COLUMN_METHODS.has(method)) {
    for (const drop of columnDrops(call, method, context)) ops.drops.push({ ...drop, node: call, at, ifExists: false });
    return;
  }
  if (TRUNCATE_METHODS.has(method)) {
    const table = call.arguments.length > 0 ? arg(0) : builderTable(callee, context);
    if (table !== undefined) ops.drops.push({ kind: 'rows', node: call, table, column: null, at, ifExists: false });
    return;
  }
  if (method === 'bulkdelete') {
    const where = call.arguments[1];
    const everything = !where || literalValue(where, context.file.binder) === null || (where.type === T.ObjectExpression && where.properties.length === 0);
    if (everything) ops.drops.push({ kind: 'rows', node: call, table: arg(0), column: null, at, ifExists: false });
    return;
  }
  if ((method === 'del' || method === 'delete') && call.arguments.length === 0 && callee.type === T.MemberExpression) {
    const table = builderTable(callee, context);
    if (table !== undefined && !chainHas(callee.object, WHERE_METHOD)) ops.drops.push({ kind: 'rows', node: call, table, column: null, at, ifExists: false });
    return;
  }
  if (callee.type === T.MemberExpression && (method === 'drop' || method === 'deletemany' || method === 'updatemany')) {
    const collection = mongoCollection(callee.object);
    if (collection !== undefined) {
      if (method === 'drop') ops.drops.push({ kind: 'collection', node: call, table: collection, column: null, at, ifExists: false });
      else if (method === 'deletemany') {
        const filter = call.arguments[0];
        if (!filter || (filter.type === T.ObjectExpression && filter.properties.length === 0)) ops.drops.push({ kind: 'rows', node: call, table: collection, column: null, at, ifExists: false });
      } else {
        const unset = objectProps(call.arguments[1], context.file.binder)?.entries.get('$unset')?.prop.value;
        const fields = unset ? objectProps(unset, context.file.binder) : null;
        for (const field of fields?.entries.keys() ?? []) ops.drops.push({ kind: 'field', node: call, table: collection, column: field, at, ifExists: false });
        if (!unset) noteWrite(ops, at);
      }
      return;
    }
  }
  if (CREATE_TABLE_METHODS.has(method)) {
    const table = arg(0);
    if (table) ops.created.push({ table, at });
    ops.adds++;
    return;
  }
  if (ADD_COLUMN_METHODS.has(method) || (KNEX_COLUMN_TYPES.has(method) && callee.type === T.MemberExpression && callee.object.type === T.Identifier && enclosingAlterTable(call) !== undefined)) {
    ops.adds++;
    return;
  }
  if (RENAME_TABLE_METHODS.has(method)) {
    const from = arg(0);
    const to = arg(1);
    if (from && to) {
      if (isBackupName(to)) ops.copies.push({ from, text: '', at });
      // Renaming a rebuilt table into place: `renameTable('users_new', 'users')`.
      ops.created.push({ table: to, at });
    }
    return;
  }
  if (method === 'renamecolumn') {
    const [table, from, to] = [arg(0), arg(1), arg(2)];
    if (from && to && isBackupName(to)) ops.copies.push({ from: table, text: `${table ?? ''} ${from}`, at });
    return;
  }
  if (WRITE_METHODS.has(method)) {
    noteWrite(ops, at);
    return;
  }
  if (method === 'count') {
    ops.counted = true;
    return;
  }
  if (READ_METHODS.has(method)) {
    ops.reads.push(at);
    return;
  }
  if (SQL_METHODS.has(method)) return;
  if (backupCall.test(splitWords(name).join('-'))) ops.copies.push({ from: null, text: '', at });
}

function noteWrite(ops: Ops, at: number): void {
  if (ops.reads.some((r) => r < at)) ops.dataMoves.push(at);
}

/** knex `table.dropColumn('c')` inside `alterTable('t', …)`, TypeORM/Sequelize `(table, column)`, kysely `alterTable('t').dropColumn('c')`. */
function columnDrops(call: TSESTree.CallExpression, method: string, context: Ctx): Array<Pick<Drop, 'kind' | 'table' | 'column'>> {
  const binder = context.file.binder;
  const strings = (node: TSESTree.Node | undefined): Array<string | null> => {
    if (!node) return [];
    if (node.type === T.ArrayExpression) return node.elements.map((e) => (e && e.type !== T.SpreadElement ? columnName(e) : null));
    return [columnName(node)];
  };
  const columnName = (node: TSESTree.Node): string | null => {
    const text = stringOf(node);
    if (text !== null) return normalise(text);
    if (node.type === T.NewExpression) {
      const value = objectProps(node.arguments[0], binder)?.entries.get('name')?.prop.value;
      return value && stringOf(value) !== null ? normalise(stringOf(value)!) : null;
    }
    return null;
  };
  const enclosing = enclosingAlterTable(call);
  const chained = call.callee.type === T.MemberExpression ? chainedAlterTable(call.callee.object) : undefined;
  const table = enclosing !== undefined ? enclosing : chained;
  let columns: Array<string | null>;
  let tableName: string | null;
  if (table !== undefined) {
    tableName = table;
    columns = call.arguments.flatMap((a) => strings(a));
  } else {
    // `(table, column)` or `(table, [columns])`.
    tableName = call.arguments[0] ? columnName(call.arguments[0]) : null;
    columns = strings(call.arguments[1]);
    if (call.arguments.length === 1) columns = [null];
  }
  if (columns.length === 0) columns = [null];
  void method;
  return columns.map((column) => ({ kind: 'column' as const, table: tableName, column }));
}

/** The table of a knex `alterTable('t', (table) => …)` callback the call sits in. */
function enclosingAlterTable(node: TSESTree.Node): string | null | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if ((current.type === T.ArrowFunctionExpression || current.type === T.FunctionExpression) && current.parent?.type === T.CallExpression) {
      const outer = current.parent;
      const name = outer.callee.type === T.MemberExpression ? propertyName(outer.callee) : null;
      if (name && ALTER_TABLE_METHODS.has(name.toLowerCase()) && outer.arguments.includes(current)) {
        const first = outer.arguments[0];
        const text = first ? stringOf(first) : null;
        return text === null ? null : normalise(text);
      }
      return undefined;
    }
    current = current.parent;
  }
  return undefined;
}

function chainedAlterTable(node: TSESTree.Node): string | null | undefined {
  let current: TSESTree.Node = node;
  while (current.type === T.CallExpression && current.callee.type === T.MemberExpression) {
    const name = propertyName(current.callee);
    if (name && ALTER_TABLE_METHODS.has(name.toLowerCase())) {
      const first = current.arguments[0];
      const text = first ? stringOf(first) : null;
      return text === null ? null : normalise(text);
    }
    current = current.callee.object;
  }
  return undefined;
}

/** knex `knex('t').del()` / `knex.from('t').truncate()` → 't'; undefined when the receiver is no query builder. */
function builderTable(callee: TSESTree.Node, context: Ctx): string | null | undefined {
  if (callee.type !== T.MemberExpression) return undefined;
  let current: TSESTree.Node = callee.object;
  while (current.type === T.CallExpression) {
    const inner: TSESTree.Node = current.callee;
    if (inner.type === T.Identifier) {
      const first = current.arguments[0];
      const text = first ? stringOf(first) : null;
      return text === null ? (first ? null : undefined) : normalise(text);
    }
    if (inner.type !== T.MemberExpression) return undefined;
    const name = propertyName(inner);
    if (name === 'from' || name === 'table' || name === 'into') {
      const first = current.arguments[0];
      const text = first ? stringOf(first) : null;
      return text === null ? null : normalise(text);
    }
    current = inner.object;
  }
  void context;
  return undefined;
}

function chainHas(node: TSESTree.Node, pattern: RegExp): boolean {
  let current: TSESTree.Node = node;
  while (current.type === T.CallExpression && current.callee.type === T.MemberExpression) {
    const name = propertyName(current.callee);
    if (name && pattern.test(name)) return true;
    current = current.callee.object;
  }
  return false;
}

/** `db.collection('x')` → 'x'; undefined when the receiver is not a collection. */
function mongoCollection(node: TSESTree.Node): string | null | undefined {
  const value = unwrap(node);
  if (value.type !== T.CallExpression || value.callee.type !== T.MemberExpression || propertyName(value.callee) !== 'collection') return undefined;
  const first = value.arguments[0];
  const text = first ? stringOf(first) : null;
  return text === null ? null : normalise(text);
}

// ------------------------------------------------------------------ SQL

const NAME = String.raw`((?:[\w$]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\])(?:\.(?:[\w$]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]))*)`;
const DROP_TABLE_SQL = new RegExp(String.raw`^DROP\s+TABLE\s+(IF\s+EXISTS\s+)?` + NAME, 'i');
const DROP_SCHEMA_SQL = new RegExp(String.raw`^DROP\s+(SCHEMA|DATABASE)\s+(IF\s+EXISTS\s+)?` + NAME, 'i');
const ALTER_TABLE_SQL = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?` + NAME + String.raw`\s+([\s\S]*)$`, 'i');
const DROP_COLUMN_ACTION = new RegExp(String.raw`^DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?` + NAME, 'i');
const NOT_A_COLUMN = /^DROP\s+(CONSTRAINT|INDEX|KEY|FOREIGN|PRIMARY|DEFAULT|NOT|CHECK|PARTITION|TRIGGER|IDENTITY|EXPRESSION|PERIOD|SYSTEM)\b/i;
const TRUNCATE_SQL = new RegExp(String.raw`^TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?` + NAME, 'i');
const DELETE_SQL = new RegExp(String.raw`^DELETE\s+FROM\s+(?:ONLY\s+)?` + NAME, 'i');
const CREATE_TABLE_SQL = new RegExp(String.raw`^CREATE\s+(?:TEMP(?:ORARY)?\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?` + NAME, 'i');
const RENAME_SQL = new RegExp(String.raw`^(?:ALTER\s+TABLE\s+` + NAME + String.raw`\s+RENAME\s+TO\s+` + NAME + String.raw`|RENAME\s+TABLE\s+` + NAME + String.raw`\s+TO\s+` + NAME + ')', 'i');
const FROM_SQL = new RegExp(String.raw`\bFROM\s+(?:ONLY\s+)?` + NAME, 'gi');
const SQL_START = /^\s*(DROP|ALTER|TRUNCATE|DELETE|CREATE|INSERT|UPDATE|SELECT|RENAME|WITH|COPY)\b/i;

function onSql(node: TSESTree.Node, text: string, ops: Ops): void {
  if (!SQL_START.test(text)) return;
  const reportAt = sqlReportNode(node);
  const base = node.range[0];
  for (const [i, raw] of splitStatements(text).entries()) {
    const statement = raw.trim().replace(/\s+/g, ' ');
    const at = base + i / 1000;
    let m: RegExpExecArray | null;
    if ((m = DROP_TABLE_SQL.exec(statement))) {
      for (const table of m[2].split(/\s*,\s*/)) ops.drops.push({ kind: 'table', node: reportAt, table: normalise(table), column: null, at, ifExists: !!m[1] });
    } else if ((m = DROP_SCHEMA_SQL.exec(statement))) {
      ops.drops.push({ kind: m[1].toLowerCase() === 'schema' ? 'schema' : 'database', node: reportAt, table: normalise(m[3]), column: null, at, ifExists: !!m[2] });
    } else if ((m = RENAME_SQL.exec(statement))) {
      const from = normalise(m[1] ?? m[3]);
      const to = normalise(m[2] ?? m[4]);
      if (isBackupName(to)) ops.copies.push({ from, text: statement, at });
      ops.created.push({ table: to, at });
    } else if ((m = ALTER_TABLE_SQL.exec(statement))) {
      const table = normalise(m[1]);
      for (const action of splitTopLevel(m[2], ',')) {
        const trimmed = action.trim();
        if (NOT_A_COLUMN.test(trimmed)) continue;
        const column = DROP_COLUMN_ACTION.exec(trimmed);
        if (column) ops.drops.push({ kind: 'column', node: reportAt, table, column: normalise(column[1]), at, ifExists: false });
        else if (/^ADD\s+(?!CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN|UNIQUE|CHECK)/i.test(trimmed)) ops.adds++;
      }
    } else if ((m = TRUNCATE_SQL.exec(statement))) {
      ops.drops.push({ kind: 'rows', node: reportAt, table: normalise(m[1]), column: null, at, ifExists: false });
    } else if ((m = DELETE_SQL.exec(statement))) {
      if (!/\bWHERE\b/i.test(statement)) ops.drops.push({ kind: 'rows', node: reportAt, table: normalise(m[1]), column: null, at, ifExists: false });
    } else if ((m = CREATE_TABLE_SQL.exec(statement))) {
      const table = normalise(m[1]);
      if (/\bAS\s+SELECT\b|\bAS\s*\(\s*SELECT\b/i.test(statement)) for (const from of sources(statement)) ops.copies.push({ from, text: statement, at });
      ops.created.push({ table, at });
      ops.adds++;
    } else if (/^INSERT\s+INTO\b[\s\S]*\bSELECT\b/i.test(statement) || /^SELECT\b[\s\S]*\bINTO\b/i.test(statement) || /^WITH\b[\s\S]*\bINSERT\b/i.test(statement)) {
      for (const from of sources(statement)) ops.copies.push({ from, text: statement, at });
      const target = INSERT_TARGET_SQL.exec(statement);
      if (target) ops.refills.push({ table: normalise(target[1]), column: null, at });
    } else if (/^UPDATE\s/i.test(statement)) {
      const table = /^UPDATE\s+(?:ONLY\s+)?(\S+)/i.exec(statement);
      ops.copies.push({ from: table ? normalise(table[1]) : null, text: statement, at, columnsOnly: true });
      noteWrite(ops, at);
      if (table) for (const column of recomputedColumns(statement)) ops.refills.push({ table: normalise(table[1]), column, at });
    } else if (/^INSERT\s+INTO\b/i.test(statement)) {
      // Rows written one by one from values read earlier: the data moves through the code.
      noteWrite(ops, at);
      const target = INSERT_TARGET_SQL.exec(statement);
      if (target) ops.refills.push({ table: normalise(target[1]), column: null, at, fromRead: true });
    } else if (/^COPY\s[\s\S]*\bTO\b/i.test(statement)) {
      ops.copies.push({ from: null, text: statement, at });
    } else if (/^SELECT\s/i.test(statement)) {
      ops.reads.push(at);
    }
  }
}

const INSERT_TARGET_SQL = new RegExp(String.raw`\bINSERT\s+INTO\s+` + NAME, 'i');
const SET_CLAUSE_SQL = /\bSET\s+([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/i;
const NOT_A_SOURCE = /^(NULL|TRUE|FALSE|DEFAULT|NOW|CURRENT_TIMESTAMP|CURRENT_DATE)$/i;

/** Columns an `UPDATE` sets from other data (`c = f(other)`), not to a constant (`c = 'x'`, which is a reset). */
function recomputedColumns(statement: string): string[] {
  const set = SET_CLAUSE_SQL.exec(statement);
  if (!set) return [];
  const columns: string[] = [];
  for (const assignment of splitTopLevel(set[1], ',')) {
    const m = /^\s*([\w$"`[\]]+)\s*=\s*([\s\S]+)$/.exec(assignment);
    if (!m) continue;
    const rhs = m[2].replace(/'(?:[^']|'')*'/g, ' ');
    const identifiers = rhs.match(/[A-Za-z_"`][\w$"`]*/g) ?? [];
    if (identifiers.some((id) => !NOT_A_SOURCE.test(id.replace(/["`]/g, '')))) columns.push(normalise(m[1]));
  }
  return columns;
}

function sources(statement: string): string[] {
  const out: string[] = [];
  FROM_SQL.lastIndex = 0;
  for (let m = FROM_SQL.exec(statement); m; m = FROM_SQL.exec(statement)) out.push(normalise(m[1]));
  return out;
}

/** Splits on a separator outside quotes and parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function splitStatements(text: string): string[] {
  return splitTopLevel(text, ';').filter((s) => s.trim().length > 0);
}

/** The call a SQL string is handed to directly (`queryRunner.query('DROP …')`), else the string. */
function sqlReportNode(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  if (current.parent?.type === T.TaggedTemplateExpression) current = current.parent;
  const parent = current.parent;
  if (parent?.type === T.CallExpression && parent.arguments[0] === current) return parent;
  // kysely: sql`DROP TABLE x`.execute(db)
  if (current.type === T.TaggedTemplateExpression && parent?.type === T.MemberExpression && parent.parent?.type === T.CallExpression) return parent.parent;
  return node;
}

// ------------------------------------------------------------------ ORM settings

function checkConfigProperty(prop: TSESTree.Property, context: Ctx): void {
  const key = keyName(prop);
  if (key !== 'synchronize' && key !== 'dropSchema' && key !== 'deleteRealmIfMigrationNeeded') return;
  const binder = context.file.binder;
  if (literalValue(prop.value, binder) !== true) return;
  const object = prop.parent as TSESTree.ObjectExpression;
  if (object.type !== T.ObjectExpression || insideNonProductionGuard(prop)) return;
  if (key === 'deleteRealmIfMigrationNeeded') {
    context.report({ node: prop, messageId: 'deleteRealm', suggest: devOnlySuggestion(prop, '__DEV__') });
    return;
  }
  const props = objectProps(object, binder);
  if (!props) return;
  const typeOrmKeys = ['type', 'entities', 'autoLoadEntities', 'migrations', 'database', 'host', 'url', 'subscribers'];
  if (!typeOrmKeys.some((k) => props.entries.has(k)) && !passedToTypeOrm(object, context)) return;
  const database = props.entries.get('database')?.prop.value;
  if (database && stringOf(database) === ':memory:') return;
  context.report({ node: prop, messageId: key === 'synchronize' ? 'synchronize' : 'dropSchema', suggest: devOnlySuggestion(prop, "process.env.NODE_ENV !== 'production'") });
}

function passedToTypeOrm(object: TSESTree.ObjectExpression, context: Ctx): boolean {
  const call = object.parent;
  if (!call || (call.type !== T.CallExpression && call.type !== T.NewExpression)) return false;
  const path = context.file.binder.resolve(call.callee);
  if (path && path[0] === 'typeorm') return true;
  const name = call.callee.type === T.MemberExpression ? propertyName(call.callee) : call.callee.type === T.Identifier ? call.callee.name : null;
  return name === 'forRoot' || name === 'createConnection' || name === 'DataSource';
}

function devOnlySuggestion(prop: TSESTree.Property, condition: string): ReportSuggestion[] {
  if (unwrap(prop.value).type !== T.Literal || prop.shorthand) return [];
  return [{ messageId: 'suggestDevOnly', data: { condition }, fix: replaceNode(prop.value, condition) }];
}

/** Sequelize instances and models; an app store's `sync({ force })` is a data sync, not a schema one. */
const SEQUELIZE_RECEIVER = /^(sequelize|db|database|orm|models?)$|Sequelize$/i;

function isSequelizeReceiver(receiver: TSESTree.Node, context: Ctx): boolean {
  const path = context.file.binder.resolve(receiver);
  if (path && path[0] === 'sequelize') return true;
  const value = unwrap(receiver);
  const name = value.type === T.Identifier ? value.name : value.type === T.MemberExpression ? propertyName(value) : null;
  return !!name && SEQUELIZE_RECEIVER.test(name);
}

function checkSync(call: TSESTree.CallExpression, context: Ctx): void {
  if (call.callee.type !== T.MemberExpression || propertyName(call.callee) !== 'sync') return;
  if (!isSequelizeReceiver(call.callee.object, context)) return;
  const binder = context.file.binder;
  const options = objectProps(call.arguments[0], binder);
  if (!options || insideNonProductionGuard(call)) return;
  const force = options.entries.get('force')?.prop;
  if (force && literalValue(force.value, binder) === true) {
    context.report({ node: call, messageId: 'syncForce', suggest: devOnlySuggestion(force, "process.env.NODE_ENV !== 'production'") });
    return;
  }
  const alter = options.entries.get('alter')?.prop;
  if (alter && literalValue(alter.value, binder) === true) {
    const suggest: ReportSuggestion[] = unwrap(alter.value).type === T.Literal && !alter.shorthand ? [{ messageId: 'suggestNoDrop', fix: replaceNode(alter.value, '{ drop: false }') }] : [];
    context.report({ node: call, messageId: 'syncAlter', suggest });
  }
}
