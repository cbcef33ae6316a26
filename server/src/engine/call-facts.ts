/**
 * Facts judged from a classified call's surroundings rather than from paths: what
 * happens to its promise (awaited, returned, collected, dropped), whether its failure
 * handler drops the error, whether its HTTP response is ever looked at.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from './ast';
import type { Binder } from './bind';
import { propertyName } from './bind';
import type { CallEffect } from './effects';
import type { FloatingKind, FloatingWriteFact, SwallowedErrorFact, SwallowKind, UncheckedResponseFact } from './facts';
import { childNodes, isFunction, innermostFunction, throughValueWrappers } from './flow';
import { splitWords } from './classify';

type CallNode = TSESTree.CallExpression;

// ------------------------------------------------------------------ floating writes

const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** Telemetry, logout and heartbeat requests carry no user data: firing and forgetting them is fine. */
function carriesUserData(effect: CallEffect): boolean {
  return !effect.notBackup && !effect.disposable;
}

/**
 * First words of project functions whose job is to read, load, initialise or observe.
 * Such a function may write as a side effect (`loadSettings` seeding defaults,
 * `trackPageView` posting analytics); dropping its promise is not dropping a save.
 */
const NON_PERSISTING_VERBS = new Set([
  'get', 'load', 'read', 'fetch', 'init', 'initialize', 'initialise', 'setup', 'track', 'log', 'paste', 'check', 'validate',
  'is', 'has', 'find', 'query', 'list', 'count', 'render', 'show', 'open', 'refresh', 'poll', 'watch', 'subscribe', 'listen',
  'prefetch', 'preload', 'warm', 'ensure', 'detect', 'measure', 'report',
]);

export function floatingWrite(call: CallNode, effect: CallEffect, binder: Binder): FloatingWriteFact | null {
  if (effect.completion !== 'promise' || !carriesUserData(effect)) return null;
  if (effect.source === 'summary' && NON_PERSISTING_VERBS.has(splitWords(effect.api)[0] ?? '')) return null;
  // A deletion nobody waits for loses nothing when it fails: the data stays where it was
  // (a no-destroy-before-backup question is about its order, not its promise).
  if (effect.class !== 'localWrite' && effect.class !== 'remoteWrite') return null;
  if (insideTransactionCallback(call)) return null;
  return promiseDisposition(call, call, effect, binder, false);
}

/** Follows the promise made at `start` (the write, or a chain it feeds) to where it ends up. */
function promiseDisposition(start: TSESTree.Node, call: CallNode, effect: CallEffect, binder: Binder, startsChained: boolean): FloatingWriteFact | null {
  let current: TSESTree.Node = start;
  let chained = startsChained;
  let rejectionHandled = false;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    switch (parent.type) {
      case T.ChainExpression:
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
      case T.ConditionalExpression:
        if (parent.type === T.ConditionalExpression && parent.test === current) return null;
        current = parent;
        continue;
      case T.LogicalExpression:
        current = parent;
        continue;
      case T.AwaitExpression:
      case T.ReturnStatement:
      case T.YieldExpression:
        return resultOfEnclosingCallback(call, effect, parent, binder);
      case T.ArrowFunctionExpression:
        return parent.body === current ? resultOfEnclosingCallback(call, effect, parent, binder) : null;
      case T.MemberExpression: {
        const outer: TSESTree.Node | undefined = parent.parent;
        if (parent.object !== current || outer?.type !== T.CallExpression || outer.callee !== parent) return null;
        const method = propertyName(parent);
        if (method === 'then') {
          if (outer.arguments.length >= 2) rejectionHandled = true;
        } else if (method === 'catch') rejectionHandled = true;
        else if (method !== 'finally') return null; // a builder or an event API: not a bare promise any more
        chained = true;
        current = outer;
        continue;
      }
      case T.ArrayExpression:
        current = parent;
        continue;
      case T.CallExpression: {
        if (parent.callee === current) return null;
        const callee = parent.callee;
        if (
          callee.type === T.MemberExpression &&
          callee.object.type === T.Identifier &&
          callee.object.name === 'Promise' &&
          COMBINATORS.has(propertyName(callee) ?? '')
        ) {
          current = parent;
          continue;
        }
        return null; // handed to someone else, who may well await it
      }
      case T.VariableDeclarator:
        if (parent.init !== current || parent.id.type !== T.Identifier) return null;
        return hasReadReference(parent.id, binder) ? null : fact(call, effect, 'dropped', current, false);
      case T.UnaryExpression:
        return parent.operator === 'void' ? fact(call, effect, 'voided', current, false) : null;
      case T.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] === current) {
          current = parent;
          continue;
        }
        return rejectionHandled ? null : fact(call, effect, chained ? 'chainWithoutCatch' : 'dropped', current, false);
      case T.ExpressionStatement:
        if (rejectionHandled) return null;
        return fact(call, effect, chained ? 'chainWithoutCatch' : 'dropped', current, canInsertAwait(parent));
      default:
        return null;
    }
  }
}

