/**
 * Writes configured so that "saved" is reported before the data is safe: MongoDB
 * `w: 0`/`j: false`, kafkajs `acks: 0`, SQLite `synchronous = OFF` or an in-memory
 * journal, Postgres `synchronous_commit = off`, Redis persistence turned off from code,
 * IndexedDB `durability: 'relaxed'`. Every one of them trades durability for speed
 * silently: the app goes on as if the write were on disk, and a crash proves otherwise.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import { propertyName } from '../server/src/engine/bind';
import type { Binder } from '../server/src/engine/bind';
import type { ReportSuggestion, RuleContext, RuleModule } from '../server/src/engine/rule-api';
import { constInitializer, keyName, literalValue, objectProps, replaceNode, stringOf, unwrap } from './config-literals';

interface Options {
  checkIndexedDbDurability: boolean;
}

type Ctx = RuleContext<Options>;

/** Methods whose options are MongoDB write options. */
const MONGO_METHODS = new Set([
  'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'bulkWrite',
  'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'findByIdAndUpdate', 'findByIdAndDelete',
  'initializeOrderedBulkOp', 'initializeUnorderedBulkOp', 'createCollection', 'startSession', 'withTransaction', 'startTransaction',
]);
const MONGO_ROOTS = new Set(['mongodb', 'mongoose']);
const WATCHED_KEYS = new Set(['w', 'j', 'journal', 'acks', 'request.required.acks', 'durability', 'chromeTransactionDurability', 'synchronous_commit']);
const MONGO_URI = /^mongodb(\+srv)?:\/\//i;

const PRAGMA_SETTING = /^\s*(?:\w+\.)?(synchronous|journal_mode)\s*=\s*['"]?(\w+)['"]?\s*;?\s*$/i;
const PRAGMA_STATEMENT = /\bPRAGMA\s+(?:\w+\.)?(synchronous|journal_mode)\s*=\s*['"]?(\w+)['"]?/gi;
const PG_ASYNC_COMMIT = /synchronous_commit\s*(?:=|%3D|\s+to\s+)\s*'?(off|false|no|0)\b'?/i;

interface PragmaSetting {
  node: TSESTree.Node;
  name: 'synchronous' | 'journal_mode';
  value: string;
  /** The function the setting runs in, to see whether it is put back afterwards. */
  scope: TSESTree.Node;
}

export const noUnacknowledgedWrite: RuleModule<Options> = {
  id: 'no-unacknowledged-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow configuring writes to be acknowledged before they are durable: unacknowledged, unjournaled or unsynced.',
      recommended: true,
    },
    messages: {
      mongoUnacknowledged:
        '`w: 0` makes MongoDB report success before any server has the write, so a network error, a failover or a rejected document loses it without an error.',
      mongoUnjournaled:
        '`{{option}}: false` lets MongoDB acknowledge a write before it is in the on-disk journal, so a crash moments later loses a write the app believes saved.',
      mongoUriUnacknowledged:
        '`w=0` in this connection string makes every write unacknowledged: a network error, a failover or a rejected document loses it without an error.',
      mongoUriUnjournaled:
        '`{{option}}=false` in this connection string lets MongoDB acknowledge writes before they are journaled, so a crash loses writes the app believes saved.',
      kafkaNoAcks:
        '`acks: 0` sends these messages without waiting for any broker to acknowledge them, so a broker failure or a leader change drops them without an error.',
      sqliteSynchronousOff:
        '`synchronous = OFF` hands writes to the OS without waiting for the disk, so a power loss or OS crash can lose committed transactions and corrupt the database.',
      sqliteJournalOff:
        '`journal_mode = {{mode}}` keeps no rollback journal on disk, so a crash in the middle of a transaction can leave the database file corrupt.',
      pgAsyncCommit:
        '`synchronous_commit = off` makes Postgres confirm a commit before it is on disk, so a crash loses the last transactions the app was told were saved.',
      redisAppendOnlyOff:
        '`appendonly no` turns off Redis\'s append-only file, so a restart loses every write since the last snapshot.',
      redisSnapshotsOff:
        '`save ""` turns off Redis snapshots, so a restart without an append-only file loses everything in it.',
      idbRelaxed:
        '`{{option}}: \'relaxed\'` lets the browser report this transaction complete before it reaches disk; a crash or power loss right after can undo it, which is acceptable for caches but not for the user\'s own edits.',
      suggestValue: 'Use `{{value}}`',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkIndexedDbDurability: {
            type: 'boolean',
            description: 'Report IndexedDB transactions opened with `durability: \'relaxed\'` (the lesser risk: browsers flush soon after).',
          },
        },
        additionalProperties: false,
      },
    ],
    fixable: 'code',
    hasSuggestions: true,
    defaultSeverity: 'warn',
    appliesTo: 'application',
  },
  defaultOptions: { checkIndexedDbDurability: true },
  create(context) {
    const pragmas: PragmaSetting[] = [];
    return {
      Property(node: TSESTree.Property) {
        checkProperty(node, context);
      },
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string') checkString(node, node.value, context, pragmas);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        checkString(node, node.quasis.map((q) => q.value.cooked ?? '').join('${}'), context, pragmas);
      },
      CallExpression(node: TSESTree.CallExpression) {
        checkPragmaCall(node, context, pragmas);
        checkRedisConfig(node, context);
      },
      NewExpression(node: TSESTree.NewExpression) {
        checkWriteConcernConstructor(node, context);
      },
      'Program:exit'() {
        reportPragmas(pragmas, context);
      },
    };
  },
};

