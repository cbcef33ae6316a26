/**
 * A write whose promise nobody waits for: its failure is lost and the code after it
 * runs as if the data were saved.
 */
import type { FloatingKind } from '../server/src/engine/facts';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { insertBefore } from '../server/src/engine/source-edits';
import { calleeText } from './support';

interface Options {
  ignoreVoid: boolean;
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
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    // Reviewed on real code: about a third of dropped promises were fire-and-forget work the
    // author accepted; a warning, not a failed build.
    defaultSeverity: 'warn',
  },
  defaultOptions: { ignoreVoid: true },
  check(context) {
    const { file, options } = context;
    for (const fact of file.facts.floatingWrites) {
      if (fact.kind === 'voided' && options.ignoreVoid) continue;
      const data = { api: fact.effect.source === 'summary' ? fact.effect.api : calleeText(file.source, fact.call), noun: fact.effect.noun };
      const suggest: ReportSuggestion[] = [];
      if (fact.canAwait && (fact.kind === 'dropped' || fact.kind === 'chainWithoutCatch')) {
        suggest.push({ messageId: 'suggestAwait', data, fix: insertBefore(fact.dropped, 'await ') });
      }
      context.report({ node: fact.call, messageId: MESSAGE_BY_KIND[fact.kind], data, suggest });
    }
  },
};