function hasReadReference(id: TSESTree.Identifier, binder: Binder): boolean {
  const variable = binder.variableOf(id);
  if (!variable) return true;
  return variable.references.some((ref) => ref.isRead());
}

function fact(call: CallNode, effect: CallEffect, kind: FloatingKind, dropped: TSESTree.Node, canAwait: boolean): FloatingWriteFact {
  return { call, effect, kind, dropped, canAwait };
}

/**
 * The write is awaited or returned inside a callback; whether anyone waits for the
 * callback decides. `items.forEach(async (i) => { await upload(i) })` waits for nothing.
 */
function resultOfEnclosingCallback(call: CallNode, effect: CallEffect, at: TSESTree.Node, binder: Binder): FloatingWriteFact | null {
  const fn = at.type === T.ArrowFunctionExpression ? at : innermostFunction(at);
  if (!fn || !isFunction(fn)) return null;
  const owner = fn.parent;
  if (owner?.type !== T.CallExpression || !owner.arguments.includes(fn as TSESTree.CallExpressionArgument)) return null;
  const callee = owner.callee;
  if (callee.type !== T.MemberExpression) return null;
  const method = propertyName(callee);
  // `dbPromise.then((db) => db.put(x))`: the write's outcome is the chain's; follow the chain.
  if ((method === 'then' || method === 'catch' || method === 'finally') && owner.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    return promiseDisposition(owner, call, effect, binder, true);
  }
  if (method === 'forEach' && (fn.async || at.type !== T.AwaitExpression)) {
    return fact(call, effect, 'asyncCallbackDropped', fn, false);
  }
  if (method === 'map' || method === 'flatMap') {
    // The promises end up in the array `map` returns; judge that array as we judge one promise.
    const outer = floatingArray(owner);
    return outer ? fact(call, effect, 'dropped', outer, false) : null;
  }
  return null;
}

/** `items.map(upload)` whose array is dropped (not given to Promise.all, not stored). */
function floatingArray(mapCall: TSESTree.CallExpression): TSESTree.Node | null {
  const parent = mapCall.parent;
  if (parent?.type === T.ExpressionStatement) return mapCall;
  return null;
}

function canInsertAwait(statement: TSESTree.ExpressionStatement): boolean {
  const fn = innermostFunction(statement);
  return !!fn && fn.async;
}

function insideTransactionCallback(call: CallNode): boolean {
  // Dexie and IndexedDB transactions wait for the operations started inside them
  // and abort on failure; Realm's write() is synchronous.
  let fn = innermostFunction(call);
  while (fn) {
    const owner = fn.parent;
    if (owner?.type === T.CallExpression && owner.callee.type === T.MemberExpression) {
      const name = propertyName(owner.callee);
      if (name === 'transaction' || name === 'write' || name === 'writeTxn' || name === 'runTransaction') return true;
    }
    fn = innermostFunction(fn);
  }
  return false;
}

// ------------------------------------------------------------------ swallowed errors

type HandlerVerdict = 'swallows' | 'logOnly' | 'handles';

const LOGGER_NAMES = /^(console|logger|log|logging|debug|Sentry|sentry|Bugsnag|bugsnag|Rollbar|rollbar|crashlytics|Crashlytics|winston|pino|signale)$/;
const LOG_FUNCTIONS = /^(log|debug|info|warn|warning|error|trace|captureException|captureMessage|notify|recordError|report|fatal)$/;

/** What a handler body does with the failure. */
export function handlerVerdict(body: TSESTree.Node | null | undefined): HandlerVerdict {
  if (!body) return 'swallows';
  if (body.type !== T.BlockStatement) {
    // Arrow expression body.
    if (isEmptyValue(body)) return 'swallows';
    return isLogCall(body) ? 'logOnly' : 'handles';
  }
  const statements = body.body.filter((s) => s.type !== T.EmptyStatement);
  if (statements.length === 0) return 'swallows';
  if (statements.every((s) => s.type === T.ExpressionStatement && isLogCall(s.expression))) return 'logOnly';
  return 'handles';
}

