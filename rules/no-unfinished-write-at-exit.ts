/**
 * Writes still in flight when the process or page goes away. `process.exit()` does not
 * wait for the libuv thread pool, so a `writeFile` it overtakes leaves a truncated or
 * empty file; Electron's `app.quit()`/`app.exit()` likewise; a browser tears a page down
 * without waiting for the promises of its `beforeunload`/`pagehide` handlers, and cancels
 * their requests unless they were sent with `keepalive` or `sendBeacon`.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import { classifyByName, classifyByVocabulary } from '../server/src/engine/classify';
import type { CallEffect } from '../server/src/engine/effects';
import type { FloatingWriteFact } from '../server/src/engine/facts';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import type { TextEdit } from '../server/src/engine/types';
import { insertBefore } from '../server/src/engine/source-edits';
import { fileCallOf, isInside, objectLiteral, ownerOf, propertyValue, stringValue, unwrapExpression, walk } from './file-state';
import { calleeText, lineOf } from './support';

type ExitKind = 'process' | 'electron';

/** Page events after which the page may be gone before a promise settles. */
const PAGE_EVENTS = new Set(['beforeunload', 'unload', 'pagehide', 'visibilitychange']);
const PAGE_HANDLER_PROPERTIES: Record<string, string> = { onbeforeunload: 'beforeunload', onunload: 'unload', onpagehide: 'pagehide', onvisibilitychange: 'visibilitychange' };
/** Electron app events after which the app quits unless the handler prevents it. */
const QUIT_EVENTS = new Set(['before-quit', 'will-quit', 'quit']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const MAX_HELPER_DEPTH = 3;

interface AsyncWrite {
  /** The call to report: the write, or the call of the same-file function that performs it. */
  site: TSESTree.CallExpression;
  write: TSESTree.CallExpression;
  effect: CallEffect;
}

export const noUnfinishedWriteAtExit: RuleModule<Record<string, never>> = {
  id: 'no-unfinished-write-at-exit',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow exiting the process, quitting the app or leaving the page while a write is still in flight.',
      recommended: true,
    },
    messages: {
      pendingWrite:
        '`{{exit}}` ends the process while the {{noun}} `{{write}}` (line {{line}}) has not finished: it is cut off, and the file or record is left partial or never written.',
      pendingStream:
        '`{{exit}}` ends the process before the write stream `{{stream}}` (line {{line}}) has flushed: nothing waits for its `finish`, so the buffered data is lost.',
      pageWrite:
        'The page can be gone before this {{noun}} `{{write}}` in a `{{event}}` handler completes: nothing waits for it, the browser cancels it, and the data is lost.',
      quitWrite:
        'Electron quits without waiting for this {{noun}} `{{write}}` started in the `{{event}}` handler: it is cut off and the data is lost.',
      exitHandlerWrite:
        'Node runs only synchronous code in a process `exit` handler: this {{noun}} `{{write}}` never completes, and the data is lost.',
      relatedWrite: 'the {{noun}} still in flight',
      suggestAwait: 'Await `{{write}}` before exiting',
      suggestKeepalive: 'Send it with `keepalive: true` so the request outlives the page',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    hasSuggestions: true,
    defaultSeverity: 'error',
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const { binder, source } = file;
    const exits: Array<{ call: TSESTree.CallExpression; kind: ExitKind }> = [];
    const calls: TSESTree.CallExpression[] = [];
    const pageHandlers: Array<{ handler: TSESTree.Node; event: string }> = [];
    const quitHandlers: Array<{ handler: TSESTree.Node; event: string }> = [];
    const exitHandlers: TSESTree.Node[] = [];

    return {
      CallExpression(node: TSESTree.CallExpression) {
        calls.push(node);
        const exit = exitKind(node, binder);
        if (exit) {
          exits.push({ call: node, kind: exit });
          return;
        }
        const registration = listenerRegistration(node, binder);
        if (!registration) return;
        if (registration.target === 'page' && PAGE_EVENTS.has(registration.event)) pageHandlers.push(registration);
        else if (registration.target === 'electron' && QUIT_EVENTS.has(registration.event)) quitHandlers.push(registration);
        else if (registration.target === 'process' && registration.event === 'exit') exitHandlers.push(registration.handler);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        // `window.onbeforeunload = () => { … }`
        const left = node.left;
        const name = left.type === T.MemberExpression ? propertyName(left) : left.type === T.Identifier ? left.name : null;
        const event = name ? PAGE_HANDLER_PROPERTIES[name] : undefined;
        if (!event) return;
        if (left.type === T.MemberExpression && !isPageObject(left.object, binder)) return;
        if (left.type === T.Identifier && !binder.isGlobalReference(left)) return;
        pageHandlers.push({ handler: node.right, event });
      },
      'Program:exit'() {
        for (const exit of exits) judgeExit(exit.call);
        for (const { handler, event } of pageHandlers) judgePageHandler(handler, event);
        for (const { handler, event } of quitHandlers) judgeQuitHandler(handler, event);
        for (const handler of exitHandlers) judgeExitHandler(handler);
      },
    };

    function judgeExit(exit: TSESTree.CallExpression): void {
      const owner = ownerOf(exit);
      const exitText = calleeText(source, exit);
      // 1. A promise-returning write whose promise nobody holds.
      const floating = file.facts.floatingWrites.filter((fact) => ownerOf(fact.dropped) === owner && fact.dropped.range[1] <= exit.range[0] && canReach(fact.dropped, exit, owner));
      const last = floating[floating.length - 1] as FloatingWriteFact | undefined;
      if (last) {
        const write = last.effect.source === 'summary' ? last.effect.api : calleeText(source, last.call);
        const data = { exit: exitText, write, noun: last.effect.noun, line: lineOf(last.call) };
        const suggest: ReportSuggestion[] = [];
        if (last.canAwait && (last.kind === 'dropped' || last.kind === 'chainWithoutCatch')) suggest.push({ messageId: 'suggestAwait', data, fix: insertBefore(last.dropped, 'await ') });
        context.report({ node: exit, messageId: 'pendingWrite', data, suggest, related: [{ node: last.call, messageId: 'relatedWrite', data }] });
        return;
      }
      // 2. A callback-style write whose callback has not run yet.
      for (const call of calls) {
        if (call.range[1] > exit.range[0] || ownerOf(call) !== owner || isInside(exit, call)) continue;
        const classified = classifyByVocabulary(call, binder);
        if (!classified || classified.effect.completion !== 'callback') continue;
        if (classified.effect.class !== 'localWrite' && classified.effect.class !== 'remoteWrite' && classified.effect.class !== 'destroy') continue;
        if (!canReach(call, exit, owner)) continue;
        const data = { exit: exitText, write: calleeText(source, call), noun: classified.effect.noun, line: lineOf(call) };
        context.report({ node: exit, messageId: 'pendingWrite', data, related: [{ node: call, messageId: 'relatedWrite', data }] });
        return;
      }
      // 3. A write stream ended (or written to) but not waited for.
      const stream = unflushedStream(exit, owner);
      if (stream) {
        const data = { exit: exitText, stream: stream.name, line: lineOf(stream.created) };
        context.report({ node: exit, messageId: 'pendingStream', data, related: [{ node: stream.created, messageId: 'relatedWrite', data: { noun: 'stream' } }] });
      }
    }

    /** `const out = fs.createWriteStream(p); …; out.end(); process.exit()` with no wait for `finish`/`close`. */
    function unflushedStream(exit: TSESTree.CallExpression, owner: TSESTree.Node): { name: string; created: TSESTree.CallExpression } | null {
      for (const call of calls) {
        if (call.range[1] > exit.range[0] || ownerOf(call) !== owner) continue;
        if (call.callee.type !== T.MemberExpression || call.callee.object.type !== T.Identifier) continue;
        const method = propertyName(call.callee);
        if (method !== 'end' && method !== 'write') continue;
        const variable = binder.variableOf(call.callee.object);
        const def = variable?.defs[0];
        if (!variable || def?.type !== 'Variable') continue;
        const init = (def.node as TSESTree.VariableDeclarator).init;
        const created = init ? unwrapExpression(init) : null;
        if (created?.type !== T.CallExpression) continue;
        const fc = fileCallOf(created, binder);
        if (fc?.method !== 'createWriteStream') continue;
        if (!canReach(call, exit, owner)) continue;
        // `end(cb)` with the exit inside the callback is fine, and so is an await that mentions the stream.
        if (method === 'end' && call.arguments.some((a) => a.type === T.ArrowFunctionExpression || a.type === T.FunctionExpression)) continue;
        const name = call.callee.object.name;
        const waited = variable.references.some((ref) => {
          const id = ref.identifier as TSESTree.Node;
          return id.range[0] > call.range[0] && id.range[0] < exit.range[0] && insideAwait(id, owner);
        });
        if (waited) continue;
        return { name, created };
      }
      return null;
    }

    function judgePageHandler(handlerNode: TSESTree.Node, event: string): void {
      const handler = handlerFunction(handlerNode, binder);
      if (!handler) return;
      if (event === 'beforeunload' && keepsPageOpen(handler)) return;
      for (const w of asyncWritesIn(handler, binder, 0, new Set())) {
        if (event === 'visibilitychange' && w.effect.class !== 'remoteWrite') continue;
        if (w.effect.class === 'destroy') continue;
        if (hasKeepalive(w.write, binder)) continue;
        const data = { write: calleeText(source, w.write), noun: w.effect.noun, event };
        const suggest: ReportSuggestion[] = [];
        const keepalive = w.site === w.write ? keepaliveEdit(w.write, w.effect) : null;
        if (keepalive) suggest.push({ messageId: 'suggestKeepalive', data, fix: keepalive });
        context.report({ node: w.site, messageId: 'pageWrite', data, suggest, related: w.site !== w.write ? [{ node: w.write, messageId: 'relatedWrite', data }] : undefined });
      }
    }

    function judgeQuitHandler(handlerNode: TSESTree.Node, event: string): void {
      const handler = handlerFunction(handlerNode, binder);
      if (!handler) return;
      // `event.preventDefault(); await save(); app.quit()` is the documented way to save on quit.
      if (event !== 'quit' && preventsAndQuits(handler, binder)) return;
      for (const w of asyncWritesIn(handler, binder, 0, new Set())) {
        const data = { write: calleeText(source, w.write), noun: w.effect.noun, event };
        context.report({ node: w.site, messageId: 'quitWrite', data, related: w.site !== w.write ? [{ node: w.write, messageId: 'relatedWrite', data }] : undefined });
      }
    }

    function judgeExitHandler(handlerNode: TSESTree.Node): void {
      const handler = handlerFunction(handlerNode, binder);
      if (!handler) return;
      for (const w of asyncWritesIn(handler, binder, 0, new Set())) {
        const data = { write: calleeText(source, w.write), noun: w.effect.noun };
        context.report({ node: w.site, messageId: 'exitHandlerWrite', data, related: w.site !== w.write ? [{ node: w.write, messageId: 'relatedWrite', data }] : undefined });
      }
    }
  },
};

