/**
 * A write whose promise nobody waits for: its failure is lost and the code after it
 * runs as if the data were saved.
 */
import type { FloatingKind } from '../server/src/engine/facts';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { insertBefore } from '../server/src/engine/source-edits';
import { calleeText, isRemovalFunction, writesNoUserData } from './support';

interface Options {
  ignoreVoid: boolean;
  reportProjectFunctions: boolean;
}

const MESSAGE_BY_KIND: Record<FloatingKind, string> = {
  dropped: 'dropped',
  voided: 'voided',
  chainWithoutCatch: 'chainWithoutCatch',
  asyncCallbackDropped: 'asyncCallbackDropped',
};

export const noFloatingWrite: RuleModule<Options> = {
  id: 'no-floating-write',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require writes and syncs that return a promise to be awaited, returned or handled.',
      recommended: true,
    },
    messages: {
      dropped:
        'The {{noun}} `{{api}}` returns a promise nobody awaits; if it fails, nobody finds out and the code after it carries on as if it had happened.',
      voided:
        '`void` discards the promise of the {{noun}} `{{api}}`; if it fails, nobody finds out.',
      chainWithoutCatch:
        'The promise chain of the {{noun}} `{{api}}` is neither awaited nor given a rejection handler, so a failure is silently lost.',
      asyncCallbackDropped:
        '`forEach` does not wait for this async callback: the {{noun}} `{{api}}` may still be running, or have failed unseen, when the code after the loop runs.',
      suggestAwait: 'Add `await`',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ignoreVoid: { type: 'boolean', default: true, description: 'Treat `void write()` as an explicit, reviewed fire-and-forget.' },
          reportProjectFunctions: {
            type: 'boolean',
            default: false,
            description: 'Also report calls of project functions that write somewhere inside, judged by what they do.',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    // Reviewed on real code: about a third of dropped promises were fire-and-forget work the
    // author accepted; a warning, not a failed build.
    defaultSeverity: 'warn',
  },
  defaultOptions: { ignoreVoid: true, reportProjectFunctions: false },
  check(context) {
    const { file, options } = context;
    for (const fact of file.facts.floatingWrites) {
      if (fact.kind === 'voided' && options.ignoreVoid) continue;
      if (fact.effect.source === 'summary') {
        // Reviewed on real code, most dropped calls of project functions were UI state, telemetry,
        // sessions or work that handles its own failure: reported only on request.
        if (!options.reportProjectFunctions) continue;
        // It catches every failure of its writes itself: awaiting it would see none.
        if (fact.effect.neverRejects || isRemovalFunction(fact.effect)) continue;
      }
      if (writesNoUserData(fact.call, fact.effect, file.binder, file.source)) continue;
      const data = { api: fact.effect.source === 'summary' ? fact.effect.api : calleeText(file.source, fact.call), noun: fact.effect.noun };
      const suggest: ReportSuggestion[] = [];
      if (fact.canAwait && (fact.kind === 'dropped' || fact.kind === 'chainWithoutCatch')) {
        suggest.push({ messageId: 'suggestAwait', data, fix: insertBefore(fact.dropped, 'await ') });
      }
      context.report({ node: fact.call, messageId: MESSAGE_BY_KIND[fact.kind], data, suggest });
    }
  },
};
