/**
 * Batch writes that succeed partially without throwing. DynamoDB returns the items it
 * did not write in `UnprocessedItems`, S3 `DeleteObjects` lists failures in `Errors`,
 * PouchDB `bulkDocs` and RxDB bulk writes resolve with per-document errors, an unordered
 * MongoDB `insertMany` hides which documents failed in `writeErrors`, and
 * `Promise.allSettled` never rejects at all. Awaiting any of them proves nothing; only
 * reading the per-item outcome does.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import { propertyName, type Binder } from '../server/src/engine/bind';
import { splitWords } from '../server/src/engine/classify';
import { isFunction } from '../server/src/engine/flow';
import type { ReportSuggestion, RuleContext, RuleModule } from '../server/src/engine/rule-api';
import { freshName, indentationAt, lineEnding } from '../server/src/engine/source-edits';
import { constInitializer, isGeneratedOutput, literalValue, objectProps, unwrap } from './config-literals';
import { enclosingStatement } from './support';

interface Options {
  reportDeletions: boolean;
}
type Ctx = RuleContext<Options>;

type BatchKind = 'dynamo' | 's3' | 'pouch' | 'rxdb';

const RESULT_KEY: Record<BatchKind, string[]> = {
  dynamo: ['UnprocessedItems'],
  s3: ['Errors'],
  pouch: [],
  rxdb: ['error'],
};
const MESSAGE: Record<BatchKind, string> = { dynamo: 'dynamoUnprocessed', s3: 's3DeleteErrors', pouch: 'pouchItemErrors', rxdb: 'rxdbItemErrors' };

const DYNAMO_COMMANDS = new Set(['BatchWriteItemCommand', 'BatchWriteCommand']);
const S3_COMMANDS = new Set(['DeleteObjectsCommand']);
const AWS_ROOTS = new Set(['aws-dynamodb', 'aws-lib-dynamodb', 'aws-s3']);
const ARRAY_INSPECTION = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'forEach', 'map', 'flatMap', 'reduce', 'entries']);
const LOGGERS = /^(console|logger|log|debug)$/;
/** Verbs that name a write even without a known API; `update`/`set`/`create` too often touch only memory. */
const WRITE_VERBS = new Set(['save', 'write', 'upload', 'sync', 'persist', 'store', 'backup', 'flush', 'insert', 'upsert', 'put', 'post', 'patch', 'replicate', 'commit']);
/** Verbs that name a delete: write evidence only with `reportDeletions` (a failed delete loses nothing). */
const DELETE_VERBS = new Set(['delete', 'remove', 'unlink']);
const PREDICATE_WORDS = new Set(['is', 'has', 'can', 'should', 'check', 'detect', 'test', 'probe', 'supports', 'verify']);
/** Functions named for reading: what they may cache on the way is not the batch's point. */
const READ_WORDS = new Set(['get', 'read', 'load', 'fetch', 'find', 'list', 'query', 'lookup', 'resolve']);
/** Second words that make a write verb about the page or the process, not storage (`removeAttribute`, `putListener`). */
const NOT_STORAGE_OBJECTS = new Set(['attribute', 'attributes', 'child', 'children', 'listener', 'listeners', 'class', 'element', 'node', 'style', 'property', 'event', 'events', 'handler', 'handlers', 'timer', 'timeout', 'interval', 'observer', 'subscription', 'subscriptions']);
const MONGO_ERROR_KEYS = /\b(writeErrors|writeResult|result|insertedIds|insertedCount|insertedDocs|getWriteErrors|mongoose|validationErrors)\b/;