// ------------------------------------------------------------------ exits and listeners

function exitKind(call: TSESTree.CallExpression, binder: Binder): ExitKind | null {
  const path = binder.resolve(call.callee);
  if (!path || path.length < 2) return null;
  const method = path[path.length - 1];
  const root = path[0];
  if ((root === 'process' || root === 'import:process' || root === 'import:node:process') && path.length === 2 && (method === 'exit' || method === 'abort')) return 'process';
  if (root === 'electron' && path[path.length - 2] === 'app' && (method === 'quit' || method === 'exit')) return 'electron';
  return null;
}

function isPageObject(node: TSESTree.Node, binder: Binder): boolean {
  const path = binder.resolve(node);
  return !!path && path.length === 1 && (path[0] === '#global' || path[0] === 'document');
}

interface Registration {
  target: 'page' | 'electron' | 'process';
  event: string;
  handler: TSESTree.Node;
}

function listenerRegistration(call: TSESTree.CallExpression, binder: Binder): Registration | null {
  const eventArg = stringValue(call.arguments[0]);
  const handler = call.arguments[1];
  if (eventArg === null || !handler || handler.type === T.SpreadElement) return null;
  const callee = call.callee;
  if (callee.type === T.Identifier) {
    if (callee.name === 'addEventListener' && binder.isGlobalReference(callee)) return { target: 'page', event: eventArg, handler };
    return null;
  }
  if (callee.type !== T.MemberExpression) return null;
  const method = propertyName(callee);
  if (method === 'addEventListener') return isPageObject(callee.object, binder) ? { target: 'page', event: eventArg, handler } : null;
  if (!method || !LISTEN_METHODS.has(method)) return null;
  const object = binder.resolve(callee.object);
  if (!object) return null;
  if (object[0] === 'electron' && object[object.length - 1] === 'app') return { target: 'electron', event: eventArg, handler };
  if (object.length === 1 && (object[0] === 'process' || object[0] === 'import:process' || object[0] === 'import:node:process')) return { target: 'process', event: eventArg, handler };
  return null;
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function handlerFunction(node: TSESTree.Node, binder: Binder): FunctionNode | null {
  let n = unwrapExpression(node);
  // `this.onUnload.bind(this)`
  if (n.type === T.CallExpression && n.callee.type === T.MemberExpression && propertyName(n.callee) === 'bind') n = n.callee.object;
  if (n.type === T.ArrowFunctionExpression || n.type === T.FunctionExpression) return n;
  return binder.localFunction(n);
}

// ------------------------------------------------------------------ writes inside handlers

/** Writes that complete later (promise, callback, IndexedDB request) anywhere inside `fn`, through same-file helpers. */
function asyncWritesIn(fn: FunctionNode, binder: Binder, depth: number, seen: Set<TSESTree.Node>): AsyncWrite[] {
  if (seen.has(fn) || !fn.body) return [];
  seen.add(fn);
  const out: AsyncWrite[] = [];
  walk(fn.body, (node) => {
    if (node.type !== T.CallExpression) return undefined;
    const effect = asyncWriteEffect(node, binder);
    if (effect) {
      out.push({ site: node, write: node, effect });
      return false;
    }
    if (depth < MAX_HELPER_DEPTH) {
      const local = binder.localFunction(node.callee);
      if (local) {
        const inner = asyncWritesIn(local, binder, depth + 1, seen);
        if (inner.length > 0) out.push({ site: node, write: inner[0].write, effect: inner[0].effect });
      }
    }
    return undefined;
  });
  return out;
}

function asyncWriteEffect(call: TSESTree.CallExpression, binder: Binder): CallEffect | null {
  const classified = classifyByVocabulary(call, binder);
  if (classified) {
    const effect = classified.effect;
    if (effect.class !== 'localWrite' && effect.class !== 'remoteWrite') return null;
    if (effect.localCopy) return null;
    return effect.completion === 'promise' || effect.completion === 'callback' || effect.completion === 'request' ? effect : null;
  }
  const byName = classifyByName(call, binder);
  return byName && byName.class === 'remoteWrite' ? byName : null;
}

function hasKeepalive(call: TSESTree.CallExpression, binder: Binder): boolean {
  for (const arg of call.arguments) {
    const options = objectLiteral(arg, binder);
    if (!options) continue;
    const keepalive = propertyValue(options, 'keepalive');
    if (keepalive && !(keepalive.type === T.Literal && keepalive.value === false)) return true;
    // axios' fetch adapter: `fetchOptions: { keepalive: true }`
    const fetchOptions = propertyValue(options, 'fetchOptions');
    const inner = fetchOptions ? objectLiteral(fetchOptions, binder) : null;
    if (inner && propertyValue(inner, 'keepalive')) return true;
  }
  return false;
}

/** `fetch(url, { method: 'POST', body })` → `{ method: 'POST', body, keepalive: true }`. */
function keepaliveEdit(call: TSESTree.CallExpression, effect: CallEffect): TextEdit | null {
  if (!/^fetch$|\.fetch$/.test(effect.api)) return null;
  const options = call.arguments[1];
  if (!options || options.type !== T.ObjectExpression || options.properties.length === 0) return null;
  if (options.properties.some((p) => p.type === T.SpreadElement)) return null;
  const last = options.properties[options.properties.length - 1];
  return { range: [last.range[1], last.range[1]], text: ', keepalive: true' };
}

/** A `beforeunload` handler that asks the user to stay keeps the page (and its writes) alive. */
function keepsPageOpen(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type === T.CallExpression && node.callee.type === T.MemberExpression && propertyName(node.callee) === 'preventDefault') found = true;
    if (node.type === T.AssignmentExpression && node.left.type === T.MemberExpression && propertyName(node.left) === 'returnValue') found = true;
    if (node.type === T.ReturnStatement && node.argument && node.argument.type === T.Literal && typeof node.argument.value === 'string') found = true;
    return undefined;
  });
  return found;
}

