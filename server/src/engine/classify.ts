/**
 * Classifies a call: first by the vocabulary (through the binder's resolved path),
 * then by the same-file summary of the function it calls, and only as a last resort
 * by the callee's name — and a name alone only ever makes a remote write (an upload
 * we might wait for), never a destroy.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from './ast';
import type { Binder } from './bind';
import { enclosingClass, propertyName } from './bind';
import type { CallEffect } from './effects';
import type { CompiledApi } from './vocabulary';

/** Methods on unknown receivers that commonly mean "send to the server" with a client that rejects on failure. */
const HTTP_CLIENT_RECEIVER = /^(api|apiClient|http|httpClient|client|axios|instance|request|\$http|fetcher|server|backend|rest|restClient)$/i;
const HTTP_WRITE_METHODS = new Set(['post', 'put', 'patch']);

const BACKUP_VERBS = new Set(['backup', 'upload', 'sync', 'push', 'replicate']);
/** Second words that turn a backup verb into something else (`pushState`, `syncScroll`). */
const NON_BACKUP_OBJECTS = new Set([
  'state', 'route', 'router', 'history', 'notification', 'notifications', 'toast', 'scroll', 'stack', 'event', 'events',
  'log', 'logs', 'metric', 'metrics', 'analytics', 'token', 'tokens', 'view', 'views', 'modal', 'screen', 'url', 'hash',
  'query', 'params', 'status', 'progress', 'ui', 'theme', 'layout', 'size', 'position', 'cursor', 'selection', 'focus',
]);

export function classifyByVocabulary(call: TSESTree.CallExpression | TSESTree.NewExpression, binder: Binder): { effect: CallEffect; api: CompiledApi } | null {
  const path = binder.resolve(call.callee);
  if (!path) return null;
  const written = binder.writtenPath(call.callee);
  // Entries with a condition on the arguments (`fetch` is an upload only with a write
  // method or a body) fall through to the next matching entry when it does not hold.
  const api = binder.vocabulary.match(path, written, (candidate) => {
    if (candidate.when === 'httpWrite') return isHttpWrite(call, candidate.optionsArg ?? 1, binder);
    if (candidate.when === 'httpRead') return !isHttpWrite(call, candidate.optionsArg ?? 1, binder) && !isHttpMethod(call, candidate.optionsArg ?? 1, binder, 'delete');
    return true;
  });
  if (!api) return null;
  let outcome = api.outcome ?? 'rejects';
  if (api.noRejectWhen && call.type === T.CallExpression) {
    const creation = instanceCreation(call, binder);
    if (hasNoRejectOption(call, api, binder) || (creation && hasNoRejectOption(creation, api, binder))) outcome = 'needsStatusCheck';
  }
  const effect: CallEffect = {
    class: api.class,
    completion: api.completion,
    outcome,
    api: displayName(written ?? path),
    noun: api.noun,
    source: api.calls.length === 0 ? 'config' : 'vocabulary',
  };
  // PouchDB, the MongoDB driver before v5 and others return a promise unless given a
  // node-style callback: then the callback is how the outcome arrives.
  if (effect.completion === 'promise' && call.type === T.CallExpression && takesNodeCallback(call)) effect.completion = 'callback';
  if (api.scope === 'server') effect.serverScope = true;
  if (api.noun === 'copy') effect.localCopy = true;
  if (api.userData === false || ((api.class === 'destroy' || api.class === 'localWrite') && call.arguments[0] && isDisposableTarget(call.arguments[0], binder))) {
    effect.disposable = true;
  }
  // Writing `[]` or `''` loses nothing when it fails.
  if ((api.class === 'localWrite' || api.class === 'remoteWrite') && hasConstantPayload(call, api, binder)) effect.notBackup = true;
  if (api.class === 'remoteWrite' && api.noun === 'upload' && call.arguments[0] && NOT_BACKUP_ENDPOINT.test(expressionWords(call.arguments[0], binder))) {
    effect.notBackup = true;
  }
  return { effect, api };
}