// ------------------------------------------------------------------ options objects

function checkProperty(prop: TSESTree.Property, context: Ctx): void {
  const key = keyName(prop);
  if (!key || !WATCHED_KEYS.has(key)) return;
  const object = prop.parent as TSESTree.ObjectExpression;
  if (object.type !== T.ObjectExpression) return;
  const binder = context.file.binder;
  const value = literalValue(prop.value, binder);
  if (value === undefined) return;
  const written = unwrap(prop.value).type === T.Literal;
  switch (key) {
    case 'w':
      if (value === 0 && isMongoOptions(object, binder)) {
        context.report({ node: prop, messageId: 'mongoUnacknowledged', fix: written ? replaceNode(prop.value, `'majority'`) : undefined });
      }
      return;
    case 'j':
    case 'journal':
      if (value === false && isMongoOptions(object, binder)) {
        context.report({ node: prop, messageId: 'mongoUnjournaled', data: { option: key }, fix: written ? replaceNode(prop.value, 'true') : undefined });
      }
      return;
    case 'acks':
    case 'request.required.acks':
      if (value === 0 && isKafkaProduce(object, binder)) {
        context.report({ node: prop, messageId: 'kafkaNoAcks', fix: written ? replaceNode(prop.value, '-1') : undefined });
      }
      return;
    case 'durability':
    case 'chromeTransactionDurability':
      if (value === 'relaxed' && context.options.checkIndexedDbDurability && isIndexedDbDurability(object, key)) {
        context.report({
          node: prop,
          messageId: 'idbRelaxed',
          data: { option: key },
          suggest: written ? [{ messageId: 'suggestValue', data: { value: `'strict'` }, fix: replaceNode(prop.value, `'strict'`) }] : [],
        });
      }
      return;
    case 'synchronous_commit':
      if (typeof value === 'string' && /^(off|false|no|0)$/i.test(value)) context.report({ node: prop, messageId: 'pgAsyncCommit' });
      return;
    default:
      return;
  }
}

