/**
 * Logout/reset/wipe functions that delete local user data without first flushing or
 * checking what has not been synced. Offline edits live only on the device until the
 * next sync: wiping first loses them, exactly as the Sidekick resets did.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { RuleModule } from '../server/src/engine/rule-api';
import { splitWords } from '../server/src/engine/classify';
import { childNodes, isFunction } from '../server/src/engine/flow';
import { propertyName } from '../server/src/engine/bind';
import { calleeText, classifiedCallsWithin, functionDisplayName, logicalFunction, namesUiState } from './support';

/** First words (or word pairs) of functions whose job is to wipe the user's local data. */
const RESET_FIRST_WORDS = new Set(['logout', 'signout', 'logoff', 'reset', 'wipe', 'erase']);
const RESET_PAIRS = new Set(['log out', 'sign out', 'log off', 'delete account', 'remove account', 'switch account', 'factory reset', 'clear all', 'clear data', 'clear storage', 'clear local', 'clear user', 'delete all', 'remove all', 'purge local', 'purge all', 'purge data', 'purge user']);
/** Names that flush, sync or ask whether anything is unsynced. */
const FLUSH_OR_CHECK = /(sync|flush|push|upload|replicat|backup|unsynced|pending|outbox|dirty|queue|waitfor|insync|persist|save|export)/i;
/**
 * A confirmation dialog (`confirm(…)`, Electron's `dialog.showMessageBox`): a wipe behind it is
 * what the user chose. The whole name, so `sendConfirmationEmail()` is no dialog.
 */
const ASKS_USER = /^(confirm|showMessageBox(Sync)?)$/i;

function flushesOrAsks(name: string): boolean {
  return FLUSH_OR_CHECK.test(name) || ASKS_USER.test(name);
}

export const noResetWithoutSync: RuleModule<Record<string, never>> = {
  id: 'no-reset-without-sync',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require logout and reset functions to flush or check unsynced changes before wiping local data.',
      recommended: true,
    },
    messages: {
      resetWithoutSync:
        '`{{fn}}` wipes local data with `{{destroy}}` without first flushing or checking unsynced changes; anything edited offline since the last sync is lost.',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    defaultSeverity: 'warn',
  },
  defaultOptions: {},
  check(context) {
    const { file } = context;
    const reported = new Set<TSESTree.Node>();
    const destroys = [...file.facts.destroys].sort((a, b) => a.call.range[0] - b.call.range[0]);
    for (const fact of destroys) {
      if (fact.effect.disposable || fact.effect.serverScope || fact.effect.source === 'summary') continue;
      // Resetting a panel width or a theme deletes a preference, not the user's data.
      const target = fact.call.arguments[0];
      if (target && target.type !== T.SpreadElement && namesUiState(target, file.binder, true)) continue;
      const named = resetFunctionAround(fact.call);
      if (!named || reported.has(named.fn)) continue;
      const { fn, name } = named;
      reported.add(fn);
      const before = classifiedCallsWithin(file.facts.calls, fn).filter((c) => c.node.range[1] <= fact.call.range[0]);
      if (before.some((c) => c.effect.class === 'remoteWrite')) continue;
      if (mentionsFlushOrCheck(fn, fact.call.range[0])) continue;
      context.report({ node: fact.call, messageId: 'resetWithoutSync', data: { fn: name, destroy: calleeText(file.source, fact.call) } });
    }
  },
};

/** The nearest enclosing function named like a reset, up to the function the code logically belongs to. */
function resetFunctionAround(node: TSESTree.Node): { fn: TSESTree.Node; name: string } | null {
  const limit = logicalFunction(node);
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (isFunction(current)) {
      const name = functionDisplayName(current);
      if (name && isResetName(name)) return { fn: current, name };
    }
    if (current === limit) return null;
    current = current.parent;
  }
  return null;
}

export function isResetName(name: string): boolean {
  const words = splitWords(name);
  if (words.length === 0) return false;
  if (RESET_FIRST_WORDS.has(words[0])) return true;
  return words.length > 1 && RESET_PAIRS.has(`${words[0]} ${words[1]}`);
}

/** A call or a condition before the wipe that names a flush or an unsynced-changes check. */
function mentionsFlushOrCheck(fn: TSESTree.Node, before: number): boolean {
  const stack: TSESTree.Node[] = [fn];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range[0] >= before) continue;
    if (node.type === T.CallExpression) {
      const callee = node.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (name && flushesOrAsks(name)) return true;
    }
    if ((node.type === T.IfStatement || node.type === T.ConditionalExpression) && testMentions(node.test)) return true;
    stack.push(...childNodes(node));
  }
  return false;
}

function testMentions(test: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [test];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === T.Identifier && flushesOrAsks(node.name)) return true;
    if (node.type === T.MemberExpression) {
      const prop = propertyName(node);
      if (prop && flushesOrAsks(prop)) return true;
      stack.push(node.object);
    }
    if (node.type === T.UnaryExpression) stack.push(node.argument);
    if (node.type === T.BinaryExpression || node.type === T.LogicalExpression) stack.push(node.left, node.right);
    if (node.type === T.CallExpression) stack.push(node.callee, ...node.arguments);
    if (node.type === T.AwaitExpression) stack.push(node.argument);
  }
  return false;
}