/** Last resort: an unknown callee whose name says it sends data away (`syncAll`, `api.post`). */
export function classifyByName(call: TSESTree.CallExpression, binder: Binder): CallEffect | null {
  const callee = call.callee;
  let name: string | null = null;
  let receiver: string | null = null;
  if (callee.type === T.Identifier) name = callee.name;
  else if (callee.type === T.MemberExpression) {
    name = propertyName(callee);
    const object = callee.object;
    receiver = object.type === T.Identifier ? object.name : object.type === T.MemberExpression ? propertyName(object) : object.type === T.ThisExpression ? 'this' : null;
  }
  if (!name) return null;
  const written = binder.writtenPath(callee);
  if (receiver && HTTP_WRITE_METHODS.has(name) && HTTP_CLIENT_RECEIVER.test(receiver)) {
    const effect: CallEffect = { class: 'remoteWrite', completion: 'unknown', outcome: 'rejects', api: displayName(written ?? [name]), noun: 'upload', source: 'name' };
    if (call.arguments[0] && NOT_BACKUP_ENDPOINT.test(expressionWords(call.arguments[0], binder))) effect.notBackup = true;
    return effect;
  }
  const words = splitWords(name);
  if (words.length === 0 || !BACKUP_VERBS.has(words[0])) return null;
  // A bare `push`/`sync` method is an array push or a framework call far more often than an upload.
  if (receiver && words.length === 1) return null;
  if (words.length > 1 && NON_BACKUP_OBJECTS.has(words[1])) return null;
  return { class: 'remoteWrite', completion: 'unknown', outcome: 'rejects', api: displayName(written ?? [name]), noun: words[0] === 'backup' ? 'backup' : words[0] === 'upload' ? 'upload' : 'sync', source: 'name' };
}

/**
 * Words naming what holds no user data: temp files and folders, locks, pid files,
 * caches, credentials (a token is re-issued at the next sign-in), crash dumps.
 * Deleting them in a `finally` or a `catch` is cleanup, not loss.
 */
const DISPOSABLE_WORDS = new Set([
  'tmp', 'temp', 'temporary', 'tmpdir', 'mkdtemp', 'scratch', 'staging', 'partial', 'part', 'lock', 'lockfile', 'pid',
  'cache', 'caches', 'cached', 'token', 'tokens', 'oauth', 'jwt', 'credential', 'credentials', 'crash', 'flag',
]);

export function isDisposableTarget(node: TSESTree.Node, binder: Binder): boolean {
  const words = expressionWords(node, binder)
    .split(/[^A-Za-z0-9]+/)
    .flatMap((w) => splitWords(w));
  return words.some((w) => DISPOSABLE_WORDS.has(w));
}

/** The argument that carries the data a write sends or stores. */
function payloadArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, api: CompiledApi, binder: Binder): TSESTree.Node | null | undefined {
  const last = api.pattern.split('.').pop();
  if (last === 'setItem' || last === 'set' || last === 'mergeItem') return call.arguments[1];
  if (api.when === 'httpWrite') {
    const options = objectArgument(call.arguments[api.optionsArg ?? 1], binder);
    return options ? property(options, 'body') ?? property(options, 'data') ?? property(options, 'json') : undefined;
  }
  if (api.noun === 'upload' && (last === 'post' || last === 'put' || last === 'patch')) return call.arguments[1];
  return undefined;
}

function hasConstantPayload(call: TSESTree.CallExpression | TSESTree.NewExpression, api: CompiledApi, binder: Binder): boolean {
  const payload = payloadArgument(call, api, binder);
  return !!payload && isEmptyValue(payload);
}

/** `JSON.stringify(x)` (any `JSON.` call) → `x`. */
export function jsonArgument(call: TSESTree.CallExpression): TSESTree.Node | null {
  const callee = call.callee;
  const isJson = callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'JSON';
  return isJson && call.arguments.length >= 1 ? call.arguments[0] : null;
}

