/**
 * The baseline: how many findings of each rule each file had when the team adopted
 * the tool, in the shape of ESLint's `eslint-suppressions.json`:
 *
 *   { "src/sync.ts": { "no-floating-write": { "count": 2 } } }
 *
 * A later run hides a file's findings of a rule while there are no more of them
 * than recorded. When there are more, all of them are reported: the baseline
 * counts findings, it cannot tell which one is new (ESLint behaves the same way).
 * Entries whose findings are gone are "stale" — they would hide the next new
 * finding in that file for free — and `--prune-baseline` lowers or removes them.
 *
 * Paths are relative to the baseline file's folder, with forward slashes, so the
 * file is the same on every machine and checkout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileResult, LintMessage } from '../engine/types';
import { ConfigError } from './errors';
import { displayPath, relativeInside, toPosix } from './paths';
import { recount } from './result-counts';
import { writeFileAtomic } from './write-file';

export const BASELINE_FILE_NAME = 'durability-lint-baseline.json';

type Counts = Record<string, Record<string, { count: number }>>;

export interface StaleEntry {
  file: string;
  ruleId: string;
  recorded: number;
  found: number;
}

export interface ExceededEntry {
  file: string;
  ruleId: string;
  recorded: number;
  found: number;
}

export interface BaselineOutcome {
  stale: StaleEntry[];
  exceeded: ExceededEntry[];
}

/** Whether a rule ran on a file in this run; a rule that did not run cannot show that an entry went stale. */
export type RuleRanOn = (absoluteFile: string, ruleId: string) => boolean;

export class Baseline {
  private readonly dir: string;

  private constructor(
    readonly file: string,
    private counts: Counts,
    private readonly cwd: string,
  ) {
    this.dir = path.dirname(file);
  }

  static empty(file: string, cwd: string): Baseline {
    return new Baseline(file, {}, cwd);
  }

