/**
 * Configuration: `.durabilityrc.json` (JSON with comments) or a `"durability-lint"`
 * key in `package.json`, found upward from each file's directory. Configs cascade
 * like ESLint's legacy `.eslintrc`: every config from the file's directory up to
 * the filesystem root (or the first one marked `"root": true`) applies, and the
 * nearer one wins where they disagree. `--config FILE` replaces the lookup,
 * `--no-config` leaves the built-in defaults.
 *
 * Config is data only: nothing from the workspace is ever required or evaluated,
 * so linting an untrusted checkout cannot run its code.
 *
 * No console and no process exits in here: the language server reuses
 * `ConfigResolver` and decides itself how to surface a `ConfigError`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { EffectiveConfig, ResolvedRuleConfig, RuleOptions, Severity, VocabularyExtension } from '../engine/types';
import { ConfigError, UsageError, type ConfigProblem } from './errors';
import { didYouMeanSuffix } from './did-you-mean';
import { defaultRuleRegistry, findRuleIn, normalizeRuleId, type RuleRegistry } from './rule-registry';
import { parseSeverity, SEVERITY_HINT } from './severity';
import { validateOptions } from './validate-options';
import { displayPath, relativeInside } from './paths';

export const CONFIG_FILE_NAME = '.durabilityrc.json';
export const PACKAGE_JSON_KEY = 'durability-lint';

const TOP_LEVEL_KEYS = ['rules', 'vocabulary', 'ignores', 'root', 'overrides', '$schema'] as const;
const VOCABULARY_KEYS = ['destroy', 'localWrite', 'remoteWrite', 'remoteRead'] as const;
const OVERRIDE_KEYS = ['files', 'rules'] as const;

/** A severity from `--rule id:severity`; it wins over every config file. */
export interface RuleOverride {
  ruleId: string;
  severity: Severity;
}

export interface ConfigOptions {
  /** Base for relative paths and for the paths shown in errors. Defaults to `process.cwd()`. */
  cwd?: string;
  /** A config file to use instead of the lookup (`--config`), or `false` for defaults only (`--no-config`). */
  config?: string | false;
  ruleOverrides?: readonly RuleOverride[];
  /** `--quiet`: rules at warning severity are not run at all, as in ESLint 9. */
  errorsOnly?: boolean;
  rules?: RuleRegistry;
}

interface RuleSetting {
  severity: Severity;
  /** Absent when only the severity was given: the options from farther configs stay. */
  options?: RuleOptions;
}

interface Override {
  matches(relativePath: string): boolean;
  rules: Map<string, RuleSetting>;
}

interface LoadedConfig {
  file: string;
  dir: string;
  root: boolean;
  rules: Map<string, RuleSetting>;
  vocabulary: VocabularyExtension;
  ignores: Ignore | null;
  overrides: Override[];
}

/**
 * Resolves the config for files, caching the files it reads per directory.
 * Keep one per run (CLI) or per workspace and call `clearCache()` when a config
 * file changes (language server).
 */
export class ConfigResolver {
  private readonly cwd: string;
  private readonly registry: RuleRegistry;
  private readonly explicit: LoadedConfig | null | undefined;
  private readonly configInDir = new Map<string, LoadedConfig | null>();
  private readonly chainInDir = new Map<string, LoadedConfig[]>();

  constructor(private readonly options: ConfigOptions = {}) {
    this.cwd = path.resolve(options.cwd ?? process.cwd());
    this.registry = options.rules ?? defaultRuleRegistry();
    for (const override of options.ruleOverrides ?? []) {
      if (!findRuleIn(this.registry, override.ruleId)) {
        throw new UsageError(
          `--rule ${override.ruleId}: unknown rule${didYouMeanSuffix(override.ruleId, this.registry.map((r) => r.id))}`,
        );
      }
    }
    if (typeof options.config === 'string') {
      // Loaded now so a missing or broken --config fails the run before any file is read.
      this.explicit = this.loadFile(path.resolve(this.cwd, options.config), 'rc', true);
    } else if (options.config === false) {
      this.explicit = null;
    }
  }

