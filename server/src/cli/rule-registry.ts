/**
 * The set of rules the CLI validates config against, lists, and enables by
 * default. Passed in rather than imported at each use so tests (and future
 * plugin loading) can supply their own list.
 */
import type { RuleModule } from '../engine/rule-api';
import { allRules } from '../../../rules';

export type RuleRegistry = readonly RuleModule<any>[];

export function defaultRuleRegistry(): RuleRegistry {
  return allRules;
}

/** Accepts the ESLint plugin's spelling (`durability/<id>`) so configs can be shared. */
export function normalizeRuleId(id: string): string {
  return id.startsWith('durability/') ? id.slice('durability/'.length) : id;
}

export function findRuleIn(registry: RuleRegistry, id: string): RuleModule<any> | undefined {
  return registry.find((rule) => rule.id === id);
}