/** `''`, `null`, `[]`, `{}`, `JSON.stringify([])`: writing it resets, it stores nothing that could be lost. */
function isEmptyValue(node: TSESTree.Node): boolean {
  switch (node.type) {
    case T.Literal:
      return node.value === '' || node.value === null;
    case T.TemplateLiteral:
      return node.expressions.length === 0 && node.quasis.every((q) => q.value.cooked === '');
    case T.ArrayExpression:
      return node.elements.length === 0;
    case T.ObjectExpression:
      return node.properties.length === 0;
    case T.CallExpression: {
      const value = jsonArgument(node);
      return value !== null && isEmptyValue(value);
    }
    default:
      return false;
  }
}

/** Endpoints that receive no user data: a POST there is no backup to wait for. */
const NOT_BACKUP_ENDPOINT = /(log-?out|sign-?out|log-?in|sign-?in|(^|\/)auth(\/|$)|oauth|analytics|telemetry|tracking|(^|\/)track(\/|$)|metrics|beacon|(^|\/)ping(\/|$)|heartbeat|healthz?(\/|$))/i;

/** The words an expression spells (literals, names, a const's initialiser), for name-based heuristics. */
export function expressionWords(node: TSESTree.Node, binder: Binder, depth = 0): string {
  if (depth > 3) return '';
  switch (node.type) {
    case T.Literal:
      return typeof node.value === 'string' ? node.value : '';
    case T.TemplateLiteral:
      return [...node.quasis.map((q) => q.value.cooked ?? ''), ...node.expressions.map((e) => expressionWords(e, binder, depth + 1))].join(' ');
    case T.BinaryExpression:
      return `${expressionWords(node.left, binder, depth + 1)} ${expressionWords(node.right, binder, depth + 1)}`;
    case T.Identifier: {
      const def = binder.variableOf(node)?.defs[0];
      if (def?.type === 'Variable') {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (init) return `${node.name} ${expressionWords(init, binder, depth + 1)}`;
      }
      return node.name;
    }
    case T.MemberExpression:
      return `${expressionWords(node.object, binder, depth + 1)} ${propertyName(node) ?? ''}`;
    case T.CallExpression:
      return [expressionWords(node.callee, binder, depth + 1), ...node.arguments.map((a) => expressionWords(a, binder, depth + 1))].join(' ');
    case T.AwaitExpression:
      return expressionWords(node.argument, binder, depth + 1);
    default:
      return '';
  }
}

