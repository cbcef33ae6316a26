/**
 * `--fix-type`: ESLint's filter of fixes by the reporting rule's `meta.type`. Our
 * rules are `problem` or `suggestion`; `layout` is accepted for command lines
 * shared with ESLint and matches no rule.
 */
import type { LintOptions } from '../engine/lint';
import type { RuleModule } from '../engine/rule-api';
import type { FileResult, LintMessage } from '../engine/types';
import type { FixType } from './args';

/** What the engine is asked to fix: nothing, everything, or the fixes of these rule types. */
export type FixRequest = false | true | FixType[];

export function fixOption(request: FixRequest, rules: readonly RuleModule<any>[]): LintOptions['fix'] {
  if (request === false || request === true) return request;
  const types = new Map(rules.map((rule) => [rule.id, rule.meta.type as string]));
  return (message: LintMessage) => message.ruleId !== null && request.includes((types.get(message.ruleId) ?? '') as FixType);
}

/** Whether fixing could change a file whose plain lint result this is. */
export function hasApplicableFix(result: FileResult, request: FixRequest, rules: readonly RuleModule<any>[]): boolean {
  if (request === false) return false;
  const option = fixOption(request, rules);
  return result.messages.some((m) => m.fix !== undefined && (option === true || (typeof option === 'function' && option(m))));
}
