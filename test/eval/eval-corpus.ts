/**
 * Scores rules on a held-out corpus: recall over the `// expect: rule` markers and every
 * finding on an unmarked line counted as a false positive. A script, not a test: it
 * reports a measurement, it does not assert one.
 *
 *   node out/test/eval/eval-corpus.js [--verbose] [--catalog] [folder]
 *
 * Default: the four core rules on test/corpus. `--catalog`: the eleven other rules on
 * test/corpus-catalog (findings of the core rules are not scored there). All rules run
 * with their default options; a file's role (test, tooling) is read from its path below
 * the corpus folder, and imports between corpus files are followed, as the CLI does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { allRules } from '../../rules';
import { ProjectRegistry } from '../../server/src/cli/project-host';

const CORE = ['no-destroy-before-backup', 'no-floating-write', 'no-swallowed-write-error', 'no-unchecked-upload-response'];
const catalog = process.argv.includes('--catalog');
const CORE_RULES = catalog ? allRules.map((r) => r.id).filter((id) => !CORE.includes(id)) : CORE;
const folderArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const root = folderArg ? path.resolve(folderArg) : path.resolve(__dirname, '../../../test', catalog ? 'corpus-catalog' : 'corpus');
const verbose = process.argv.includes('--verbose');

interface Tally { expected: number; found: number; falsePositives: number }
const tally = new Map<string, Tally>(CORE_RULES.map((r) => [r, { expected: 0, found: 0, falsePositives: 0 }]));
const perFolder = new Map<string, { expected: number; found: number; fp: number }>();

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(c|m)?[jt]sx?$/.test(e.name) ? [p] : [];
  });
}

const config = defaultConfig();
// Scored rules run even where their default severity is off; the others never do.
for (const id of Object.keys(config.rules)) {
  if (!CORE_RULES.includes(id)) config.rules[id].severity = 0;
  else if (config.rules[id].severity === 0) config.rules[id].severity = 1;
}

// Imports between corpus files are followed, as the CLI follows them between linted files.
const project = new ProjectRegistry(root).forVocabulary(config.vocabulary);

for (const file of walk(root).sort()) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const expected = new Map<number, Set<string>>();
  lines.forEach((line, i) => {
    const m = /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/.exec(line);
    if (m) expected.set(i + 1, new Set(m[1].split(',').map((s) => s.trim())));
  });
  const result = lintText(text, file, { config, root, project });
  const folder = path.relative(root, file).split(path.sep)[0];
  const f = perFolder.get(folder) ?? { expected: 0, found: 0, fp: 0 };
  perFolder.set(folder, f);
  const reported = new Map<number, Set<string>>();
  for (const m of result.messages) {
    if (m.fatal) {
      console.log(`PARSE ERROR ${path.relative(root, file)}: ${m.message}`);
      continue;
    }
    if (!m.ruleId || !CORE_RULES.includes(m.ruleId)) continue;
    const set = reported.get(m.line) ?? new Set();
    set.add(m.ruleId);
    reported.set(m.line, set);
    if (!expected.get(m.line)?.has(m.ruleId)) {
      tally.get(m.ruleId)!.falsePositives++;
      f.fp++;
      if (verbose) console.log(`FP   ${path.relative(root, file)}:${m.line} ${m.ruleId}: ${m.message}`);
    }
  }
  for (const [line, rules] of expected) {
    for (const rule of rules) {
      if (!tally.has(rule)) continue;
      tally.get(rule)!.expected++;
      f.expected++;
      if (reported.get(line)?.has(rule)) {
        tally.get(rule)!.found++;
        f.found++;
      } else if (verbose) console.log(`MISS ${path.relative(root, file)}:${line} ${rule}`);
    }
  }
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
console.log('\nrule                            seeded  found  recall  false positives');
let e = 0, fo = 0, fp = 0;
for (const [rule, t] of tally) {
  console.log(`${rule.padEnd(32)}${String(t.expected).padStart(6)}${String(t.found).padStart(7)}  ${pct(t.found, t.expected).padStart(6)}  ${t.falsePositives}`);
  e += t.expected; fo += t.found; fp += t.falsePositives;
}
console.log(`${'all'.padEnd(32)}${String(e).padStart(6)}${String(fo).padStart(7)}  ${pct(fo, e).padStart(6)}  ${fp}`);
console.log('\nfolder          seeded  found  false positives');
for (const [folder, t] of perFolder) console.log(`${folder.padEnd(16)}${String(t.expected).padStart(6)}${String(t.found).padStart(7)}  ${t.fp}`);
