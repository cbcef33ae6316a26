/**
 * Fixes never break code (DESIGN.md §9), checked on every example we ship: the files
 * under examples/ and test/fixtures/tuning/ and every code block of the rule docs.
 * For each: applying all fixes gives code that parses, with no fix dropped for
 * breaking the parse; a second pass changes nothing; each fix on its own silences its
 * finding where it was; and every suggestion, applied on its own, gives code that parses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { applyFixesToText } from '../../server/src/engine/fix';
import { parseSource, isParseFailure } from '../../server/src/engine/parse';
import type { LintMessage, TextEdit } from '../../server/src/engine/types';

const repoRoot = path.resolve(__dirname, '../../..');
const config = defaultConfig();
const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const DOC_BLOCK = /^```(ts|tsx|js|jsx|mjs|cjs)(?![\w-])[^\n]*\n([\s\S]*?)^```/gm;

interface Example {
  name: string;
  text: string;
  /** Where the engine is told the code lives: decides its dialect and role. */
  filePath: string;
}

function codeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return codeFiles(full);
    return CODE_FILE.test(entry.name) ? [full] : [];
  });
}

function examples(): Example[] {
  const files = [...codeFiles(path.join(repoRoot, 'examples')), ...codeFiles(path.join(repoRoot, 'test/fixtures/tuning'))].sort();
  const fromFiles = files.map((file) => ({ name: path.relative(repoRoot, file), text: fs.readFileSync(file, 'utf8'), filePath: file }));
  const docsDir = path.join(repoRoot, 'rules/docs');
  const fromDocs = fs
    .readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((doc) => {
      const markdown = fs.readFileSync(path.join(docsDir, doc), 'utf8');
      return [...markdown.matchAll(DOC_BLOCK)].map((block, i) => {
        const line = markdown.slice(0, block.index).split('\n').length;
        // Application code in a plain src/ folder, so that every rule applies.
        return { name: `rules/docs/${doc}:${line}`, text: block[2], filePath: path.join(repoRoot, 'src', `${doc.replace(/\.md$/, '')}-${i + 1}.${block[1]}`) };
      });
    });
  return [...fromFiles, ...fromDocs];
}

function parseError(text: string, filePath: string): string | undefined {
  const parsed = parseSource(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, filePath);
  return isParseFailure(parsed) ? `${parsed.line}:${parsed.column} ${parsed.message}` : undefined;
}

function where(m: LintMessage): string {
  return `${m.ruleId} at ${m.line}:${m.column}`;
}

/** Where an offset of the text before `edit` is after it; offsets inside the replaced text go to its start. */
function mapOffset(offset: number, edit: TextEdit): number {
  if (offset <= edit.range[0]) return offset;
  if (offset >= edit.range[1]) return offset + edit.text.length - (edit.range[1] - edit.range[0]);
  return edit.range[0];
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  // Touching counts: a fix that inserts `await ` right before the node moves it, the finding may start there.
  return a[0] <= b[1] && b[0] <= a[1];
}

const all = examples();

