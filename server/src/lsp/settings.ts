/**
 * Settings arrive from editors we do not control (VS Code's settings.json, a
 * Neovim Lua table, Helix TOML): anything may be missing or of the wrong type, so
 * every field falls back to its default instead of failing the document.
 */
import { DEFAULT_SETTINGS, type CustomSeverity, type RuleCustomization, type Settings } from './protocol';

const SEVERITIES: readonly CustomSeverity[] = ['off', 'info', 'warn', 'error', 'default'];

export function normalizeSettings(raw: unknown): Settings {
  const value = isObject(raw) ? raw : {};
  const codeAction = isObject(value.codeAction) ? value.codeAction : {};
  const disable = isObject(codeAction.disableRuleComment) ? codeAction.disableRuleComment : {};
  const defaults = DEFAULT_SETTINGS.codeAction.disableRuleComment;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' || value.run === 'onType' ? value.run : DEFAULT_SETTINGS.run,
    rules: normalizeCustomizations(value.rules),
    codeAction: {
      disableRuleComment: {
        enable: typeof disable.enable === 'boolean' ? disable.enable : defaults.enable,
        location: disable.location === 'sameLine' || disable.location === 'separateLine' ? disable.location : defaults.location,
      },
    },
  };
}

function normalizeCustomizations(raw: unknown): RuleCustomization[] {
  if (!Array.isArray(raw)) {
    // The object form `{ "no-floating-write": "off" }` is what people type first.
    if (isObject(raw)) return normalizeCustomizations(Object.entries(raw).map(([rule, severity]) => ({ rule, severity })));
    return [];
  }
  const result: RuleCustomization[] = [];
  for (const item of raw) {
    if (!isObject(item) || typeof item.rule !== 'string') continue;
    const severity = item.severity === 'warning' ? 'warn' : item.severity;
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity as CustomSeverity)) continue;
    result.push({ rule: item.rule.trim(), severity: severity as CustomSeverity });
  }
  return result;
}

/**
 * The customization that applies to a rule: the last matching entry wins, so a
 * broad `*` followed by a specific id reads top to bottom like CSS.
 */
export function customSeverityFor(ruleId: string, customizations: readonly RuleCustomization[]): CustomSeverity | undefined {
  let found: CustomSeverity | undefined;
  for (const entry of customizations) {
    if (ruleGlobMatches(entry.rule, ruleId)) found = entry.severity;
  }
  return found === 'default' ? undefined : found;
}

function ruleGlobMatches(pattern: string, ruleId: string): boolean {
  const bare = pattern.startsWith('durability/') ? pattern.slice('durability/'.length) : pattern;
  const negated = bare.startsWith('!');
  const body = negated ? bare.slice(1) : bare;
  const regex = new RegExp(`^${body.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(ruleId) !== negated;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