export const noUncheckedBatchResult: RuleModule<Options> = {
  id: 'no-unchecked-batch-result',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require reading the per-item failures of batch writes and deletes that can succeed only in part without throwing.',
      recommended: true,
    },
    messages: {
      dynamoUnprocessed:
        '`{{api}}` may write only some of the items and return the rest in `UnprocessedItems` without throwing; nothing reads it, so those items are silently never written.',
      s3DeleteErrors:
        '`{{api}}` resolves even when some objects were not deleted and lists them in `Errors`; nothing reads it, so the code goes on believing they are gone.',
      pouchItemErrors:
        '`bulkDocs` resolves even when some documents were rejected (a conflict, a validation failure) and marks them with `error` in its results; nothing looks at them, so those writes are silently lost.',
      rxdbItemErrors:
        '`{{api}}` resolves even when some documents were not written and lists them in `error`; nothing reads it, so those writes are silently lost.',
      mongoUnordered:
        'An unordered `{{api}}` goes on after a failed document and names the failures only in the error\'s `writeErrors`; this handler never reads them, so the failed documents are silently lost.',
      allSettledUnchecked:
        '`Promise.allSettled` never rejects, and nothing here looks for results with `status: \'rejected\'`, so the writes that failed are silently dropped.',
      suggestCheck: 'Throw when {{what}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportDeletions: {
            type: 'boolean',
            default: false,
            description: 'Also report batches of deletions (RxDB bulkRemove, allSettled over deletes) whose failures are never read.',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultSeverity: 'warn',
    appliesTo: 'application',
  },
  defaultOptions: { reportDeletions: false },
  create(context) {
    if (isGeneratedOutput(context.file.filePath)) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const batch = batchKind(node, context.file.binder);
        if (batch) {
          // A delete that partly fails leaves the data where it was: reported only on request.
          // S3 DeleteObjects stays reported: its per-key failures are invisible unless `Errors` is read.
          if (!context.options.reportDeletions && batch.api === 'bulkRemove') return;
          checkBatch(node, batch.kind, batch.api, context);
          return;
        }
        if (isAllSettled(node, context.file.binder)) {
          checkAllSettled(node, context);
          return;
        }
        checkUnorderedInsert(node, context);
      },
    };
  },
};

// ------------------------------------------------------------------ which calls

function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = call.callee;
  if (callee.type === T.Identifier) return callee.name;
  if (callee.type === T.MemberExpression) return propertyName(callee);
  return null;
}

/** AWS classes we know, or names we cannot resolve (a local re-export); never another package's class of the same name. */
function isAwsClass(node: TSESTree.Node, binder: Binder): boolean {
  const path = binder.resolve(node);
  if (!path) return true;
  const root = path[0];
  if (AWS_ROOTS.has(root)) return true;
  if (root.startsWith('import:')) return root.startsWith('import:.') || root.startsWith('import:@aws-sdk/') || root.startsWith('import:aws-sdk');
  return true;
}

function batchKind(call: TSESTree.CallExpression, binder: Binder): { kind: BatchKind; api: string } | null {
  const callee = call.callee;
  if (callee.type !== T.MemberExpression) return null;
  const method = propertyName(callee);
  if (!method) return null;
  if (method === 'send' && call.arguments.length >= 1) {
    let command: TSESTree.Node = unwrap(call.arguments[0]);
    if (command.type === T.Identifier) command = constInitializer(command, binder) ?? command;
    command = unwrap(command);
    if (command.type !== T.NewExpression) return null;
    // `import { BatchWriteCommand as DocBatchWrite }`: the class imported, not the local alias.
    const name = binder.resolve(command.callee)?.at(-1)?.replace(/\.new\(\)$|new\(\)$/, '') || calleeName(command);
    if (!name || !isAwsClass(command.callee, binder)) return null;
    if (DYNAMO_COMMANDS.has(name)) return { kind: 'dynamo', api: name };
    if (S3_COMMANDS.has(name)) return { kind: 's3', api: name };
    return null;
  }
  if (method === 'batchWriteItem' || method === 'batchWrite') return isAwsClass(callee.object, binder) ? { kind: 'dynamo', api: method } : null;
  if (method === 'deleteObjects') return isAwsClass(callee.object, binder) ? { kind: 's3', api: method } : null;
  if (method === 'bulkDocs') return { kind: 'pouch', api: method };
  if (method === 'bulkInsert' || method === 'bulkUpsert' || method === 'bulkRemove') {
    const path = binder.resolve(callee.object);
    return path && path[0] === 'rxdb' ? { kind: 'rxdb', api: method } : null;
  }
  return null;
}

// ------------------------------------------------------------------ where a result goes

type Use =
  | { kind: 'discarded'; statement: TSESTree.ExpressionStatement | null; awaited: TSESTree.Node }
  | { kind: 'variable'; id: TSESTree.Identifier; declaration: TSESTree.Node }
  | { kind: 'pattern'; pattern: TSESTree.ObjectPattern }
  | { kind: 'member'; name: string | null }
  | { kind: 'escapes' }
  | { kind: 'unknown' };

