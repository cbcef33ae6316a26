/** The rule registry: every rule the engine knows, in documentation order. */
import type { RuleModule } from '../server/src/engine/rule-api';

export const allRules: RuleModule<any>[] = [];

export function findRule(id: string): RuleModule<any> | undefined {
  return allRules.find((rule) => rule.id === id);
}