export function splitWords(name: string): string[] {
  return name
    .replace(/^[_$#]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function displayName(path: readonly string[]): string {
  const shown = path.filter((s) => s !== '#global').map((s) => (s.startsWith('?') ? s.slice(1) : s.startsWith('import:') ? s.slice(7) : s));
  const text = shown.slice(-3).join('.');
  return text.replace(/\(\)/g, '()').replace(/\(\)$/, '');
}

/** fetch/axios/got/ky: a write when the method is POST/PUT/PATCH, or (method unknown) a body is sent. */
function isHttpWrite(call: TSESTree.CallExpression | TSESTree.NewExpression, optionsIndex: number, binder: Binder): boolean {
  const options = objectArgument(call.arguments[optionsIndex], binder);
  const first = call.arguments[0];
  // `fetch(new Request(url, { method: 'POST' }))`
  if (first && first.type === T.NewExpression && first.callee.type === T.Identifier && first.callee.name === 'Request') {
    const init = objectArgument(first.arguments[1], binder);
    if (init) return objectIsWrite(init);
  }
  if (!options) return false;
  return objectIsWrite(options);
}

function isHttpMethod(call: TSESTree.CallExpression | TSESTree.NewExpression, optionsIndex: number, binder: Binder, method: string): boolean {
  const options = objectArgument(call.arguments[optionsIndex], binder);
  const value = options ? property(options, 'method') : null;
  const text = value ? stringValue(value) : null;
  return text !== null && text.toLowerCase() === method;
}

function objectIsWrite(options: TSESTree.ObjectExpression): boolean {
  const method = property(options, 'method');
  if (method) {
    const value = stringValue(method);
    if (value !== null) return HTTP_WRITE_METHODS.has(value.toLowerCase());
  }
  return ['body', 'data', 'json', 'form'].some((key) => property(options, key) !== null);
}

function hasNoRejectOption(call: TSESTree.CallExpression, api: CompiledApi, binder: Binder): boolean {
  for (let i = 0; i < call.arguments.length; i++) {
    const arg = objectArgument(call.arguments[i], binder);
    if (!arg) continue;
    for (const condition of api.noRejectWhen ?? []) {
      const [key, expected] = condition.split(':');
      const value = property(arg, key);
      if (!value) continue;
      if (expected === 'false' && value.type === T.Literal && value.value === false) return true;
      if (expected === 'alwaysTrue' && isAlwaysTrue(value)) return true;
    }
  }
  return false;
}

/**
 * `const api = axios.create({ validateStatus: () => true }); api.post(...)`: the options
 * that decide whether the instance rejects were given where it was created.
 */
function instanceCreation(call: TSESTree.CallExpression, binder: Binder): TSESTree.CallExpression | null {
  const callee = call.callee;
  if (callee.type !== T.MemberExpression) return null;
  let init: TSESTree.Node | null | undefined = null;
  if (callee.object.type === T.Identifier) {
    const def = binder.variableOf(callee.object)?.defs[0];
    if (def?.type === 'Variable') init = (def.node as TSESTree.VariableDeclarator).init;
  } else if (callee.object.type === T.MemberExpression && callee.object.object.type === T.ThisExpression) {
    const cls = enclosingClass(callee);
    const name = propertyName(callee.object);
    for (const member of cls?.body.body ?? []) {
      if (member.type === T.PropertyDefinition && member.key.type === T.Identifier && member.key.name === name) init = member.value;
    }
  }
  while (init && (init.type === T.TSAsExpression || init.type === T.AwaitExpression)) init = init.type === T.AwaitExpression ? init.argument : init.expression;
  return init?.type === T.CallExpression ? init : null;
}

const ERROR_PARAMETER = /^(e|err|error|ex|er|_err|_error)$/i;

function takesNodeCallback(call: TSESTree.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last || (last.type !== T.ArrowFunctionExpression && last.type !== T.FunctionExpression) || call.arguments.length < 2) return false;
  const first = last.params[0];
  return !!first && first.type === T.Identifier && ERROR_PARAMETER.test(first.name);
}

function isAlwaysTrue(node: TSESTree.Node): boolean {
  if (node.type === T.Literal && node.value === null) return true;
  if (node.type !== T.ArrowFunctionExpression && node.type !== T.FunctionExpression) return false;
  const body = node.body;
  if (body.type === T.Literal) return body.value === true;
  if (body.type === T.BlockStatement && body.body.length === 1 && body.body[0].type === T.ReturnStatement) {
    const arg = body.body[0].argument;
    return !!arg && arg.type === T.Literal && arg.value === true;
  }
  return false;
}

function objectArgument(arg: TSESTree.Node | undefined, binder: Binder): TSESTree.ObjectExpression | null {
  if (!arg) return null;
  if (arg.type === T.ObjectExpression) return arg;
  if (arg.type === T.Identifier) {
    const def = binder.variableOf(arg)?.defs[0];
    if (def?.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      if (init?.type === T.ObjectExpression) return init;
    }
  }
  return null;
}

export function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null {
  for (const p of object.properties) {
    if (p.type !== T.Property || p.computed) continue;
    const name = p.key.type === T.Identifier ? p.key.name : p.key.type === T.Literal ? String(p.key.value) : null;
    if (name === key) return p.value;
  }
  return null;
}

function stringValue(node: TSESTree.Node): string | null {
  if (node.type === T.Literal && typeof node.value === 'string') return node.value;
  if (node.type === T.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}