function isEmptyValue(node: TSESTree.Node): boolean {
  if (node.type === T.Identifier && node.name === 'undefined') return true;
  if (node.type === T.Literal && node.value === null) return true;
  if (node.type === T.UnaryExpression && node.operator === 'void' && node.argument.type === T.Literal) return true;
  return false;
}

function isLogCall(node: TSESTree.Node): boolean {
  if (node.type === T.AwaitExpression) return isLogCall(node.argument);
  if (node.type !== T.CallExpression) return false;
  const callee = node.callee;
  if (callee.type === T.Identifier) return LOG_FUNCTIONS.test(callee.name) || /^(log|logError|logWarning|reportError|warn)$/.test(callee.name);
  if (callee.type === T.MemberExpression) {
    let root: TSESTree.Node = callee.object;
    while (root.type === T.MemberExpression) {
      if (root.property.type === T.Identifier && LOGGER_NAMES.test(root.property.name)) return LOG_FUNCTIONS.test(propertyName(callee) ?? '');
      root = root.object;
    }
    const rootName = root.type === T.Identifier ? root.name : null;
    return !!rootName && LOGGER_NAMES.test(rootName) && LOG_FUNCTIONS.test(propertyName(callee) ?? '');
  }
  return false;
}

function isNoopReference(node: TSESTree.Node): boolean {
  if (node.type === T.Identifier) return /^(noop|ignore|ignoreError|ignoreErrors|swallow|nothing)$/i.test(node.name);
  if (node.type === T.MemberExpression) {
    const name = propertyName(node);
    return name === 'noop' || name === 'identity';
  }
  return false;
}

function isLoggerReference(node: TSESTree.Node): boolean {
  if (node.type !== T.MemberExpression) return false;
  const object = node.object;
  return object.type === T.Identifier && LOGGER_NAMES.test(object.name) && LOG_FUNCTIONS.test(propertyName(node) ?? '');
}

/** Writes whose failure a try/catch around them would see: synchronous ones and awaited ones. */
export function isObservedWrite(call: CallNode, effect: CallEffect): boolean {
  if ((effect.class !== 'localWrite' && effect.class !== 'remoteWrite') || !carriesUserData(effect)) return false;
  if (effect.completion === 'request') return false;
  if (effect.completion === 'sync') return true;
  // An awaited Firestore write rejects when the server refuses it (rules, quota), and the
  // SDK then rolls back its local copy: swallowing that loses the data too.
  return throughValueWrappers(call).parent?.type === T.AwaitExpression;
}

export function swallowedByCatchClause(handler: TSESTree.CatchClause, write: CallNode, effect: CallEffect): SwallowedErrorFact | null {
  const verdict = handlerVerdict(handler.body);
  if (verdict === 'handles') return null;
  return { handler, kind: 'catchClause', logOnly: verdict === 'logOnly', write, effect };
}

/** `.catch(() => {})` / `.then(ok, () => {})` somewhere along the write's promise chain. */
export function swallowedInChain(call: CallNode, effect: CallEffect): SwallowedErrorFact | null {
  if ((effect.class !== 'localWrite' && effect.class !== 'remoteWrite') || !carriesUserData(effect)) return null;
  if (effect.completion !== 'promise' && effect.completion !== 'queued') return null;
  let current: TSESTree.Node = throughValueWrappers(call);
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    // `read().then(() => write())`: the write's outcome becomes the outer chain's, and a
    // `.catch(() => {})` further along drops it.
    const thenCall = thenCallReturning(current);
    if (thenCall) {
      current = throughValueWrappers(thenCall);
      continue;
    }
    if (parent.type !== T.MemberExpression || parent.object !== current) return null;
    const outer: TSESTree.Node | undefined = parent.parent;
    if (outer?.type !== T.CallExpression || outer.callee !== parent) return null;
    const method = propertyName(parent);
    let handler: TSESTree.Node | undefined;
    let kind: SwallowKind = 'promiseCatch';
    if (method === 'catch') handler = outer.arguments[0];
    else if (method === 'then' && outer.arguments.length >= 2) {
      handler = outer.arguments[1];
      kind = 'promiseThenRejection';
    } else if (method !== 'then' && method !== 'finally') return null;
    if (handler) {
      let verdict: HandlerVerdict = 'handles';
      if (isFunction(handler)) verdict = handlerVerdict(handler.body);
      else if (isNoopReference(handler)) verdict = 'swallows';
      else if (isLoggerReference(handler)) verdict = 'logOnly';
      if (verdict !== 'handles') return { handler, kind, logOnly: verdict === 'logOnly', write: call, effect };
      return null;
    }
    current = throughValueWrappers(outer);
  }
}