/** The calls an options object reaches: as an argument, through a `const`, or nested in another options object. */
function receivingCalls(object: TSESTree.ObjectExpression, binder: Binder, depth = 0): Array<TSESTree.CallExpression | TSESTree.NewExpression> {
  if (depth > 3) return [];
  const parent = object.parent;
  if (!parent) return [];
  if ((parent.type === T.CallExpression || parent.type === T.NewExpression) && parent.arguments.includes(object)) return [parent];
  if (parent.type === T.Property && parent.value === object && parent.parent?.type === T.ObjectExpression) {
    return receivingCalls(parent.parent, binder, depth + 1);
  }
  if (parent.type === T.VariableDeclarator && parent.init === object && parent.id.type === T.Identifier) {
    const variable = binder.variableOf(parent.id);
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    for (const ref of variable?.references ?? []) {
      const use = ref.identifier.parent;
      if (use && (use.type === T.CallExpression || use.type === T.NewExpression) && use.arguments.includes(ref.identifier as TSESTree.Identifier)) calls.push(use);
    }
    return calls;
  }
  return [];
}

function isMongoOptions(object: TSESTree.ObjectExpression, binder: Binder): boolean {
  // `writeConcern: { w: 0 }` is MongoDB's own vocabulary wherever it appears.
  const holder = object.parent;
  if (holder?.type === T.Property && holder.value === object && keyName(holder) === 'writeConcern') return true;
  return receivingCalls(object, binder).some((call) => isMongoCall(call, binder));
}

function isMongoCall(call: TSESTree.CallExpression | TSESTree.NewExpression, binder: Binder): boolean {
  const path = binder.resolve(call.callee);
  if (path && (MONGO_ROOTS.has(path[0]) || path.some((s) => s === 'collection()'))) return true;
  const method = call.callee.type === T.MemberExpression ? propertyName(call.callee) : call.callee.type === T.Identifier ? call.callee.name : null;
  return method !== null && (MONGO_METHODS.has(method) || method === 'MongoClient');
}

function isKafkaProduce(object: TSESTree.ObjectExpression, binder: Binder): boolean {
  return receivingCalls(object, binder).some((call) => {
    const callee = call.callee;
    if (call.type === T.NewExpression) {
      // node-rdkafka and Confluent's client: `new Kafka.Producer({ 'request.required.acks': 0 })`.
      const name = callee.type === T.MemberExpression ? propertyName(callee) : callee.type === T.Identifier ? callee.name : null;
      return !!name && /Producer$/.test(name);
    }
    const method = callee.type === T.MemberExpression ? propertyName(callee) : null;
    if (method !== 'send' && method !== 'sendBatch') return false;
    const path = binder.resolve(callee);
    if (path && path[0] === 'kafkajs') return true;
    const props = objectProps(object, binder);
    return !!props && (props.entries.has('topic') || props.entries.has('topicMessages')) && (props.entries.has('messages') || props.entries.has('topicMessages'));
  });
}

function isIndexedDbDurability(object: TSESTree.ObjectExpression, key: string): boolean {
  const parent = object.parent;
  // Dexie's option: `new Dexie(name, { … })`, or `super(name, { … })` in a subclass of it.
  if (key === 'chromeTransactionDurability') return parent?.type === T.NewExpression || (parent?.type === T.CallExpression && parent.callee.type === T.Super);
  if (parent?.type !== T.CallExpression || parent.arguments[2] !== object) return false;
  return parent.callee.type === T.MemberExpression && propertyName(parent.callee) === 'transaction';
}

function checkWriteConcernConstructor(node: TSESTree.NewExpression, context: Ctx): void {
  const binder = context.file.binder;
  const path = binder.resolve(node.callee);
  if (!path || path.join('.') !== 'mongodb.WriteConcern') return;
  const [w, , journal] = node.arguments;
  if (w && literalValue(w, binder) === 0) {
    context.report({ node: w, messageId: 'mongoUnacknowledged', fix: unwrap(w).type === T.Literal ? replaceNode(w, `'majority'`) : undefined });
  }
  if (journal && literalValue(journal, binder) === false) context.report({ node: journal, messageId: 'mongoUnjournaled', data: { option: 'journal' } });
}

// ------------------------------------------------------------------ strings