/** Follows a promise through `await`, `.promise()` (AWS SDK v2), `Promise.all([…])` and `.map(…)` callbacks to where its value lands. */
function useOf(node: TSESTree.Node, depth = 0): Use {
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return { kind: 'unknown' };
    switch (parent.type) {
      case T.AwaitExpression:
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.ChainExpression:
        current = parent;
        continue;
      case T.MemberExpression: {
        if (parent.object !== current) return { kind: 'unknown' };
        const name = propertyName(parent);
        const outer = parent.parent;
        if (name === 'promise' && outer?.type === T.CallExpression && outer.callee === parent) {
          current = outer;
          continue;
        }
        if (name === 'then' && outer?.type === T.CallExpression && outer.callee === parent) {
          const handler = outer.arguments[0];
          if (handler && isFunction(handler)) {
            const param = handler.params[0];
            if (param?.type === T.Identifier) return { kind: 'variable', id: param, declaration: handler };
            if (param?.type === T.ObjectPattern) return { kind: 'pattern', pattern: param };
            return { kind: 'discarded', statement: null, awaited: outer };
          }
          return { kind: 'escapes' };
        }
        return { kind: 'member', name };
      }
      case T.ExpressionStatement:
        return { kind: 'discarded', statement: parent, awaited: current };
      case T.VariableDeclarator:
        if (parent.id.type === T.Identifier) return { kind: 'variable', id: parent.id, declaration: parent.parent ?? parent };
        if (parent.id.type === T.ObjectPattern) return { kind: 'pattern', pattern: parent.id };
        return { kind: 'unknown' };
      case T.AssignmentExpression:
        if (parent.right === current && parent.left.type === T.Identifier) return { kind: 'variable', id: parent.left, declaration: parent };
        if (parent.right === current && parent.left.type === T.ObjectPattern) return { kind: 'pattern', pattern: parent.left };
        return { kind: 'escapes' };
      case T.ArrayExpression: {
        // `await Promise.all([a, b])`: the results come back as an array.
        const outer = parent.parent;
        if (outer?.type === T.CallExpression && isPromiseCombinator(outer) && depth < 3) return elementUse(useOf(outer, depth + 1));
        return { kind: 'escapes' };
      }
      case T.ArrowFunctionExpression:
      case T.ReturnStatement: {
        // `items.map((c) => client.send(…))` inside `Promise.all(…)`.
        const fn = parent.type === T.ArrowFunctionExpression ? parent : enclosingFunction(parent);
        const mapCall = fn?.parent;
        if (fn && mapCall?.type === T.CallExpression && mapCall.arguments.includes(fn as TSESTree.CallExpressionArgument) && mapCall.callee.type === T.MemberExpression && propertyName(mapCall.callee) === 'map') {
          const all = mapCall.parent;
          if (all?.type === T.CallExpression && isPromiseCombinator(all) && depth < 3) return elementUse(useOf(all, depth + 1));
        }
        return { kind: 'escapes' };
      }
      case T.CallExpression:
      case T.NewExpression: {
        if (parent.callee === current) return { kind: 'unknown' };
        const callee = parent.callee;
        const object = callee.type === T.MemberExpression && callee.object.type === T.Identifier ? callee.object.name : null;
        if (object && LOGGERS.test(object)) return { kind: 'discarded', statement: null, awaited: current };
        return { kind: 'escapes' };
      }
      case T.YieldExpression:
      case T.Property:
      case T.SpreadElement:
        return { kind: 'escapes' };
      default:
        return { kind: 'unknown' };
    }
  }
}

/** The results of `Promise.all` are judged as a whole: discarded is discarded, anything else is looked at loosely. */
function elementUse(use: Use): Use {
  if (use.kind === 'discarded') return { kind: 'discarded', statement: null, awaited: use.awaited };
  return use;
}

function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'Promise' && ['all', 'allSettled'].includes(propertyName(callee) ?? '');
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current ?? null;
}