/** The `.then(cb)` call whose callback returns (or is) `node`, if any. */
function thenCallReturning(node: TSESTree.Node): TSESTree.CallExpression | null {
  const parent = node.parent;
  let fn: TSESTree.Node | null = null;
  if (parent?.type === T.ArrowFunctionExpression && parent.body === node) fn = parent;
  else if (parent?.type === T.ReturnStatement) fn = innermostFunction(parent);
  if (!fn || !isFunction(fn)) return null;
  const owner = fn.parent;
  if (owner?.type !== T.CallExpression || owner.arguments[0] !== fn || owner.callee.type !== T.MemberExpression) return null;
  return propertyName(owner.callee) === 'then' ? owner : null;
}

/** `fs.writeFile(p, data, () => {})` / a callback that never reads its `err`. */
export function swallowedByCallback(call: CallNode, effect: CallEffect, binder: Binder): SwallowedErrorFact | null {
  if (effect.completion !== 'callback' || (effect.class !== 'localWrite' && effect.class !== 'remoteWrite')) return null;
  const cb = call.arguments[call.arguments.length - 1];
  if (!cb) return null;
  if (!isFunction(cb)) {
    return isNoopReference(cb) ? { handler: cb, kind: 'nodeCallback', logOnly: false, write: call, effect } : null;
  }
  const errParam = cb.params[0];
  if (!errParam) return { handler: cb, kind: 'nodeCallback', logOnly: false, write: call, effect };
  if (errParam.type !== T.Identifier) return null;
  const variable = binder.variableOf(errParam);
  if (!variable) return null;
  const reads = variable.references.filter((r) => r.isRead());
  if (reads.length === 0) return { handler: cb, kind: 'nodeCallback', logOnly: false, write: call, effect };
  // `if (err) console.error(err)` and nothing else done with it: log-only.
  const onlyLogged = reads.every((r) => {
    const id = r.identifier as TSESTree.Node;
    const p = id.parent;
    if (p?.type === T.CallExpression && p.arguments.includes(id as TSESTree.CallExpressionArgument) && isLogCall(p)) return true;
    if (p?.type === T.IfStatement && p.test === id) {
      const consequent = p.consequent;
      return handlerVerdict(consequent.type === T.BlockStatement ? consequent : { type: T.BlockStatement, body: [consequent] } as unknown as TSESTree.BlockStatement) === 'logOnly' && !p.alternate;
    }
    return false;
  });
  return onlyLogged ? { handler: cb, kind: 'nodeCallback', logOnly: true, write: call, effect } : null;
}

// ------------------------------------------------------------------ unchecked responses

const STATUS_PROPERTIES = new Set(['ok', 'status', 'statusCode', 'statusText']);

export function uncheckedResponse(call: CallNode, effect: CallEffect, binder: Binder): UncheckedResponseFact | null {
  if (effect.class !== 'remoteWrite' || effect.outcome !== 'needsStatusCheck' || effect.source === 'summary' || !carriesUserData(effect)) return null;
  // XMLHttpRequest/WebSocket report through events, not a response value.
  if (effect.completion !== 'promise') return null;
  let current: TSESTree.Node = call;
  let awaited = false;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    switch (parent.type) {
      case T.ChainExpression:
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
        current = parent;
        continue;
      case T.AwaitExpression:
        awaited = true;
        current = parent;
        continue;
      case T.VariableDeclarator: {
        if (!awaited) return null; // a stored promise: judged where it is awaited, if anywhere
        if (parent.id.type !== T.Identifier) return null; // destructured: `{ ok }` is a check
        const variable = binder.variableOf(parent.id);
        if (!variable) return null;
        if (variable.references.some((r) => r.isRead() && responseUseIsCheck(r.identifier as TSESTree.Node))) return null;
        const declaration = parent.parent as TSESTree.VariableDeclaration;
        const statement = declaration.parent?.type === T.ExportNamedDeclaration ? undefined : declaration;
        return { call, effect, responseVariable: parent.id, declaration: statement };
      }
      case T.ExpressionStatement:
        // Awaited and discarded, or not even awaited: either way nobody reads the status.
        return awaited ? { call, effect, discardedStatement: parent } : { call, effect };
      case T.MemberExpression: {
        if (parent.object !== current) return null;
        const prop = propertyName(parent);
        if (prop && STATUS_PROPERTIES.has(prop)) return null;
        if (!awaited && (prop === 'then') && parent.parent?.type === T.CallExpression) {
          const handler = parent.parent.arguments[0];
          if (handler && isFunction(handler)) {
            const p = handler.params[0];
            if (!p) return { call, effect };
            if (p.type !== T.Identifier) return null;
            const variable = binder.variableOf(p);
            if (!variable) return null;
            if (variable.references.some((r) => r.isRead() && responseUseIsCheck(r.identifier as TSESTree.Node))) return null;
            return { call, effect };
          }
          return null; // `.then(handleResponse)`: the helper checks
        }
        if (awaited && (prop === 'json' || prop === 'text' || prop === 'blob' || prop === 'arrayBuffer')) return { call, effect };
        return null;
      }
      case T.ArrowFunctionExpression:
        if (parent.body !== current || awaited) return null;
        return uncheckedThroughMap(parent, call, effect, binder);
      case T.ReturnStatement: {
        if (awaited) return null;
        const fn = innermostFunction(parent);
        return fn && fn.type === T.ArrowFunctionExpression ? uncheckedThroughMap(fn, call, effect, binder) : null;
      }
      default:
        return null; // returned, passed on, stored: the receiver decides
    }
  }
}