  clearCache(): void {
    this.configInDir.clear();
    this.chainInDir.clear();
  }

  /** The config files that apply to a file, nearest first. */
  configFilesFor(filePath: string): string[] {
    return this.chainFor(path.resolve(this.cwd, filePath)).map((c) => c.file);
  }

  forFile(filePath: string): EffectiveConfig {
    const absolute = path.resolve(this.cwd, filePath);
    const rules = new Map<string, ResolvedRuleConfig>();
    for (const rule of this.registry) {
      rules.set(rule.id, {
        severity: rule.meta.defaultSeverity === 'error' ? 2 : 1,
        options: { ...(rule.defaultOptions as RuleOptions) },
      });
    }
    const vocabulary: Required<VocabularyExtension> = { destroy: [], localWrite: [], remoteWrite: [], remoteRead: [] };
    const chain = this.chainFor(absolute);
    for (let i = chain.length - 1; i >= 0; i--) {
      const config = chain[i];
      this.applyRules(rules, config.rules);
      const relative = relativeInside(config.dir, absolute);
      if (relative !== undefined) {
        for (const override of config.overrides) {
          if (override.matches(relative)) this.applyRules(rules, override.rules);
        }
      }
      for (const key of VOCABULARY_KEYS) {
        for (const entry of config.vocabulary[key] ?? []) {
          if (!vocabulary[key].includes(entry)) vocabulary[key].push(entry);
        }
      }
    }
    for (const override of this.options.ruleOverrides ?? []) {
      rules.get(override.ruleId)!.severity = override.severity;
    }
    if (this.options.errorsOnly) {
      for (const setting of rules.values()) if (setting.severity === 1) setting.severity = 0;
    }
    return { rules: Object.fromEntries(rules), vocabulary };
  }

  /** Whether a config's `ignores` (relative to that config's directory) exclude the file. */
  isIgnored(filePath: string): boolean {
    const absolute = path.resolve(this.cwd, filePath);
    return this.chainFor(absolute).some((config) => {
      if (!config.ignores) return false;
      const relative = relativeInside(config.dir, absolute);
      return relative !== undefined && config.ignores.ignores(relative);
    });
  }

  private applyRules(target: Map<string, ResolvedRuleConfig>, settings: Map<string, RuleSetting>): void {
    for (const [id, setting] of settings) {
      const current = target.get(id)!;
      current.severity = setting.severity;
      if (setting.options) {
        const rule = findRuleIn(this.registry, id)!;
        current.options = { ...(rule.defaultOptions as RuleOptions), ...setting.options };
      }
    }
  }

  private chainFor(absoluteFile: string): LoadedConfig[] {
    if (this.explicit !== undefined) return this.explicit ? [this.explicit] : [];
    return this.chainForDir(path.dirname(absoluteFile));
  }

  private chainForDir(dir: string): LoadedConfig[] {
    const cached = this.chainInDir.get(dir);
    if (cached) return cached;
    const own = this.configIn(dir);
    let chain: LoadedConfig[];
    if (own?.root) {
      chain = [own];
    } else {
      const parent = path.dirname(dir);
      const above = parent === dir ? [] : this.chainForDir(parent);
      chain = own ? [own, ...above] : above;
    }
    this.chainInDir.set(dir, chain);
    return chain;
  }