/** Whether a result variable is read for the per-item outcome (or handed on to code that may read it). */
function variableInspected(id: TSESTree.Identifier, binder: Binder, keys: string[], arrayResult: boolean, source: string): boolean {
  const variable = binder.variableOf(id);
  if (!variable) return true;
  for (const ref of variable.references) {
    if (ref.identifier === id || !ref.isRead()) continue;
    const use = ref.identifier.parent as TSESTree.Node | undefined;
    if (!use) continue;
    if (use.type === T.MemberExpression && use.object === ref.identifier) {
      const name = propertyName(use);
      if (name && keys.includes(name)) return true;
      if (arrayResult && name && ARRAY_INSPECTION.has(name)) return true;
      if (!arrayResult && keys.length > 0 && name && /^\d+$/.test(name)) return true;
      continue;
    }
    if (use.type === T.VariableDeclarator && use.id.type === T.ObjectPattern) {
      if (use.id.properties.some((p) => p.type === T.Property && !p.computed && p.key.type === T.Identifier && keys.includes(p.key.name))) return true;
      continue;
    }
    if (use.type === T.ForOfStatement && use.right === ref.identifier) return true;
    if (use.type === T.ReturnStatement || use.type === T.ArrowFunctionExpression || use.type === T.Property || use.type === T.ArrayExpression || use.type === T.SpreadElement || use.type === T.YieldExpression) return true;
    if (use.type === T.AssignmentExpression && use.right === ref.identifier) return true;
    if ((use.type === T.CallExpression || use.type === T.NewExpression) && use.callee !== ref.identifier) {
      const callee = use.callee;
      const object = callee.type === T.MemberExpression && callee.object.type === T.Identifier ? callee.object.name : null;
      if (object && LOGGERS.test(object)) continue;
      if (callee.type === T.MemberExpression && propertyName(callee) === 'stringify') continue;
      return true;
    }
  }
  void source;
  return false;
}

// ------------------------------------------------------------------ batch calls

function checkBatch(call: TSESTree.CallExpression, kind: BatchKind, api: string, context: Ctx): void {
  const { binder, source } = context.file;
  const keys = RESULT_KEY[kind];
  // AWS SDK v2 style callback: `batchWrite(params, (err, data) => …)`.
  const last = call.arguments[call.arguments.length - 1];
  if (last && isFunction(last)) {
    const data = last.params[1];
    if (!data) return report();
    if (data.type === T.Identifier && !variableInspected(data, binder, keys, kind === 'pouch', source)) return report();
    if (data.type === T.ObjectPattern && !patternReads(data, keys)) return report();
    return;
  }
  const use = useOf(call);
  switch (use.kind) {
    case 'discarded':
      return report(use.statement);
    case 'variable':
      if (!variableInspected(use.id, binder, keys, kind === 'pouch', source)) report();
      return;
    case 'pattern':
      if (kind === 'pouch' || !patternReads(use.pattern, keys)) report();
      return;
    case 'member':
      if (use.name && !keys.includes(use.name) && !(kind === 'pouch' && ARRAY_INSPECTION.has(use.name))) report();
      return;
    default:
      return;
  }

  function report(statement?: TSESTree.ExpressionStatement | null): void {
    const suggest = statement ? bindAndCheckSuggestion(context, statement, kind) : [];
    context.report({ node: call, messageId: MESSAGE[kind], data: { api }, suggest });
  }
}

function patternReads(pattern: TSESTree.ObjectPattern, keys: string[]): boolean {
  return pattern.properties.some((p) => p.type === T.RestElement || (p.type === T.Property && !p.computed && p.key.type === T.Identifier && keys.includes(p.key.name)));
}

const CHECKS: Record<BatchKind | 'allSettled', { what: string; lines: (v: string, ts: boolean) => string[] } | null> = {
  dynamo: {
    what: 'items are left unprocessed',
    lines: (v) => [`if (${v}.UnprocessedItems && Object.keys(${v}.UnprocessedItems).length > 0) throw new Error('Batch write left unprocessed items');`],
  },
  s3: {
    what: 'some objects were not deleted',
    lines: (v) => [`if (${v}.Errors && ${v}.Errors.length > 0) throw new Error(\`\${${v}.Errors.length} objects were not deleted\`);`],
  },
  pouch: {
    what: 'a document was rejected',
    lines: (v) => [`const rejected = ${v}.filter((r) => 'error' in r && r.error);`, `if (rejected.length > 0) throw new Error(\`\${rejected.length} documents were not saved\`);`],
  },
  rxdb: {
    what: 'a document was not written',
    lines: (v) => [`if (${v}.error.length > 0) throw new Error(\`\${${v}.error.length} documents were not written\`);`],
  },
  allSettled: {
    what: 'any of them failed',
    lines: (v, ts) => [
      ts ? `const failures = ${v}.filter((r): r is PromiseRejectedResult => r.status === 'rejected');` : `const failures = ${v}.filter((r) => r.status === 'rejected');`,
      `if (failures.length > 0) throw new AggregateError(failures.map((f) => f.reason), 'Some writes failed');`,
    ],
  },
};

