/** Every rule at its default severity and options: what a project with no config gets. */
import { allRules } from '../../../rules';
import type { EffectiveConfig } from './types';

export function defaultConfig(): EffectiveConfig {
  const rules: EffectiveConfig['rules'] = {};
  for (const rule of allRules) {
    rules[rule.id] = { severity: rule.meta.defaultSeverity === 'error' ? 2 : 1, options: { ...rule.defaultOptions } };
  }
  return { rules, vocabulary: {} };
}