function preventsAndQuits(fn: FunctionNode, binder: Binder): boolean {
  let prevents = false;
  let quits = false;
  walk(fn.body, (node) => {
    if (node.type !== T.CallExpression) return undefined;
    if (node.callee.type === T.MemberExpression && propertyName(node.callee) === 'preventDefault') prevents = true;
    if (exitKind(node, binder)) quits = true;
    return undefined;
  });
  return prevents && quits;
}

// ------------------------------------------------------------------ paths within a function

/** Is `node` inside an `await` (or a `for await`) within `owner`? */
function insideAwait(node: TSESTree.Node, owner: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && current !== owner) {
    if (current.type === T.AwaitExpression) return true;
    current = current.parent;
  }
  return false;
}

/**
 * Can control reach `exit` after `from` ran? No when they sit in the two branches of one
 * `if`/`switch`, or when a `return`/`throw` follows `from` in a block between them.
 */
export function canReach(from: TSESTree.Node, exit: TSESTree.Node, owner: TSESTree.Node): boolean {
  const chain: TSESTree.Node[] = [];
  let current: TSESTree.Node | undefined = from;
  while (current && current !== owner && !isInside(exit, current)) {
    chain.push(current);
    current = current.parent;
  }
  const common = current;
  if (!common || common === owner && !isInside(exit, owner)) return false;
  const fromChild = chain[chain.length - 1];
  if (!fromChild) return true;
  if (common.type === T.IfStatement || common.type === T.ConditionalExpression) {
    if (common.test === fromChild) return true;
    return false;
  }
  if (common.type === T.SwitchStatement) return common.discriminant === fromChild;
  if (common.type === T.LogicalExpression) return true;
  for (let i = 0; i < chain.length; i++) {
    const node = chain[i];
    const parent = node.parent;
    if (!parent) break;
    const siblings = parent.type === T.BlockStatement || parent.type === T.Program ? parent.body : parent.type === T.SwitchCase ? parent.consequent : null;
    if (!siblings) continue;
    const index = siblings.indexOf(node as TSESTree.Statement);
    for (let j = index + 1; j < siblings.length; j++) {
      const s = siblings[j];
      if (isInside(exit, s)) break;
      if (s.type === T.ReturnStatement || s.type === T.ThrowStatement) return false;
    }
  }
  return true;
}