  private configIn(dir: string): LoadedConfig | null {
    if (this.configInDir.has(dir)) return this.configInDir.get(dir)!;
    let config: LoadedConfig | null = null;
    const rcFile = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(rcFile)) {
      config = this.loadFile(rcFile, 'rc', false);
    } else {
      const packageFile = path.join(dir, 'package.json');
      if (isFile(packageFile)) config = this.loadFile(packageFile, 'package', false);
    }
    this.configInDir.set(dir, config);
    return config;
  }

  private loadFile(file: string, kind: 'rc' | 'package', explicit: boolean): LoadedConfig | null {
    const shown = this.display(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if (!explicit && kind === 'package') return null;
      throw new ConfigError(shown, [{ path: '', message: `cannot read config file (${(error as NodeJS.ErrnoException).code ?? error})` }]);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const errors: ParseError[] = [];
    const data: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (kind === 'package') {
      // A package.json is not ours to judge: only its "durability-lint" key is config.
      if (errors.length > 0 || !isObject(data) || !(PACKAGE_JSON_KEY in data)) return null;
      return this.validate(data[PACKAGE_JSON_KEY], file, shown, `${PACKAGE_JSON_KEY}.`);
    }
    if (errors.length > 0) {
      throw new ConfigError(shown, errors.map((e) => parseProblem(text, e)));
    }
    return this.validate(data, file, shown, '');
  }

  private validate(data: unknown, file: string, shown: string, prefix: string): LoadedConfig {
    const problems: ConfigProblem[] = [];
    const at = (key: string) => `${prefix}${key}`;
    const config: LoadedConfig = {
      file,
      dir: path.dirname(file),
      root: false,
      rules: new Map(),
      vocabulary: {},
      ignores: null,
      overrides: [],
    };
    if (!isObject(data)) {
      throw new ConfigError(shown, [{ path: prefix.replace(/\.$/, ''), message: `expected an object, got ${describe(data)}` }]);
    }
    for (const [key, value] of Object.entries(data)) {
      switch (key as (typeof TOP_LEVEL_KEYS)[number]) {
        case 'rules':
          config.rules = this.validateRules(value, at('rules'), problems);
          break;
        case 'vocabulary':
          config.vocabulary = validateVocabulary(value, at('vocabulary'), problems);
          break;
        case 'ignores': {
          const patterns = validateStringArray(value, at('ignores'), problems);
          // gitignore syntax, as ESLint's ignorePatterns: `dist/` and `*.gen.ts` match at any depth.
          if (patterns.length > 0) config.ignores = ignore().add(patterns);
          break;
        }
        case 'root':
          if (typeof value === 'boolean') config.root = value;
          else problems.push({ path: at('root'), message: `expected a boolean, got ${describe(value)}` });
          break;
        case 'overrides':
          config.overrides = this.validateOverrides(value, at('overrides'), problems);
          break;
        case '$schema':
          break;
        default:
          problems.push({
            path: at(key),
            message: `unknown key${didYouMeanSuffix(key, TOP_LEVEL_KEYS.filter((k) => k !== '$schema'))}; expected one of ${TOP_LEVEL_KEYS.filter((k) => k !== '$schema').join(', ')}`,
          });
      }
    }
    if (problems.length > 0) throw new ConfigError(shown, problems);
    return config;
  }

  private validateRules(value: unknown, where: string, problems: ConfigProblem[]): Map<string, RuleSetting> {
    const settings = new Map<string, RuleSetting>();
    if (!isObject(value)) {
      problems.push({ path: where, message: `expected an object of rule id to severity, got ${describe(value)}` });
      return settings;
    }
    for (const [rawId, entry] of Object.entries(value)) {
      const keyPath = `${where}.${rawId}`;
      const id = normalizeRuleId(rawId);
      const rule = findRuleIn(this.registry, id);
      if (!rule) {
        problems.push({ path: keyPath, message: `unknown rule${didYouMeanSuffix(id, this.registry.map((r) => r.id))}` });
        continue;
      }
      const [severityValue, options] = Array.isArray(entry) ? entry : [entry];
      const severityPath = Array.isArray(entry) ? `${keyPath}[0]` : keyPath;
      if (Array.isArray(entry) && (entry.length === 0 || entry.length > 2)) {
        problems.push({ path: keyPath, message: `expected [severity] or [severity, options], got an array of ${entry.length}` });
        continue;
      }
      const severity = parseSeverity(severityValue);
      if (severity === undefined) {
        problems.push({ path: severityPath, message: `invalid severity ${JSON.stringify(severityValue) ?? String(severityValue)}; expected ${SEVERITY_HINT}` });
        continue;
      }
      const setting: RuleSetting = { severity };
      if (Array.isArray(entry) && entry.length === 2) {
        const schema = rule.meta.schema[0];
        const optionsPath = `${keyPath}[1]`;
        if (!schema) {
          problems.push({ path: optionsPath, message: 'this rule takes no options' });
          continue;
        }
        const optionProblems = validateOptions(options, schema);
        if (optionProblems.length > 0) {
          for (const p of optionProblems) problems.push({ path: optionsPath + p.path, message: p.message });
          continue;
        }
        setting.options = options as RuleOptions;
      }
      settings.set(id, setting);
    }
    return settings;
  }

  private validateOverrides(value: unknown, where: string, problems: ConfigProblem[]): Override[] {
    if (!Array.isArray(value)) {
      problems.push({ path: where, message: `expected an array of { files, rules }, got ${describe(value)}` });
      return [];
    }
    const overrides: Override[] = [];
    value.forEach((item, index) => {
      const itemPath = `${where}[${index}]`;
      if (!isObject(item)) {
        problems.push({ path: itemPath, message: `expected an object with files and rules, got ${describe(item)}` });
        return;
      }
      for (const key of Object.keys(item)) {
        if (!(OVERRIDE_KEYS as readonly string[]).includes(key)) {
          problems.push({ path: `${itemPath}.${key}`, message: `unknown key${didYouMeanSuffix(key, OVERRIDE_KEYS)}; expected files or rules` });
        }
      }
      const files = typeof item.files === 'string' ? [item.files] : validateStringArray(item.files, `${itemPath}.files`, problems);
      if (files.length === 0) {
        if (typeof item.files === 'string' || Array.isArray(item.files)) {
          problems.push({ path: `${itemPath}.files`, message: 'expected at least one glob' });
        }
        return;
      }
      // As ESLint's overrides: relative to the config's directory, and a pattern without a
      // slash (`*.test.ts`) matches the file name at any depth.
      const matches = picomatch(
        files.map((glob) => (glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`)),
        { dot: true },
      );
      const rules = item.rules === undefined ? new Map<string, RuleSetting>() : this.validateRules(item.rules, `${itemPath}.rules`, problems);
      overrides.push({ matches: (relative) => matches(relative), rules });
    });
    return overrides;
  }

  private display(file: string): string {
    return displayPath(this.cwd, file);
  }
}

/** Convenience for one-off lookups; keep a `ConfigResolver` to benefit from its cache. */
export function resolveConfigForFile(filePath: string, options: ConfigOptions = {}): EffectiveConfig {
  return new ConfigResolver(options).forFile(filePath);
}

function validateVocabulary(value: unknown, where: string, problems: ConfigProblem[]): VocabularyExtension {
  const vocabulary: VocabularyExtension = {};
  if (!isObject(value)) {
    problems.push({ path: where, message: `expected an object with ${VOCABULARY_KEYS.join(', ')}, got ${describe(value)}` });
    return vocabulary;
  }
  for (const [key, entries] of Object.entries(value)) {
    if (!(VOCABULARY_KEYS as readonly string[]).includes(key)) {
      problems.push({
        path: `${where}.${key}`,
        message: `unknown vocabulary class${didYouMeanSuffix(key, VOCABULARY_KEYS)}; expected one of ${VOCABULARY_KEYS.join(', ')}`,
      });
      continue;
    }
    vocabulary[key as (typeof VOCABULARY_KEYS)[number]] = validateStringArray(entries, `${where}.${key}`, problems);
  }
  return vocabulary;
}

function validateStringArray(value: unknown, where: string, problems: ConfigProblem[]): string[] {
  if (!Array.isArray(value)) {
    problems.push({ path: where, message: `expected an array of strings, got ${describe(value)}` });
    return [];
  }
  const strings: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string' && item.trim().length > 0) strings.push(item);
    else problems.push({ path: `${where}[${index}]`, message: `expected a non-empty string, got ${describe(item)}` });
  });
  return strings;
}

function parseProblem(text: string, error: ParseError): ConfigProblem {
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
  const words = printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { path: '', line, column, message: `invalid JSON: ${words}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isFile(file: string): boolean {
  try {
    // No exception for the common "not here": a run looks in every directory it lints.
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