describe('fix safety', () => {
  it('finds the examples, fixtures and doc code blocks', () => {
    assert.ok(all.filter((e) => e.name.startsWith('examples/')).length >= 10);
    assert.ok(all.filter((e) => e.name.startsWith('test/fixtures/tuning/')).length >= 10);
    assert.ok(all.filter((e) => e.name.startsWith('rules/docs/')).length >= 50);
  });

  // Nothing to say about code that is not meant to parse (a doc's `…` elisions); the count keeps that honest.
  it('every example parses (so the checks below see real fixes, not parse errors)', () => {
    const broken = all.flatMap((e) => {
      const error = parseError(e.text, e.filePath);
      return error ? [`${e.name}: ${error}`] : [];
    });
    assert.deepEqual(broken, []);
  });

  let fixable = 0;
  let suggestions = 0;

  // A suite of its own: mocha runs a suite's tests before its child suites, and the count below must come after.
  describe('each example', () => {
    for (const example of all) {
      describe(example.name, () => {
        // Linted in a hook, not while mocha collects the tests: a throw fails this example only.
        let findings: LintMessage[] = [];
        before(() => {
          findings = lintText(example.text, example.filePath, { config }).messages;
        });

        it('all fixes: the result parses, nothing was dropped, a second pass changes nothing', () => {
          const fixed = lintText(example.text, example.filePath, { config, fix: true });
          assert.equal(fixed.droppedFixes, undefined, `fixes that would break parsing: ${(fixed.droppedFixes ?? []).map(where).join(', ')}`);
          if (fixed.output === undefined) return;
          assert.equal(parseError(fixed.output, example.filePath), undefined, 'the fixed code does not parse');
          const again = lintText(fixed.output, example.filePath, { config, fix: true });
          assert.equal(again.output, undefined, `a second pass changed the code again (${again.messages.filter((m) => m.fix).map(where).join(', ')})`);
        });

        it('each fix on its own parses and silences its finding there', () => {
          for (const finding of findings.filter((m) => m.fix)) {
            fixable++;
            const fix = finding.fix!;
            const output = applyFixesToText(example.text, [fix]);
            assert.equal(parseError(output, example.filePath), undefined, `the fix of ${where(finding)} gives code that does not parse`);
            assert.ok(finding.range, `${where(finding)} has a fix but no range`);
            const place: [number, number] = [mapOffset(finding.range[0], fix), mapOffset(finding.range[1], fix)];
            const after = lintText(output, example.filePath, { config });
            const still = after.messages.filter((m) => m.ruleId === finding.ruleId && m.range && overlaps(m.range, place));
            assert.deepEqual(still.map(where), [], `the fix of ${where(finding)} did not silence it:\n${output}`);
          }
        });

        it('each suggestion on its own gives code that parses', () => {
          for (const finding of findings) {
            for (const suggestion of finding.suggestions ?? []) {
              suggestions++;
              const output = applyFixesToText(example.text, [suggestion.fix]);
              assert.equal(parseError(output, example.filePath), undefined, `suggestion "${suggestion.desc}" of ${where(finding)} gives code that does not parse:\n${output}`);
            }
          }
        });
      });
    }
  });

  // The parser takes some reserved words as binding names (`var await` in a module,
  // `catch (await)` in an async function); an edit that refers to the binding must not
  // write the keyword where an expression belongs.
  describe('bindings named with words reserved in some context', () => {
    const snippets = [
      (name: string) => `var ${name} = await fetch('/api', { method: 'POST', body: 'x' });\n`,
      (name: string) => `var ${name} = await fetch('/api', { method: 'POST', body: 'x' });\nlocalStorage.clear();\n`,
      (name: string) => `const fs = require('fs');\nasync function save() {\n  try {\n    await fs.promises.writeFile('a.json', 'b');\n  } catch (${name}) {}\n}\n`,
      (name: string) => `const fs = require('fs');\nfunction save(tmp, dest, data) {\n  var ${name} = fs.openSync(tmp, 'w');\n  fs.writeSync(${name}, data);\n  fs.closeSync(${name});\n  fs.renameSync(tmp, dest);\n}\n`,
      (name: string) => `const ${name} = require('fs');\nfunction save(tmp, dest, data) {\n  ${name}.writeFileSync(tmp, data);\n  ${name}.renameSync(tmp, dest);\n}\n`,
    ];
    const names = ['await', 'yield', 'let', 'static', 'implements', 'package', 'interface'];
    const files = ['src/a.mjs', 'src/a.js', 'src/a.cjs', 'src/a.ts'];

    it('every fix and suggestion still parses', () => {
      let findings = 0;
      for (const snippet of snippets) {
        for (const name of names) {
          for (const file of files) {
            const text = snippet(name);
            const filePath = path.join(repoRoot, file);
            if (parseError(text, filePath)) continue;
            const found = lintText(text, filePath, { config }).messages;
            findings += found.length;
            for (const finding of found) {
              for (const edit of [finding.fix, ...(finding.suggestions ?? []).map((s) => s.fix)]) {
                if (!edit) continue;
                const output = applyFixesToText(text, [edit]);
                assert.equal(parseError(output, filePath), undefined, `${file}, ${where(finding)}: an edit gives code that does not parse:\n${output}`);
              }
            }
            const fixed = lintText(text, filePath, { config, fix: true });
            assert.equal(fixed.droppedFixes, undefined, `${file}: fixes that would break parsing: ${(fixed.droppedFixes ?? []).map(where).join(', ')}`);
          }
        }
      }
      assert.ok(findings >= snippets.length * names.length, `only ${findings} findings: the snippets no longer exercise the rules`);
    });
  });

  describe('in all', () => {
    it('had fixes and suggestions to check', () => {
      // Guards against the checks above passing vacuously if the examples stop producing any.
      assert.ok(suggestions > 0, 'no suggestions were checked');
      process.stdout.write(`      (${fixable} fixes and ${suggestions} suggestions checked)\n`);
    });
  });
});