  /** A baseline that exists but cannot be read is a failed run: silently ignoring it would fail CI on every old finding. */
  static load(file: string, cwd: string): Baseline {
    const shown = displayPath(cwd, file);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError(shown, [{ path: '', message: `cannot read baseline (${reason})` }]);
    }
    const counts: Counts = {};
    const problems: Array<{ path: string; message: string }> = [];
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError(shown, [{ path: '', message: 'expected an object of file → rule → { "count": n }' }]);
    }
    for (const [fileKey, rules] of Object.entries(data as Record<string, unknown>)) {
      if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
        problems.push({ path: fileKey, message: 'expected an object of rule → { "count": n }' });
        continue;
      }
      for (const [ruleId, entry] of Object.entries(rules as Record<string, unknown>)) {
        const count = (entry as { count?: unknown } | null)?.count;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
          problems.push({ path: `${fileKey}.${ruleId}`, message: 'expected { "count": n } with a whole number n' });
          continue;
        }
        (counts[fileKey] ??= {})[ruleId] = { count };
      }
    }
    if (problems.length > 0) throw new ConfigError(shown, problems);
    return new Baseline(file, counts, cwd);
  }

  /**
   * Hides the findings the baseline covers (they move to `suppressedMessages`) and
   * tells which entries are stale and which counts were exceeded.
   */
  apply(results: readonly FileResult[], ruleRanOn: RuleRanOn): BaselineOutcome {
    const outcome: BaselineOutcome = { stale: [], exceeded: [] };
    for (const result of results) {
      if (!path.isAbsolute(result.filePath)) continue;
      const key = this.key(result.filePath);
      const recorded = this.counts[key] ?? {};
      const found = countByRule(result.messages);
      for (const [ruleId, messages] of found) {
        const allowed = recorded[ruleId]?.count ?? 0;
        if (allowed === 0) continue;
        if (messages.length <= allowed) {
          const hidden = new Set(messages);
          result.messages = result.messages.filter((m) => !hidden.has(m));
          result.suppressedMessages = [...(result.suppressedMessages ?? []), ...messages];
        } else {
          outcome.exceeded.push({ file: key, ruleId, recorded: allowed, found: messages.length });
        }
      }
      recount(result);
      for (const [ruleId, { count }] of Object.entries(recorded)) {
        const now = found.get(ruleId)?.length ?? 0;
        if (now < count && ruleRanOn(result.filePath, ruleId)) outcome.stale.push({ file: key, ruleId, recorded: count, found: now });
      }
    }
    for (const [key, rules] of Object.entries(this.counts)) {
      if (fs.existsSync(path.resolve(this.dir, key))) continue;
      for (const [ruleId, { count }] of Object.entries(rules)) outcome.stale.push({ file: key, ruleId, recorded: count, found: 0 });
    }
    outcome.stale.sort(byFileAndRule);
    outcome.exceeded.sort(byFileAndRule);
    return outcome;
  }

  /**
   * Records this run's findings for the files it linted (rules that ran on them);
   * other entries stay. Call it on results the old baseline has not been applied to.
   */
  update(results: readonly FileResult[], ruleRanOn: RuleRanOn): void {
    for (const result of results) {
      if (!path.isAbsolute(result.filePath)) continue;
      const key = this.key(result.filePath);
      const rules = { ...(this.counts[key] ?? {}) };
      for (const ruleId of Object.keys(rules)) if (ruleRanOn(result.filePath, ruleId)) delete rules[ruleId];
      for (const [ruleId, messages] of countByRule(result.messages)) rules[ruleId] = { count: messages.length };
      this.setFile(key, rules);
    }
    this.forgetDeletedFiles();
  }

  /** Lowers each stale count to what was found, dropping entries that reach zero and files that are gone. */
  prune(stale: readonly StaleEntry[]): void {
    for (const entry of stale) {
      const rules = { ...(this.counts[entry.file] ?? {}) };
      if (entry.found > 0) rules[entry.ruleId] = { count: entry.found };
      else delete rules[entry.ruleId];
      this.setFile(entry.file, rules);
    }
    this.forgetDeletedFiles();
  }

  save(): void {
    const sorted: Counts = {};
    for (const file of Object.keys(this.counts).sort()) {
      const rules: Record<string, { count: number }> = {};
      for (const ruleId of Object.keys(this.counts[file]).sort()) rules[ruleId] = this.counts[file][ruleId];
      sorted[file] = rules;
    }
    try {
      writeFileAtomic(this.file, `${JSON.stringify(sorted, null, 2)}\n`);
    } catch (error) {
      throw new ConfigError(displayPath(this.cwd, this.file), [
        { path: '', message: `cannot write baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` },
      ]);
    }
  }

  get entryCount(): number {
    return Object.values(this.counts).reduce((n, rules) => n + Object.keys(rules).length, 0);
  }

  private setFile(key: string, rules: Record<string, { count: number }>): void {
    if (Object.keys(rules).length === 0) delete this.counts[key];
    else this.counts[key] = rules;
  }

  private forgetDeletedFiles(): void {
    for (const key of Object.keys(this.counts)) {
      if (!fs.existsSync(path.resolve(this.dir, key))) delete this.counts[key];
    }
  }

  private key(file: string): string {
    return relativeInside(this.dir, file) ?? toPosix(path.relative(this.dir, file));
  }
}

/** Findings a baseline can count: rule findings, not parse errors or notices without a rule. */
function countByRule(messages: readonly LintMessage[]): Map<string, LintMessage[]> {
  const byRule = new Map<string, LintMessage[]>();
  for (const message of messages) {
    if (message.ruleId === null || message.fatal) continue;
    const list = byRule.get(message.ruleId);
    if (list) list.push(message);
    else byRule.set(message.ruleId, [message]);
  }
  return byRule;
}

function byFileAndRule(a: { file: string; ruleId: string }, b: { file: string; ruleId: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