function checkString(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string, context: Ctx, pragmas: PragmaSetting[]): void {
  if (text.length < 8) return;
  // Keys and the arguments of `.pragma()` are judged where they belong.
  if (node.parent?.type === T.Property && node.parent.key === node) return;
  if (isPragmaArgument(node)) return;
  if (MONGO_URI.test(text)) {
    checkMongoUri(node, text, context);
    return;
  }
  if (PG_ASYNC_COMMIT.test(text) && !isInsideLogging(node)) {
    const match = PG_ASYNC_COMMIT.exec(text)!;
    const suggest = suggestStringReplacement(node, match, match[1], 'on');
    context.report({ node, messageId: 'pgAsyncCommit', suggest });
  }
  PRAGMA_STATEMENT.lastIndex = 0;
  for (let m = PRAGMA_STATEMENT.exec(text); m; m = PRAGMA_STATEMENT.exec(text)) {
    if (isInMemoryDatabaseCall(node, context.file.binder)) return;
    pragmas.push({ node, name: m[1].toLowerCase() as PragmaSetting['name'], value: m[2].toUpperCase(), scope: enclosingScope(node) });
  }
}

function checkMongoUri(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string, context: Ctx): void {
  const query = text.split('?')[1];
  if (!query) return;
  for (const pair of query.split('&')) {
    const [rawKey, rawValue] = pair.split('=');
    const key = rawKey.toLowerCase();
    const value = (rawValue ?? '').toLowerCase();
    if (key === 'w' && value === '0') {
      const fix = node.type === T.Literal ? replaceInLiteral(node, context.file.source, /([?&])w=0(?=[&'"`]|$)/i, '$1w=majority') : undefined;
      context.report({ node, messageId: 'mongoUriUnacknowledged', fix });
    } else if ((key === 'journal' || key === 'j') && value === 'false') {
      const fix = node.type === T.Literal ? replaceInLiteral(node, context.file.source, new RegExp(`([?&])${rawKey}=false(?=[&'"\x60]|$)`, 'i'), `$1${rawKey}=true`) : undefined;
      context.report({ node, messageId: 'mongoUriUnjournaled', data: { option: rawKey }, fix });
    }
  }
}

function replaceInLiteral(node: TSESTree.Literal, source: string, pattern: RegExp, replacement: string) {
  const raw = source.slice(node.range[0], node.range[1]);
  const next = raw.replace(pattern, replacement);
  return next === raw ? undefined : { range: [node.range[0], node.range[1]] as [number, number], text: next };
}

function suggestStringReplacement(node: TSESTree.Literal | TSESTree.TemplateLiteral, match: RegExpExecArray, from: string, to: string): ReportSuggestion[] {
  if (node.type !== T.Literal) return [];
  const raw = typeof node.raw === 'string' ? node.raw : '';
  const at = raw.indexOf(match[0]);
  if (at < 0) return [];
  const inner = match[0].lastIndexOf(from);
  const start = node.range[0] + at + inner;
  return [{ messageId: 'suggestValue', data: { value: to }, fix: { range: [start, start + from.length], text: to } }];
}

function isInsideLogging(node: TSESTree.Node): boolean {
  const call = node.parent;
  if (call?.type !== T.CallExpression) return false;
  const callee = call.callee;
  const object = callee.type === T.MemberExpression && callee.object.type === T.Identifier ? callee.object.name : null;
  return object === 'console' || object === 'logger' || object === 'log';
}

// ------------------------------------------------------------------ SQLite pragmas

function isPragmaArgument(node: TSESTree.Node): boolean {
  const call = node.parent;
  return call?.type === T.CallExpression && call.arguments[0] === node && call.callee.type === T.MemberExpression && propertyName(call.callee) === 'pragma';
}

function checkPragmaCall(call: TSESTree.CallExpression, context: Ctx, pragmas: PragmaSetting[]): void {
  if (call.callee.type !== T.MemberExpression || propertyName(call.callee) !== 'pragma') return;
  const arg = call.arguments[0];
  const text = arg ? stringOf(arg) : null;
  if (!arg || text === null) return;
  const match = PRAGMA_SETTING.exec(text);
  if (!match) return;
  if (isInMemoryDatabaseCall(arg, context.file.binder)) return;
  pragmas.push({ node: arg, name: match[1].toLowerCase() as PragmaSetting['name'], value: match[2].toUpperCase(), scope: enclosingScope(call) });
}

const UNSAFE_SYNCHRONOUS = new Set(['OFF', '0']);
const UNSAFE_JOURNAL = new Set(['OFF', 'MEMORY']);

function reportPragmas(pragmas: PragmaSetting[], context: Ctx): void {
  // A command-line import or build script fills a database it can rebuild from its inputs.
  if (pragmas.length === 0 || isCommandLineScript(context.file.ast, context.file.source)) return;
  for (const [i, setting] of pragmas.entries()) {
    const unsafe = setting.name === 'synchronous' ? UNSAFE_SYNCHRONOUS.has(setting.value) : UNSAFE_JOURNAL.has(setting.value);
    if (!unsafe) continue;
    // A bulk load that turns syncing off and back on in the same function is a deliberate, bounded trade.
    const restored = pragmas.some(
      (other, j) =>
        j !== i &&
        other.name === setting.name &&
        other.scope === setting.scope &&
        other.node.range[0] > setting.node.range[0] &&
        !(other.name === 'synchronous' ? UNSAFE_SYNCHRONOUS : UNSAFE_JOURNAL).has(other.value),
    );
    if (restored) continue;
    const suggest = pragmaSuggestion(setting, context.file.source);
    if (setting.name === 'synchronous') context.report({ node: setting.node, messageId: 'sqliteSynchronousOff', suggest });
    else context.report({ node: setting.node, messageId: 'sqliteJournalOff', data: { mode: setting.value }, suggest });
  }
}

function pragmaSuggestion(setting: PragmaSetting, source: string): ReportSuggestion[] {
  const node = setting.node;
  if (node.type !== T.Literal) return [];
  const raw = source.slice(node.range[0], node.range[1]);
  const pattern = new RegExp(`(${setting.name}\\s*=\\s*['"]?)${setting.value}`, 'i');
  const match = pattern.exec(raw);
  if (!match) return [];
  const value = setting.name === 'synchronous' ? 'FULL' : 'WAL';
  const start = node.range[0] + match.index + match[1].length;
  return [{ messageId: 'suggestValue', data: { value }, fix: { range: [start, start + setting.value.length], text: value } }];
}

/** `main().catch(…)`, `process.argv`, `require.main === module`: a program run by hand or by a pipeline. */
function isCommandLineScript(program: TSESTree.Program, source: string): boolean {
  if (/\bprocess\.argv\b|\brequire\.main\s*===?\s*module\b|\bimport\.meta\.main\b/.test(source)) return true;
  for (const statement of program.body) {
    if (statement.type !== T.ExpressionStatement) continue;
    let call: TSESTree.Node = statement.expression;
    if (call.type === T.AwaitExpression) call = call.argument;
    while (call.type === T.CallExpression && call.callee.type === T.MemberExpression && ['catch', 'then', 'finally'].includes(propertyName(call.callee) ?? '')) call = call.callee.object;
    if (call.type === T.CallExpression && call.callee.type === T.Identifier && /^(main|run|cli|start)$/.test(call.callee.name)) return true;
  }
  return false;
}

/** `new Database(':memory:')`, throwaway and read-only databases: nothing to lose. */
function isInMemoryDatabaseCall(node: TSESTree.Node, binder: Binder): boolean {
  let call: TSESTree.Node | undefined = node.parent;
  while (call && call.type !== T.CallExpression) call = call.parent;
  if (!call || call.type !== T.CallExpression || call.callee.type !== T.MemberExpression) return false;
  let receiver: TSESTree.Node = unwrap(call.callee.object);
  if (receiver.type === T.Identifier) receiver = constInitializer(receiver, binder) ?? receiver;
  receiver = unwrap(receiver);
  if (receiver.type === T.AwaitExpression) receiver = unwrap(receiver.argument);
  if (receiver.type !== T.NewExpression && receiver.type !== T.CallExpression) return false;
  const first = receiver.arguments[0];
  const name = first ? stringOf(first) : null;
  if (name === ':memory:' || name === '') return true;
  // A database opened read-only is never written, so how writes are synced does not matter.
  const second = receiver.arguments[1];
  const readonly = second ? objectProps(second, binder)?.entries.get('readonly')?.prop.value : undefined;
  if (readonly && literalValue(readonly, binder) === true) return true;
  if (second && second.type === T.MemberExpression && propertyName(second) === 'OPEN_READONLY') return true;
  if (first && first.type === T.ObjectExpression) {
    const filename = objectProps(first, binder)?.entries.get('filename')?.prop.value;
    return !!filename && stringOf(filename) === ':memory:';
  }
  return false;
}

function enclosingScope(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && current.type !== T.FunctionDeclaration && current.type !== T.FunctionExpression && current.type !== T.ArrowFunctionExpression && current.type !== T.Program) {
    current = current.parent;
  }
  return current ?? node;
}

// ------------------------------------------------------------------ Redis

function checkRedisConfig(call: TSESTree.CallExpression, context: Ctx): void {
  if (call.callee.type !== T.MemberExpression) return;
  const method = propertyName(call.callee);
  if (!method) return;
  const binder = context.file.binder;
  const args = call.arguments;
  const text = (i: number) => (args[i] ? literalValue(args[i], binder) : undefined);
  let pairs: Array<[string, string, TSESTree.Node | null]> = [];
  if (method === 'configSet' || method === 'CONFIG_SET') {
    const first = args[0] ? objectProps(args[0], binder) : null;
    if (first) {
      for (const [key, entry] of first.entries) {
        const value = literalValue(entry.prop.value, binder);
        if (typeof value === 'string') pairs.push([key, value, entry.prop.value]);
      }
    } else if (typeof text(0) === 'string' && typeof text(1) === 'string') pairs.push([text(0) as string, text(1) as string, args[1]]);
  } else if (method === 'config' && typeof text(0) === 'string' && (text(0) as string).toUpperCase() === 'SET') {
    if (typeof text(1) === 'string' && typeof text(2) === 'string') pairs.push([text(1) as string, text(2) as string, args[2]]);
  } else if (method === 'sendCommand' || method === 'send_command' || method === 'call' || method === 'callBuffer') {
    const words = commandWords(call, binder);
    if (words && words.length >= 4 && words[0].value.toUpperCase() === 'CONFIG' && words[1].value.toUpperCase() === 'SET') {
      pairs = [[words[2].value, words[3].value, words[3].node]];
    }
  }
  for (const [key, value, valueNode] of pairs) {
    const param = key.toLowerCase();
    if (param === 'appendonly' && value.toLowerCase() === 'no') {
      const suggest = valueNode && valueNode.type === T.Literal ? [{ messageId: 'suggestValue', data: { value: `'yes'` }, fix: replaceNode(valueNode, `'yes'`) }] : [];
      context.report({ node: call, messageId: 'redisAppendOnlyOff', suggest });
    } else if (param === 'save' && value.trim() === '') {
      context.report({ node: call, messageId: 'redisSnapshotsOff' });
    }
  }
}

function commandWords(call: TSESTree.CallExpression, binder: Binder): Array<{ value: string; node: TSESTree.Node }> | null {
  const args = call.arguments.length === 1 && call.arguments[0].type === T.ArrayExpression ? call.arguments[0].elements : call.arguments;
  const words: Array<{ value: string; node: TSESTree.Node }> = [];
  for (const arg of args) {
    if (!arg || arg.type === T.SpreadElement) return null;
    const value = literalValue(arg, binder);
    if (typeof value !== 'string') return words.length >= 4 ? words : null;
    words.push({ value, node: arg });
  }
  return words;
}
