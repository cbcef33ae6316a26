/**
 * A failed write or sync whose error is caught and dropped: the user believes the
 * data was saved, and it is lost at the next reset, reinstall or device change.
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { SwallowedErrorFact } from '../server/src/engine/facts';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { isReferenceableName } from '../server/src/engine/source-edits';
import { calleeText } from './support';

interface Options {
  reportLogOnly: boolean;
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
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultSeverity: 'warn',
  },
  defaultOptions: { reportLogOnly: false },
  check(context) {
    const { file, options } = context;
    for (const fact of file.facts.swallowedErrors) {
      if (fact.logOnly && !options.reportLogOnly) continue;
      const data = { api: fact.effect.source === 'summary' ? fact.effect.api : calleeText(file.source, fact.write as TSESTree.CallExpression), noun: fact.effect.noun };
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
