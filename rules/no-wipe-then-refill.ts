/**
 * Clear-then-repopulate from the server: if the read fails, or answers with an empty
 * or broken list, the local store is left empty — and a sync layer then happily
 * uploads that emptiness. Safe shapes read first, validate, and swap inside a transaction.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { RuleModule } from '../server/src/engine/rule-api';
import { propertyName } from '../server/src/engine/bind';
import { childNodes } from '../server/src/engine/flow';
import { calledName, calleeText, classifiedCallsWithin, lineOf, logicalFunction, within } from './support';

/** Calls that empty a whole store, not one record. */
const WIPE_METHODS = new Set(['clear', 'clearAll', 'deleteAll', 'bulkDelete', 'multiRemove', 'emptyDir', 'emptyDirSync', 'dropInstance']);
/** Callbacks whose body runs as one all-or-nothing unit. */
const TRANSACTION_METHODS = new Set(['transaction', '$transaction', 'write', 'writeTxn', 'runTransaction', 'batch']);
const VALIDATION_CALLS = /^(assert\w*|invariant|validate\w*|parse|safeParse|is[A-Z]\w*|check\w*|ensure\w*)$/;

export const noWipeThenRefill: RuleModule<Record<string, never>> = {
  id: 'no-wipe-then-refill',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow clearing a local store and refilling it from a remote read without validation or a transaction.',
      recommended: true,
    },
    messages: {
      clearBeforeRead:
        '`{{wipe}}` empties the local store before `{{read}}` (line {{line}}) has fetched its replacement; if that read fails or returns nothing, the store stays empty and the local data is gone.',
      unguardedRefill:
        '`{{wipe}}` empties the local store and refills it from `{{read}}` (line {{line}}) with no check that the response is valid and non-empty and no transaction; an empty or partial response replaces the local data.',
      relatedRead: 'the remote read that refills the store',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    defaultSeverity: 'error',
  },
  defaultOptions: {},
  check(context) {
    const { file } = context;
    const reportedScopes = new Set<TSESTree.Node>();
    // Server-side deletes are not destroy facts (no local copy is at stake), but a server table
    // emptied and refilled from a feed is the same wipe.
    const wipes = [...file.facts.destroys.map((d) => ({ call: d.call, effect: d.effect }))];
    for (const [node, effects] of file.facts.calls) {
      const serverDelete = effects.find((e) => e.class === 'destroy' && e.serverScope);
      if (serverDelete && node.type === T.CallExpression && !wipes.some((w) => w.call === node)) wipes.push({ call: node, effect: serverDelete });
    }
    wipes.sort((a, b) => a.call.range[0] - b.call.range[0]);
    for (const fact of wipes) {
      const name = calledName(fact.call);
      if (!name || !(WIPE_METHODS.has(name) || deletesEverything(fact.call, name)) || fact.effect.disposable) continue;
      const scope = logicalFunction(fact.call);
      if (reportedScopes.has(scope)) continue;
      const calls = classifiedCallsWithin(file.facts.calls, scope);
      const reads = calls.filter((c) => c.effect.class === 'remoteRead');
      if (reads.length === 0) continue;
      // A server table refilled after `deleteMany({})` is written with the database's own writes.
      const refill = calls.find(
        (c) => (c.effect.class === 'localWrite' || (c.effect.class === 'remoteWrite' && c.effect.serverScope && fact.effect.serverScope && sameReceiver(c.node, fact.call, file.source))) && c.node.range[0] > fact.call.range[1],
      );
      if (!refill) continue;
      if (insideTransaction(fact.call, scope)) continue;
      const readAfter = reads.find((r) => r.node.range[0] > fact.call.range[1] && r.node.range[0] < refill.node.range[0]);
      const readBefore = [...reads].reverse().find((r) => r.node.range[1] < fact.call.range[0]);
      const wipe = calleeText(file.source, fact.call);
      if (readAfter && !readBefore) {
        reportedScopes.add(scope);
        context.report({
          node: fact.call,
          messageId: 'clearBeforeRead',
          data: { wipe, read: calleeText(file.source, readAfter.node), line: lineOf(readAfter.node) },
          related: [{ node: readAfter.node, messageId: 'relatedRead' }],
        });
      } else if (readBefore && !guardedBetween(readBefore.node, fact.call, scope)) {
        reportedScopes.add(scope);
        context.report({
          node: fact.call,
          messageId: 'unguardedRefill',
          data: { wipe, read: calleeText(file.source, readBefore.node), line: lineOf(readBefore.node) },
          related: [{ node: readBefore.node, messageId: 'relatedRead' }],
        });
      }
    }
  },
};