/** `await send(...)` as a statement → keep the result and throw on partial failure. */
function bindAndCheckSuggestion(context: Ctx, statement: TSESTree.ExpressionStatement, kind: BatchKind | 'allSettled'): ReportSuggestion[] {
  const check = CHECKS[kind];
  if (!check || statement.expression.type !== T.AwaitExpression) return [];
  const { source, filePath } = context.file;
  const fn = enclosingFunction(statement);
  const scopeText = fn ? source.slice(fn.range[0], fn.range[1]) : source;
  const name = freshName(scopeText, kind === 'allSettled' ? 'results' : 'result');
  const lines = check.lines(name, /\.[cm]?tsx?$/.test(filePath));
  if (lines.some((l) => /\b(rejected|failures)\b/.test(l)) && /\b(rejected|failures)\b/.test(scopeText)) return [];
  const eol = lineEnding(source);
  const indent = indentationAt(source, statement.range[0]);
  const expression = source.slice(statement.expression.range[0], statement.expression.range[1]);
  const text = `const ${name} = ${expression};` + lines.map((l) => `${eol}${indent}${l}`).join('');
  return [{ messageId: 'suggestCheck', data: { what: check.what }, fix: { range: [statement.range[0], statement.range[1]], text } }];
}

// ------------------------------------------------------------------ unordered MongoDB inserts

function checkUnorderedInsert(call: TSESTree.CallExpression, context: Ctx): void {
  const name = calleeName(call);
  if (name !== 'insertMany' && name !== 'bulkWrite') return;
  const binder = context.file.binder;
  const options = objectProps(call.arguments[1], binder);
  const ordered = options?.entries.get('ordered')?.prop;
  if (!ordered || literalValue(ordered.value, binder) !== false) return;
  const throwOnValidation = options?.entries.get('throwOnValidationError')?.prop;
  if (throwOnValidation && literalValue(throwOnValidation.value, binder) === true) return;
  const handler = failureHandler(call);
  if (!handler) return;
  const text = context.file.source.slice(handler.range[0], handler.range[1]);
  if (MONGO_ERROR_KEYS.test(text) || rethrowsUnconditionally(handler)) return;
  context.report({ node: call, messageId: 'mongoUnordered', data: { api: name } });
}

/** The catch clause or `.catch(…)` callback that receives this call's failure, if any. */
function failureHandler(call: TSESTree.CallExpression): TSESTree.Node | null {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent || isFunction(parent)) return null;
    if (parent.type === T.TryStatement && parent.block === current) return parent.handler ?? null;
    if (parent.type === T.MemberExpression && parent.object === current && propertyName(parent) === 'catch' && parent.parent?.type === T.CallExpression) {
      return parent.parent.arguments[0] ?? null;
    }
    current = parent;
  }
}

function rethrowsUnconditionally(handler: TSESTree.Node): boolean {
  const body = handler.type === T.CatchClause ? handler.body : isFunction(handler) ? handler.body : null;
  if (!body) return false;
  if (body.type !== T.BlockStatement) return false;
  return body.body.some((s) => s.type === T.ThrowStatement);
}

// ------------------------------------------------------------------ Promise.allSettled

function isAllSettled(call: TSESTree.CallExpression, binder: Binder): boolean {
  const callee = call.callee;
  return callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'Promise' && binder.isGlobalReference(callee.object) && propertyName(callee) === 'allSettled';
}

function checkAllSettled(call: TSESTree.CallExpression, context: Ctx): void {
  const arg = call.arguments[0];
  if (!arg || !involvesWrites(arg, context)) return;
  const use = useOf(call);
  const { binder, source } = context.file;
  let inspected: boolean;
  switch (use.kind) {
    case 'discarded':
      inspected = false;
      break;
    case 'variable':
      inspected = settledInspected(use.id, binder, source);
      break;
    case 'member':
      inspected = use.name !== null && ['filter', 'some', 'every', 'find', 'forEach', 'map', 'reduce'].includes(use.name) && mentionsRejection(source.slice(call.range[1], enclosingEnd(call)));
      break;
    default:
      return;
  }
  if (inspected) return;
  const suggest = use.kind === 'discarded' && use.statement ? bindAndCheckSuggestion(context, use.statement, 'allSettled') : [];
  context.report({ node: call, messageId: 'allSettledUnchecked', suggest });
}

function enclosingEnd(node: TSESTree.Node): number {
  const fn = enclosingFunction(node);
  return fn ? fn.range[1] : node.range[1];
}