/**
 * `await Promise.all(items.map((i) => fetch(url, { method: 'POST', body: i })))`: the
 * responses end up in the awaited array; unchecked when that array is dropped or never
 * looked at for `.ok`/`.status`.
 */
function uncheckedThroughMap(fn: TSESTree.ArrowFunctionExpression, call: CallNode, effect: CallEffect, binder: Binder): UncheckedResponseFact | null {
  const mapCall = fn.parent;
  if (mapCall?.type !== T.CallExpression || mapCall.arguments[0] !== fn || mapCall.callee.type !== T.MemberExpression || propertyName(mapCall.callee) !== 'map') return null;
  const all = mapCall.parent;
  if (all?.type !== T.CallExpression || all.arguments[0] !== mapCall || all.callee.type !== T.MemberExpression || !COMBINATORS.has(propertyName(all.callee) ?? '')) return null;
  const awaited = all.parent;
  if (awaited?.type !== T.AwaitExpression) return null;
  const holder = awaited.parent;
  if (holder?.type === T.ExpressionStatement) return { call, effect };
  if (holder?.type === T.VariableDeclarator && holder.id.type === T.Identifier) {
    const variable = binder.variableOf(holder.id);
    if (!variable) return null;
    const used = variable.references.some((r) => r.isRead());
    if (!used) return { call, effect };
    // Any status read on the results (`responses.every((r) => r.ok)`) counts as a check.
    const owner = innermostFunction(holder) ?? holder.parent;
    return owner && mentionsStatus(owner, holder.range[1]) ? null : { call, effect };
  }
  return null;
}

function mentionsStatus(scope: TSESTree.Node, after: number): boolean {
  const stack: TSESTree.Node[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range[1] < after) continue;
    if (node.type === T.MemberExpression && node.range[0] >= after) {
      const prop = propertyName(node);
      if (prop && STATUS_PROPERTIES.has(prop)) return true;
    }
    stack.push(...childNodes(node));
  }
  return false;
}

/** A use of the response variable that looks at its status or hands it to someone who may. */
function responseUseIsCheck(id: TSESTree.Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === T.MemberExpression && parent.object === id) {
    const prop = propertyName(parent);
    if (prop && STATUS_PROPERTIES.has(prop)) return true;
    return false; // res.json(), res.headers — not a check
  }
  if (parent.type === T.CallExpression && parent.arguments.includes(id as TSESTree.CallExpressionArgument)) {
    // Logging a response is not checking it; any other helper given it may be.
    return !isLogCall(parent);
  }
  // `return new Response(res.body, res)`: a proxy hands the status on to its caller.
  if (parent.type === T.NewExpression && parent.arguments.includes(id as TSESTree.CallExpressionArgument)) return true;
  if (parent.type === T.VariableDeclarator && parent.id.type === T.ObjectPattern) {
    return parent.id.properties.some((p) => p.type === T.Property && p.key.type === T.Identifier && STATUS_PROPERTIES.has(p.key.name));
  }
  // returned, stored, put in an object: someone else may check it
  return parent.type === T.ReturnStatement || parent.type === T.AssignmentExpression || parent.type === T.Property || parent.type === T.ArrayExpression || parent.type === T.ArrowFunctionExpression;
}
