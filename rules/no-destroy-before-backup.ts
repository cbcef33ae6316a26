/**
 * The Sidekick rule: local data destroyed before its remote copy is confirmed.
 * The flow model reports, per destructive call, the remote writes that may be
 * unconfirmed on some path reaching it; this rule words that and offers the safe
 * rearrangements as suggestions (never as automatic fixes: which upload covers which
 * data is the author's call).
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import { basename } from 'node:path';
import type { DestroyFact, UnconfirmedReason, UnconfirmedWrite } from '../server/src/engine/facts';
import type { ReportRelated, ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import { isFunction } from '../server/src/engine/flow';
import { insertBefore, moveStatementAfter } from '../server/src/engine/source-edits';
import { calleeText, enclosingStatement, insertStatusCheck, lineOf } from './support';

const REASON_ORDER: UnconfirmedReason[] = ['failurePath', 'swallowed', 'unchecked', 'floating', 'precedes'];

export const noDestroyBeforeBackup: RuleModule<Record<string, never>> = {
  id: 'no-destroy-before-backup',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow destroying local data before its remote backup is confirmed.',
      recommended: true,
    },
    messages: {
      precedes:
        '`{{destroy}}` deletes local data before `{{write}}` (line {{line}}) has sent it; if that {{noun}} fails, the only copy is gone.',
      floating:
        '`{{destroy}}` runs while `{{write}}` (line {{line}}) is still in flight because nobody awaits it; if that {{noun}} fails, the only copy is gone.',
      unchecked:
        '`{{destroy}}` runs after `{{write}}` (line {{line}}) without checking its HTTP status, so a 500 response still deletes the only copy.',
      failurePath:
        '`{{destroy}}` runs when `{{write}}` (line {{line}}) fails, deleting the local copy exactly when the {{noun}} did not happen.',
      swallowed:
        '`{{destroy}}` also runs when `{{write}}` (line {{line}}) failed, because that failure is caught and ignored earlier; the only copy is then deleted.',
      summaryFloating:
        '`{{destroy}}` runs after `{{write}}` (line {{line}}), which starts its {{noun}} `{{inner}}` ({{innerAt}}) without waiting for it; if it fails, the only copy is gone.',
      summarySwallowed:
        '`{{destroy}}` runs even when `{{write}}` (line {{line}}) failed: it catches the failure of its {{noun}} `{{inner}}` ({{innerAt}}) and resolves anyway, so the only copy is deleted.',
      summaryUnchecked:
        '`{{destroy}}` runs after `{{write}}` (line {{line}}), which never checks the HTTP status of its {{noun}} `{{inner}}` ({{innerAt}}); a 500 response still deletes the only copy.',
      relatedWrite: 'the {{noun}} this deletion should wait for',
      relatedInner: 'where `{{write}}` loses the outcome of its {{noun}}',
      suggestAwait: 'Await `{{write}}` before deleting',
      suggestCheck: 'Throw when the {{noun}} response is not OK',
      suggestMove: 'Move `{{destroy}}` after the confirmed {{noun}}',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    hasSuggestions: true,
    defaultSeverity: 'error',
  },
  defaultOptions: {},
  check(context) {
    const { file } = context;
    for (const fact of file.facts.destroys) {
      if (fact.unconfirmed.length === 0) continue;
      const primary = pickPrimary(fact);
      const write = primary.write as TSESTree.CallExpression;
      const destroyName = calleeText(file.source, fact.call);
      const writeName = primary.effect.source === 'summary' ? primary.effect.api : calleeText(file.source, write);
      const inner = primary.effect.because;
      const data = {
        destroy: destroyName,
        write: writeName,
        line: lineOf(write),
        noun: primary.effect.noun,
        inner: inner?.api ?? '',
        innerAt: inner ? `${inner.filePath ? `${basename(inner.filePath)}:` : 'line '}${inner.node.loc.start.line}` : '',
      };
      const related: ReportRelated[] = [{ node: write as TSESTree.Node, messageId: 'relatedWrite', data }];
      if (primary.effect.source === 'summary' && inner && primary.reason !== 'precedes') {
        related.push({ node: inner.node, messageId: 'relatedInner', data, filePath: inner.filePath });
      }
      context.report({
        node: fact.call,
        messageId: messageFor(primary),
        data,
        related,
        suggest: suggestionsFor(file.source, fact, primary, data),
      });
    }
  },
};

function pickPrimary(fact: DestroyFact): UnconfirmedWrite {
  return [...fact.unconfirmed].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason))[0];
}

function messageFor(u: UnconfirmedWrite): string {
  if (u.effect.source === 'summary' && u.reason !== 'precedes' && u.reason !== 'failurePath') {
    if (u.effect.outcome === 'floatsInside') return 'summaryFloating';
    if (u.effect.outcome === 'swallows') return 'summarySwallowed';
    if (u.effect.outcome === 'needsStatusCheck' && u.reason === 'unchecked') return 'summaryUnchecked';
  }
  return u.reason;
}

function suggestionsFor(source: string, fact: DestroyFact, primary: UnconfirmedWrite, data: Record<string, string | number>): ReportSuggestion[] {
  const write = primary.write;
  const suggestions: ReportSuggestion[] = [];
  if (primary.reason === 'floating' && write.parent?.type === T.ExpressionStatement && inAsyncFunction(write)) {
    suggestions.push({ messageId: 'suggestAwait', data, fix: insertBefore(write, 'await ') });
  }
  if (primary.reason === 'unchecked' && primary.effect.source !== 'summary') {
    const declarator = write.parent?.type === T.AwaitExpression ? write.parent.parent : null;
    if (declarator?.type === T.VariableDeclarator && declarator.id.type === T.Identifier && declarator.parent?.type === T.VariableDeclaration) {
      const fix = insertStatusCheck(source, declarator.parent, declarator.id.name, primary.effect);
      if (fix) suggestions.push({ messageId: 'suggestCheck', data, fix });
    }
  }
  if (primary.reason === 'precedes') {
    const destroyStatement = enclosingStatement(fact.call);
    const writeStatement = enclosingStatement(write);
    if (
      destroyStatement &&
      writeStatement &&
      destroyStatement.type === T.ExpressionStatement &&
      destroyStatement.parent === writeStatement.parent &&
      primary.effect.outcome === 'rejects' &&
      isAwaitedStatement(writeStatement, write)
    ) {
      const edit = moveStatementAfter(source, destroyStatement, writeStatement);
      if (edit) suggestions.push({ messageId: 'suggestMove', data, fix: edit });
    }
  }
  return suggestions;
}

/** `await upload()` / `const r = await upload()` — after it, the upload is done (or threw). */
function isAwaitedStatement(statement: TSESTree.Statement, write: TSESTree.Node): boolean {
  const parent = write.parent;
  if (parent?.type !== T.AwaitExpression) return false;
  if (statement.type === T.ExpressionStatement) return statement.expression === parent;
  if (statement.type === T.VariableDeclaration) return statement.declarations.some((d) => d.init === parent);
  return false;
}

function inAsyncFunction(node: TSESTree.Node): boolean {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current.async;
    current = current.parent;
  }
  return false;
}