/** `'rejected'`, `.reason`, `!== 'fulfilled'`: code that singles out the failures. */
function mentionsRejection(text: string): boolean {
  return /['"`]rejected['"`]|\.reason\b|!==?\s*['"`]fulfilled['"`]|['"`]fulfilled['"`]\s*!==?/.test(text) || /\bisRejected\b|\bfailed\b\s*=|\bfailures\b\s*=/.test(text);
}

function settledInspected(id: TSESTree.Identifier, binder: Binder, source: string): boolean {
  const variable = binder.variableOf(id);
  if (!variable) return true;
  const reads = variable.references.filter((r) => r.identifier !== id && r.isRead());
  for (const ref of reads) {
    const use = ref.identifier.parent as TSESTree.Node | undefined;
    if (!use) continue;
    if (use.type === T.ReturnStatement || use.type === T.ArrowFunctionExpression || use.type === T.Property || use.type === T.YieldExpression) return true;
    if ((use.type === T.CallExpression || use.type === T.NewExpression) && use.callee !== ref.identifier) {
      const callee = use.callee;
      const object = callee.type === T.MemberExpression && callee.object.type === T.Identifier ? callee.object.name : null;
      if (!(object && LOGGERS.test(object))) return true;
    }
  }
  // Element-wise inspection happens in callbacks and loops: read the statements that use the results.
  return reads.some((ref) => {
    const statement = enclosingStatement(ref.identifier as TSESTree.Node) ?? ref.identifier;
    return mentionsRejection(source.slice(statement.range[0], statement.range[1]));
  });
}

/** Whether the promises handed to `allSettled` include writes (by the vocabulary, a summary, or a write verb). */
function involvesWrites(arg: TSESTree.Node, context: Ctx): boolean {
  const roots: TSESTree.Node[] = [arg];
  const value = unwrap(arg);
  if (value.type === T.Identifier) {
    const variable = context.file.binder.variableOf(value);
    const def = variable?.defs[0];
    if (def?.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      if (init) roots.push(init);
    }
    for (const ref of variable?.references ?? []) {
      const member = ref.identifier.parent;
      const push = member?.parent;
      if (member?.type === T.MemberExpression && propertyName(member) === 'push' && push?.type === T.CallExpression) roots.push(...push.arguments);
    }
  }
  const calls = context.file.facts.calls;
  const deletions = context.options.reportDeletions;
  let found = false;
  // Names count only where the promises are made; inside helpers only what the vocabulary or a
  // summary knows counts (`element.removeAttribute` in a helper is no storage write).
  const visit = (node: TSESTree.Node, depth: number, inHelper: boolean) => {
    if (found || depth > 40) return;
    if (node.type === T.CallExpression || node.type === T.NewExpression) {
      const name = calleeName(node);
      // Feature probes (`isOPFSSupported()`) may write a test value; they save nothing. Reads may cache.
      const first = name ? splitWords(name)[0] ?? '' : '';
      const effects = calls.get(node) ?? [];
      if (PREDICATE_WORDS.has(first) || (READ_WORDS.has(first) && effects.every((e) => e.source === 'summary'))) return;
      if (effects.some((e) => e.class === 'remoteWrite' || e.class === 'localWrite' || (deletions && e.class === 'destroy'))) {
        found = true;
        return;
      }
      if (!inHelper && name && namesAWrite(name, deletions)) {
        found = true;
        return;
      }
      if (node.type === T.CallExpression) {
        const local = context.file.binder.localFunction(node.callee);
        if (local && local.body) visit(local.body, depth + 10, true);
      }
    }
    // `items.map(upload)`: a write handed over by name.
    if (!inHelper && node.type === T.Identifier && node.parent?.type === T.CallExpression && node.parent.arguments.includes(node) && namesAWrite(node.name, deletions)) {
      found = true;
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && 'type' in c) visit(c as TSESTree.Node, depth + 1, inHelper);
      } else if (child && typeof child === 'object' && 'type' in child) visit(child as TSESTree.Node, depth + 1, inHelper);
    }
  };
  for (const root of roots) visit(root, 0, false);
  return found;
}

function namesAWrite(name: string, deletions: boolean): boolean {
  const words = splitWords(name);
  return (WRITE_VERBS.has(words[0] ?? '') || (deletions && DELETE_VERBS.has(words[0] ?? ''))) && !NOT_STORAGE_OBJECTS.has(words[1] ?? '');
}
