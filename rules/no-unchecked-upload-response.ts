/**
 * An upload through a client that resolves on HTTP errors (fetch; ky/got with
 * `throwHttpErrors: false`; axios with `validateStatus: () => true`) whose status is
 * never looked at: a 500 counts as saved.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import type { UncheckedResponseFact } from '../server/src/engine/facts';
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
      if (bodyDecidesOutcome(fact, file.binder)) continue;
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

/**
 * `const json = await res.json(); if (json.id) … else …`: the code branches on what the server
 * answered — an error page or an error object has no `id` — so the failure has a path of its own.
 */
function bodyDecidesOutcome(fact: UncheckedResponseFact, binder: Binder): boolean {
  const response = fact.responseVariable ? binder.variableOf(fact.responseVariable) : null;
  if (!response) return false;
  for (const ref of response.references) {
    if (!ref.isRead()) continue;
    const member = ref.identifier.parent;
    if (member?.type !== T.MemberExpression || member.object !== ref.identifier || !['json', 'text'].includes(propertyName(member) ?? '')) continue;
    const call = member.parent;
    if (call?.type !== T.CallExpression || call.callee !== member || call.parent?.type !== T.AwaitExpression) continue;
    const declarator = call.parent.parent;
    if (declarator?.type !== T.VariableDeclarator || declarator.id.type !== T.Identifier) continue;
    const body = binder.variableOf(declarator.id);
    if (body?.references.some((r) => {
      const m = (r.identifier as TSESTree.Node).parent;
      return r.isRead() && m?.type === T.MemberExpression && /^(id|ok|success|succeeded|error|errors|status|code)$/.test(propertyName(m) ?? '') && inTest(m);
    })) return true;
  }
  return false;
}

/** The body, or a property of it, is (part of) the condition of an `if`, `?:`, loop or `switch`. */
function inTest(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let i = 0; i < 8 && current.parent; i++) {
    const parent: TSESTree.Node = current.parent;
    if ((parent.type === T.IfStatement || parent.type === T.ConditionalExpression || parent.type === T.WhileStatement) && parent.test === current) return true;
    if (parent.type === T.SwitchStatement && parent.discriminant === current) return true;
    if (
      (parent.type === T.MemberExpression && parent.object === current) ||
      parent.type === T.UnaryExpression ||
      parent.type === T.LogicalExpression ||
      parent.type === T.BinaryExpression ||
      parent.type === T.ChainExpression
    ) {
      current = parent;
      continue;
    }
    return false;
  }
  return false;
}
