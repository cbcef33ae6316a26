/**
 * An upload through a client that resolves on HTTP errors (fetch; ky/got with
 * `throwHttpErrors: false`; axios with `validateStatus: () => true`) whose status is
 * never looked at: a 500 counts as saved.
 */
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { bindAndCheck, calleeText, insertStatusCheck } from './support';

export const noUncheckedUploadResponse: RuleModule<Record<string, never>> = {
  id: 'no-unchecked-upload-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the HTTP status of an upload to be checked when the client does not reject on HTTP errors.',
      recommended: true,
    },
    messages: {
      unchecked:
        '`{{api}}` resolves even when the server answers 4xx/5xx, and this code never checks the status, so a failed {{noun}} is treated as saved.',
      suggestCheck: 'Throw when the response is not OK',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    hasSuggestions: true,
    defaultSeverity: 'error',
  },
  defaultOptions: {},
  check(context) {
    const { file } = context;
    for (const fact of file.facts.uncheckedResponses) {
      const data = { api: calleeText(file.source, fact.call), noun: fact.effect.noun };
      const suggest: ReportSuggestion[] = [];
      if (fact.responseVariable && fact.declaration) {
        const fix = insertStatusCheck(file.source, fact.declaration, fact.responseVariable.name, fact.effect);
        if (fix) suggest.push({ messageId: 'suggestCheck', fix });
      } else if (fact.discardedStatement) {
        suggest.push({ messageId: 'suggestCheck', fix: bindAndCheck(file.source, fact.discardedStatement, fact.effect) });
      }
      context.report({ node: fact.call, messageId: 'unchecked', data, suggest });
    }
  },
};