function insideTransaction(node: TSESTree.Node, scope: TSESTree.Node): boolean {
  let current = node.parent;
  while (current && current !== scope.parent) {
    if ((current.type === T.ArrowFunctionExpression || current.type === T.FunctionExpression) && current.parent?.type === T.CallExpression) {
      const callee = current.parent.callee;
      const name = callee.type === T.MemberExpression ? propertyName(callee) : callee.type === T.Identifier ? callee.name : null;
      if (name && TRANSACTION_METHODS.has(name)) return true;
    }
    // Prisma's batch form: `prisma.$transaction([deleteMany(…), createMany(…)])`.
    if (current.type === T.ArrayExpression && current.parent?.type === T.CallExpression && current.parent.arguments[0] === current) {
      const callee = current.parent.callee;
      if (callee.type === T.MemberExpression && propertyName(callee) === '$transaction') return true;
    }
    current = current.parent;
  }
  return false;
}

/**
 * Between the read and the wipe: an `if` that can leave (return/throw) or that wraps
 * the wipe, or a validation call. Any of these means somebody looked at the response.
 */
function guardedBetween(read: TSESTree.Node, wipe: TSESTree.Node, scope: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [scope];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range[1] < read.range[1] || node.range[0] > wipe.range[0]) continue;
    if (node.type === T.IfStatement && node.range[0] > read.range[1]) {
      if (within(wipe, node.consequent) || (node.alternate && within(wipe, node.alternate))) return true;
      if (node.range[1] < wipe.range[0] && exits(node.consequent)) return true;
    }
    if (node.type === T.ConditionalExpression && node.range[0] > read.range[1] && within(wipe, node)) return true;
    if (node.type === T.LogicalExpression && node.range[0] > read.range[1] && within(wipe, node.right)) return true;
    if (node.type === T.CallExpression && node.range[0] > read.range[1] && node.range[1] < wipe.range[0]) {
      const callee = node.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (name && VALIDATION_CALLS.test(name)) return true;
    }
    stack.push(...childNodes(node));
  }
  return false;
}

function exits(node: TSESTree.Node): boolean {
  if (node.type === T.ReturnStatement || node.type === T.ThrowStatement) return true;
  if (node.type === T.BlockStatement) return node.body.some((s) => s.type === T.ReturnStatement || s.type === T.ThrowStatement);
  return false;
}

/** `deleteMany()`, `deleteMany({})`, `deleteMany({ where: {} })`: a delete with no filter empties the table. */
function deletesEverything(call: TSESTree.Node, name: string): boolean {
  if (name !== 'deleteMany' || call.type !== T.CallExpression) return false;
  const filter = call.arguments[0];
  if (!filter) return true;
  if (filter.type !== T.ObjectExpression) return false;
  if (filter.properties.length === 0) return true;
  return filter.properties.every(
    (p) => p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === 'where' && p.value.type === T.ObjectExpression && p.value.properties.length === 0,
  );
}

function sameReceiver(a: TSESTree.Node, b: TSESTree.Node, source: string): boolean {
  const object = (n: TSESTree.Node) => (n.type === T.CallExpression && n.callee.type === T.MemberExpression ? source.slice(n.callee.object.range[0], n.callee.object.range[1]) : null);
  return object(a) !== null && object(a) === object(b);
}
