/**
 * A destructive call on the failure path of a local storage operation that is not a
 * backup: `catch { await Dexie.delete(name) }` after a failed open, `localStorage.clear()`
 * after a quota error. The handler turns a recoverable failure into certain loss.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { RuleModule } from '../server/src/engine/rule-api';
import { propertyName } from '../server/src/engine/bind';
import { isFunction } from '../server/src/engine/flow';
import { textOf } from './file-state';
import { calleeText, classifiedCallsWithin, lineOf } from './support';

const STORAGE_OPERATIONS = new Set(['localWrite', 'localOpen', 'localRead']);

export const noDestroyOnError: RuleModule<Record<string, never>> = {
  id: 'no-destroy-on-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow destroying local data in the error handler of a storage operation.',
      recommended: true,
    },
    messages: {
      destroyOnError:
        '`{{destroy}}` deletes local data because `{{operation}}` (line {{line}}) failed; a recoverable error (a full disk, a quota, a version conflict) becomes certain loss of everything not yet synced.',
      relatedOperation: 'the storage operation whose failure triggers the deletion',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    // Which operation failed is a guess from the code around the handler; a warning.
    defaultSeverity: 'warn',
  },
  defaultOptions: {},
  check(context) {
    const { file } = context;
    for (const fact of file.facts.destroys) {
      if (fact.effect.disposable || fact.effect.serverScope) continue;
      // A failed upload's handler is no-destroy-before-backup's finding, not this one.
      if (fact.unconfirmed.some((u) => u.reason === 'failurePath')) continue;
      const region = protectedRegion(fact.call);
      if (!region) continue;
      const calls = classifiedCallsWithin(file.facts.calls, region);
      if (calls.some((c) => c.effect.class === 'remoteWrite')) continue;
      // The failure most likely came from the last storage operation guarded.
      const operation = [...calls].reverse().find((c) => STORAGE_OPERATIONS.has(c.effect.class) && c.node !== fact.call && c.node.range[0] < fact.call.range[0]);
      if (!operation) continue;
      // Removing what the failed write half-wrote is cleanup, not loss of older data.
      if (operation.effect.class === 'localWrite' && sameFirstArgument(operation.node, fact.call)) continue;
      if (operation.effect.class === 'localWrite' && secondCopy(operation.node, fact.call, calls, file.source)) continue;
      const data = { destroy: calleeText(file.source, fact.call), operation: calleeText(file.source, operation.node), line: lineOf(operation.node) };
      context.report({
        node: fact.call,
        messageId: 'destroyOnError',
        data,
        related: [{ node: operation.node, messageId: 'relatedOperation' }],
      });
    }
  },
};

/**
 * The code whose failure leads to `node`: the `try` block of the catch it sits in, the
 * promise chain of the `.catch` handler it sits in, or the call whose node-style
 * callback tested `err`.
 */
function protectedRegion(node: TSESTree.Node): TSESTree.Node | null {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === T.CatchClause && parent.body === current) return (parent.parent as TSESTree.TryStatement).block;
    if (isFunction(parent)) {
      const owner = parent.parent;
      if (owner?.type === T.CallExpression && owner.callee.type === T.MemberExpression) {
        const method = propertyName(owner.callee);
        if ((method === 'catch' && owner.arguments[0] === parent) || (method === 'then' && owner.arguments[1] === parent)) return owner.callee.object;
      }
      return null;
    }
    if (parent.type === T.IfStatement && parent.consequent === current && isErrTestOfCallback(parent.test)) {
      const callback = enclosingFunctionOf(parent);
      const call = callback?.parent;
      if (call?.type === T.CallExpression) return call;
    }
    current = parent;
  }
  return null;
}

function isErrTestOfCallback(test: TSESTree.Node): boolean {
  if (test.type !== T.Identifier) return false;
  const fn = enclosingFunctionOf(test);
  const first = fn?.params[0];
  return !!first && first.type === T.Identifier && first.name === test.name && fn?.parent?.type === T.CallExpression;
}

function enclosingFunctionOf(node: TSESTree.Node): TSESTree.FunctionLike | null {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return null;
}

function sameFirstArgument(a: TSESTree.CallExpression | TSESTree.NewExpression, b: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const x = a.arguments[0];
  const y = b.arguments[0];
  if (!x || !y) return false;
  if (x.type === T.Identifier && y.type === T.Identifier) return x.name === y.name;
  if (x.type === T.Literal && y.type === T.Literal) return x.value === y.value;
  return false;
}

/**
 * `await store.setItem('data', json); saveToBackupDb('data', json)` failing, then deleting the
 * backup database: the same value had already been written, by another call, earlier in the
 * same `try`. The handler deletes a broken second copy; the first one is in place.
 */
function secondCopy(
  failed: TSESTree.CallExpression | TSESTree.NewExpression,
  destroy: TSESTree.CallExpression | TSESTree.NewExpression,
  calls: Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; effect: { class: string } }>,
  source: string,
): boolean {
  const text = (n: TSESTree.Node) => textOf(source, n);
  // Only a computed value identifies the data: a bare `data` or a literal says little.
  const payloads = failed.arguments.filter((a) => a.type !== T.Identifier && a.type !== T.Literal && a.type !== T.SpreadElement).map(text);
  if (payloads.length === 0) return false;
  const failedCallee = text(failed.callee);
  return calls.some(
    (c) =>
      c.effect.class === 'localWrite' &&
      c.node.range[1] <= failed.range[0] &&
      text(c.node.callee) !== failedCallee &&
      !sameStore(c.node.callee, destroy.callee, text) &&
      c.node.parent?.type === T.AwaitExpression &&
      c.node.arguments.some((a) => payloads.includes(text(a))),
  );
}

/** `db.notes.put` and `db.delete` act on one store (`db`); `this.setItem` and `this.purgeBackupFile` are two methods. */
function sameStore(a: TSESTree.Node, b: TSESTree.Node, text: (n: TSESTree.Node) => string): boolean {
  if (a.type !== T.MemberExpression || b.type !== T.MemberExpression) return text(a) === text(b);
  const x = text(a.object);
  const y = text(b.object);
  if (x === 'this' || y === 'this') return text(a) === text(b);
  return x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);
}
