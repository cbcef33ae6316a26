/**
 * Every rule has a docs page of a fixed shape, and its examples are tested: each
 * ❌ block must produce the rule's finding and each ✅ block must not.
 * A block may be preceded by `<!-- options: {...} -->` to lint it with options.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { lintWithRule } from '../support/rule-tester';

const DOCS_DIR = path.resolve(__dirname, '../../../rules/docs');
const REQUIRED_SECTIONS = ['## Why this loses data', '## Rule details', '## Examples', '### ❌ Incorrect', '### ✅ Correct', '## Options', '## When Not To Use It'];

interface Example {
  kind: 'incorrect' | 'correct';
  lang: string;
  code: string;
  options?: Record<string, unknown>;
  line: number;
}

export function parseExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let section: Example['kind'] | null = null;
  let pendingOptions: Record<string, unknown> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^##\s/.test(line) && !/^###/.test(line)) section = null;
    if (line.startsWith('### ❌')) section = 'incorrect';
    else if (line.startsWith('### ✅')) section = 'correct';
    const options = /^<!--\s*options:\s*(\{.*\})\s*-->$/.exec(line.trim());
    if (options) pendingOptions = JSON.parse(options[1]);
    const fence = /^```(ts|tsx|js|jsx|typescript|javascript)\s*$/.exec(line);
    if (fence && section) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !lines[end].startsWith('```')) end++;
      examples.push({ kind: section, lang: fence[1], code: lines.slice(start, end).join('\n'), options: pendingOptions, line: start });
      pendingOptions = undefined;
      i = end;
    }
  }
  return examples;
}

function extensionFor(lang: string): string {
  return lang === 'typescript' ? 'ts' : lang === 'javascript' ? 'js' : lang;
}

describe('rule docs', () => {
  for (const rule of allRules) {
    describe(rule.id, () => {
      const file = path.join(DOCS_DIR, `${rule.id}.md`);
      it('has a docs page', () => assert.ok(fs.existsSync(file), `missing ${file}`));
      if (!fs.existsSync(file)) return;
      const markdown = fs.readFileSync(file, 'utf8');

      it('starts with the id and the meta description', () => {
        const lines = markdown.split('\n');
        assert.equal(lines[0], `# ${rule.id}`);
        const firstParagraph = lines.slice(1).find((l) => l.trim().length > 0);
        assert.equal(firstParagraph?.trim(), rule.meta.docs.description);
      });

      it('has the fixed sections in order', () => {
        let at = -1;
        for (const heading of REQUIRED_SECTIONS) {
          const found = markdown.indexOf(`\n${heading}`, at + 1);
          assert.ok(found > at, `"${heading}" missing or out of order`);
          at = found;
        }
      });

      it('has one heading per option', () => {
        const optionsSection = markdown.slice(markdown.indexOf('\n## Options'), markdown.indexOf('\n## When Not To Use It'));
        const properties = Object.keys(rule.meta.schema[0]?.properties ?? {});
        for (const name of properties) assert.ok(optionsSection.includes(`\n### ${name}`), `no "### ${name}" heading`);
        if (properties.length === 0) assert.ok(/no options/i.test(optionsSection), 'say "This rule has no options."');
      });

      const examples = parseExamples(markdown);
      it('has at least one incorrect and one correct example', () => {
        assert.ok(examples.some((e) => e.kind === 'incorrect'));
        assert.ok(examples.some((e) => e.kind === 'correct'));
      });
      for (const example of examples) {
        it(`${example.kind === 'incorrect' ? '❌' : '✅'} example at line ${example.line} ${example.kind === 'incorrect' ? 'is reported' : 'is not reported'}`, () => {
          const result = lintWithRule(rule, { code: example.code, filename: `example.${extensionFor(example.lang)}`, options: example.options });
          assert.ok(!result.messages.some((m) => m.fatal), `example does not parse: ${result.messages[0]?.message}`);
          const findings = result.messages.filter((m) => m.ruleId === rule.id);
          if (example.kind === 'incorrect') assert.ok(findings.length > 0, 'expected a finding');
          else assert.deepEqual(findings.map((m) => `${m.line}: ${m.message}`), [], 'expected no finding');
        });
      }
    });
  }
});
