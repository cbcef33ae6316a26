/**
 * A failed write or sync whose error is caught and dropped: the user believes the
 * data was saved, and it is lost at the next reset, reinstall or device change.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { isObservedWrite } from '../server/src/engine/call-facts';
import type { CallEffect } from '../server/src/engine/effects';
import type { SwallowedErrorFact } from '../server/src/engine/facts';
import { innermostFunction } from '../server/src/engine/flow';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { isReferenceableName } from '../server/src/engine/source-edits';
import { calleeText, isRemovalFunction, within, writesNoUserData } from './support';
import { textOf } from './file-state';
import { nearestCatch } from '../server/src/engine/analyze';

interface Options {
  reportLogOnly: boolean;
  reportPreferenceWrites: boolean;
}

export const noSwallowedWriteError: RuleModule<Options> = {
  id: 'no-swallowed-write-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow catching a failed write or sync and carrying on as if it succeeded.',
      recommended: true,
    },
    messages: {
      swallowed:
        'This handler drops the failure of the {{noun}} `{{api}}`: nobody is told it did not happen, and the data is lost when the local copy goes.',
      logOnly:
        'This handler only logs the failure of the {{noun}} `{{api}}`: the user is not told it did not happen, and the data is lost when the local copy goes.',
      ignoredCallbackError:
        'This callback ignores the `err` of the {{noun}} `{{api}}`: a failed write looks exactly like a successful one.',
      suggestRethrow: 'Rethrow the error so callers see the failure',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportLogOnly: { type: 'boolean', default: false, description: 'Also report handlers that only log the error.' },
          reportPreferenceWrites: {
            type: 'boolean',
            default: false,
            description: 'Also report writes of UI state, settings, logs or a fixed value (a flag, a signal).',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultSeverity: 'warn',
  },
  defaultOptions: { reportLogOnly: false, reportPreferenceWrites: false },
  check(context) {
    const { file, options } = context;
    for (const fact of file.facts.swallowedErrors) {
      if (fact.logOnly && !options.reportLogOnly) continue;
      // The handler may receive the failure of several writes: it matters if one of them holds user data.
      const lost = writesReaching(fact, file.facts.calls).find(
        ({ call, effect }) => !copiedBeforeDelete(call, fact, file.facts.calls, file.source) && mayHoldUserData(call, effect, file.binder, file.source, options.reportPreferenceWrites),
      );
      if (!lost) continue;
      const data = { api: lost.effect.source === 'summary' ? lost.effect.api : calleeText(file.source, lost.call), noun: lost.effect.noun };
      const messageId = fact.kind === 'nodeCallback' && !fact.logOnly ? 'ignoredCallbackError' : fact.logOnly ? 'logOnly' : 'swallowed';
      context.report({
        node: fact.handler,
        range: reportRange(fact),
        messageId,
        data,
        suggest: rethrowSuggestion(file.source, fact),
      });
    }
  },
};

type Calls = ReadonlyMap<TSESTree.Node, readonly CallEffect[]>;
interface Write {
  call: TSESTree.CallExpression;
  effect: CallEffect;
}

/** The writes whose failure reaches the handler: every observed write its `try` covers, or the one write of a chain or callback. */
function writesReaching(fact: SwallowedErrorFact, calls: Calls): Write[] {
  const first: Write = { call: fact.write as TSESTree.CallExpression, effect: fact.effect };
  if (fact.handler.type !== T.CatchClause) return [first];
  const block = (fact.handler.parent as TSESTree.TryStatement).block;
  const out: Write[] = [first];
  for (const [node, effects] of calls) {
    if (node === fact.write || node.type !== T.CallExpression || !within(node, block) || nearestCatch(node) !== fact.handler) continue;
    for (const effect of effects) if (isObservedWrite(node, effect)) out.push({ call: node, effect });
  }
  return out.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

/**
 * A copy whose source is deleted later in the same `try` (a move): when the copy fails, the
 * delete is skipped and the data stays where it was.
 */
function copiedBeforeDelete(call: TSESTree.CallExpression, fact: SwallowedErrorFact, calls: Calls, source: string): boolean {
  if (fact.handler.type !== T.CatchClause) return false;
  const block = (fact.handler.parent as TSESTree.TryStatement).block;
  const fn = innermostFunction(call);
  for (const [node, effects] of calls) {
    if (node.range[0] <= call.range[1] || !within(node, block) || innermostFunction(node) !== fn) continue;
    if (node.type !== T.CallExpression || !call.arguments[0] || !node.arguments[0] || textOf(source, node.arguments[0]) !== textOf(source, call.arguments[0])) continue;
    if (effects.some((e) => e.class === 'destroy' && !e.disposable && !e.serverScope)) return true;
  }
  return false;
}

/**
 * Whether the failed write may have held something the user made: not a failed delete, and —
 * unless `reportPreferenceWrites` — not a write of UI state, settings, a log or a fixed value.
 */
function mayHoldUserData(call: TSESTree.CallExpression, effect: CallEffect, binder: Binder, source: string, reportPreferenceWrites: boolean): boolean {
  if (isRemovalFunction(effect)) return false;
  return reportPreferenceWrites || !writesNoUserData(call, effect, binder, source);
}

/** A catch clause is reported on `catch (e) {`, not on its whole body. */
function reportRange(fact: SwallowedErrorFact): [number, number] | undefined {
  const handler = fact.handler;
  if (handler.type === T.CatchClause) return [handler.range[0], handler.body.range[0] + 1];
  return undefined;
}

function rethrowSuggestion(source: string, fact: SwallowedErrorFact): ReportSuggestion[] {
  const handler = fact.handler;
  if (handler.type !== T.CatchClause || fact.logOnly) return [];
  const body = handler.body;
  if (handler.param && handler.param.type !== T.Identifier) return [];
  const name = handler.param?.type === T.Identifier ? handler.param.name : 'error';
  if (!isReferenceableName(name)) return [];
  // Only an empty body is rewritten; a comment there is the author's reasoning and stays their call.
  if (source.slice(body.range[0] + 1, body.range[1] - 1).trim().length > 0) return [];
  const text = handler.param ? `{ throw ${name}; }` : `(${name}) { throw ${name}; }`;
  const start = handler.param ? body.range[0] : sourceIndexAfterCatch(source, handler);
  return [{ messageId: 'suggestRethrow', fix: { range: [start, body.range[1]], text } }];
}

function sourceIndexAfterCatch(source: string, handler: TSESTree.CatchClause): number {
  // `catch {` → `catch (error) {`: replace from just after the keyword.
  const keyword = source.indexOf('catch', handler.range[0]);
  let i = keyword + 'catch'.length;
  while (source[i] === ' ' || source[i] === '\t') i++;
  return i === handler.body.range[0] ? keyword + 'catch'.length + 1 : handler.body.range[0];
}
