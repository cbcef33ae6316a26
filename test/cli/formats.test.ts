/**
 * The CI and review formats against their specs: SARIF against the vendored 2.1.0
 * schema plus what GitHub code scanning needs beyond it; workflow-command escaping;
 * reviewdog's rdjson shape and its UTF-8 byte columns; JUnit XML.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { lintText } from '../../server/src/engine/lint';
import { allRules } from '../../rules';
import { annotation, escapeData, escapeProperty } from '../../server/src/cli/formatters/github';
import { getFormatter, type FormatterContext } from '../../server/src/cli/formatters';
import type { FileResult, LintMessage } from '../../server/src/engine/types';
import { makeTree, repoRoot, runCli, writeTree } from './helpers';

const real = { lint: lintText, rules: allRules };
/** The sample's floating write is a warning by default; these format tests want one finding of each level. */
const tree = (files: Record<string, string>) => makeTree({ '.durabilityrc.json': JSON.stringify({ rules: { 'no-floating-write': 'error' } }), ...files });

const SAMPLE = [
  "import AsyncStorage from '@react-native-async-storage/async-storage';",
  '// ünïcödé 😀 before',
  'export async function save(v: string) {',
  "  const note = 'é😀'; AsyncStorage.setItem('k', v);",
  "  try { await AsyncStorage.setItem('x', v); } catch {}",
  '}',
  '',
].join('\n');

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/cli/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  return ajv.compile(schema);
}

async function sarifOf(root: string, args: string[] = []): Promise<{ log: Sarif.Log; code: number; raw: string }> {
  const run = await runCli(['--format', 'sarif', ...args], { cwd: root, ...real });
  return { log: JSON.parse(run.stdout) as Sarif.Log, code: run.code, raw: run.stdout };
}

describe('cli/formats', () => {
  describe('sarif', () => {
    const validate = sarifValidator();

    it('validates against the SARIF 2.1.0 schema, with findings, a parse error and a clean file', async () => {
      const root = tree({ 'src/a.ts': SAMPLE, 'src/broken.ts': 'const = ;\n', 'src/clean.ts': 'export const x = 1;\n' });
      const { log, code } = await sarifOf(root);
      assert.equal(code, 1);
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      // The validator is live: a level SARIF does not define is caught.
      const broken = structuredClone(log);
      (broken.runs[0].results![0] as { level: string }).level = 'fatal';
      assert.equal(validate(broken), false);
    });

    it('describes every rule with its docs page, level, tags, precision and severity', async () => {
      const root = tree({ 'a.ts': SAMPLE });
      const { log } = await sarifOf(root);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'durability-lint');
      assert.deepEqual(
        driver.rules!.map((r) => r.id),
        allRules.map((r) => r.id),
      );
      for (const descriptor of driver.rules!) {
        const rule = allRules.find((r) => r.id === descriptor.id)!;
        assert.equal(descriptor.shortDescription!.text, rule.meta.docs.description);
        assert.ok(descriptor.fullDescription!.text.length > 0);
        const docs = path.join(repoRoot, 'rules/docs', `${rule.id}.md`);
        if (fs.existsSync(docs)) {
          assert.equal(descriptor.help!.markdown, fs.readFileSync(docs, 'utf8').replace(/\r\n?/g, '\n'));
          assert.doesNotMatch(descriptor.help!.text, /^#/m, 'help.text is plain text');
        }
        assert.match(descriptor.helpUri!, new RegExp(`${rule.id}\\.md$`));
        const level = rule.meta.defaultSeverity === 'error' ? 'error' : 'warning';
        assert.equal(descriptor.defaultConfiguration!.level, level);
        assert.equal(descriptor.properties!['problem.severity'], level);
        assert.ok(['high', 'medium'].includes(descriptor.properties!.precision as string));
        assert.ok((descriptor.properties!.tags as string[]).includes('reliability'));
      }
    });

    it('gives each result its rule index, a relative uri under %SRCROOT%, a full region and suggestions as fixes', async () => {
      const root = tree({ 'src/my file.ts': SAMPLE });
      const { log } = await sarifOf(root);
      const run = log.runs[0];
      assert.equal(run.originalUriBaseIds!['%SRCROOT%'].uri, `file://${root}/`);
      const floating = run.results!.find((r) => r.ruleId === 'no-floating-write')!;
      assert.equal(run.tool.driver.rules![floating.ruleIndex!].id, 'no-floating-write');
      assert.equal(floating.level, 'error');
      assert.match(floating.message.text!, /returns a promise nobody awaits/);
      assert.equal(floating.locations!.length, 1);
      const physical = floating.locations![0].physicalLocation!;
      assert.deepEqual(physical.artifactLocation, { uri: 'src/my%20file.ts', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(physical.region, { startLine: 4, startColumn: 23, endLine: 4, endColumn: 51 });
      assert.deepEqual(floating.fixes, [
        {
          description: { text: 'Add `await`' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'src/my%20file.ts', uriBaseId: '%SRCROOT%' },
              replacements: [{ deletedRegion: { startLine: 4, startColumn: 23, endLine: 4, endColumn: 23 }, insertedContent: { text: 'await ' } }],
            },
          ],
        },
      ]);
      const swallowed = run.results!.find((r) => r.ruleId === 'no-swallowed-write-error')!;
      assert.equal(swallowed.level, 'warning');
    });

    it('puts parse errors in tool notifications, not results', async () => {
      const root = tree({ 'broken.ts': 'const = ;\n' });
      const { log } = await sarifOf(root);
      assert.deepEqual(log.runs[0].results, []);
      const notification = log.runs[0].invocations![0].toolExecutionNotifications![0];
      assert.equal(notification.level, 'error');
      assert.match(notification.message.text!, /^Parsing error/);
      assert.equal(notification.locations![0].physicalLocation!.artifactLocation!.uri, 'broken.ts');
    });

    it('keeps primaryLocationLineHash across unrelated edits, and tells identical lines apart', async () => {
      const root = tree({ 'a.ts': SAMPLE });
      const before = (await sarifOf(root)).log.runs[0].results!;
      // Lines above the finding move it down; indentation changes; the finding stays the same alert.
      writeTree(root, { 'a.ts': `// a header comment\n\n${SAMPLE.replace("  const note = 'é😀';", "      const note = 'é😀';")}` });
      const after = (await sarifOf(root)).log.runs[0].results!;
      assert.equal(after[0].locations![0].physicalLocation!.region!.startLine, 6);
      assert.deepEqual(
        after.map((r) => r.partialFingerprints),
        before.map((r) => r.partialFingerprints),
      );
      assert.match(before[0].partialFingerprints!.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);

      const twice = [
        "import AsyncStorage from '@react-native-async-storage/async-storage';",
        'export async function save(v: string) {',
        "  AsyncStorage.setItem('k', v);",
        "  AsyncStorage.setItem('k', v);",
        '}',
        '',
      ].join('\n');
      writeTree(root, { 'a.ts': twice });
      const hashes = (await sarifOf(root)).log.runs[0].results!.map((r) => r.partialFingerprints!.primaryLocationLineHash);
      assert.equal(hashes.length, 2);
      assert.equal(hashes[0].split(':')[0], hashes[1].split(':')[0]);
      assert.deepEqual(
        hashes.map((h) => h.split(':')[1]),
        ['1', '2'],
      );
    });

    it('is 0 and schema-valid with no findings', async () => {
      const root = tree({ 'a.ts': 'export const a = 1;\n' });
      const { log, code } = await sarifOf(root);
      assert.equal(code, 0);
      assert.ok(validate(log));
      assert.deepEqual(log.runs[0].results, []);
    });
  });

  describe('repository-relative paths', () => {
    it('name files from the repository root when the run starts in a package folder', async () => {
      const repo = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'packages/app/src/a.ts': SAMPLE });
      const cwd = path.join(repo, 'packages/app');
      const sarif = JSON.parse((await runCli(['--format', 'sarif'], { cwd, ...real })).stdout) as Sarif.Log;
      assert.equal(sarif.runs[0].originalUriBaseIds!['%SRCROOT%'].uri, `file://${repo}/`);
      assert.equal(sarif.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, 'packages/app/src/a.ts');
      const github = (await runCli(['--format', 'github'], { cwd, ...real })).stdout;
      assert.match(github, /^::error file=packages\/app\/src\/a\.ts,/);
      const gitlab = JSON.parse((await runCli(['--format', 'gitlab'], { cwd, ...real })).stdout) as Array<{ location: { path: string } }>;
      assert.equal(gitlab[0].location.path, 'packages/app/src/a.ts');
    });
  });

  describe('github', () => {
    it('escapes %, CR and LF in the message, and also : and , in properties', () => {
      assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
      assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
    });

    it('writes one workflow command per finding with file, lines, columns and the rule as title', async () => {
      const root = tree({ 'src/a.ts': SAMPLE });
      const run = await runCli(['--format', 'github'], { cwd: root, ...real });
      assert.equal(run.code, 1);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0], /^::error file=src\/a\.ts,line=4,endLine=4,col=23,endColumn=51,title=no-floating-write::The AsyncStorage write/);
      assert.match(lines[1], /^::warning file=src\/a\.ts,line=5,endLine=5,col=47,endColumn=54,title=no-swallowed-write-error::/);
    });

    it('escapes what a file name or message could carry, and drops columns on multi-line ranges', () => {
      const message: LintMessage = {
        ruleId: 'no-floating-write',
        severity: 2,
        message: 'first line\nsecond, with 100%',
        line: 3,
        column: 5,
        endLine: 4,
        endColumn: 2,
      };
      assert.equal(
        annotation('dir,1/a:b.ts', message),
        '::error file=dir%2C1/a%3Ab.ts,line=3,endLine=4,title=no-floating-write::first line%0Asecond, with 100%25',
      );
      const parse: LintMessage = { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: x', line: 1, column: 7 };
      assert.equal(annotation('b.ts', parse), '::error file=b.ts,line=1,endLine=1,col=7,title=parse error::Parsing error: x');
    });
  });

  describe('rdjson', () => {
    it("has reviewdog's DiagnosticResult shape, with a suggestion for every fix and suggestion", async () => {
      const root = tree({ 'src/a.ts': SAMPLE });
      const run = await runCli(['--format', 'rdjson'], { cwd: root, ...real });
      const result = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.deepEqual(checkRdjson(result), []);
      const diagnostics = result.diagnostics as Array<Record<string, any>>;
      assert.equal(diagnostics.length, 2);
      const [floating, swallowed] = diagnostics;
      assert.equal(floating.severity, 'ERROR');
      assert.equal(swallowed.severity, 'WARNING');
      assert.equal(floating.location.path, 'src/a.ts');
      assert.deepEqual(floating.code, { value: 'no-floating-write', url: floating.code.url });
      assert.match(floating.code.url, /no-floating-write\.md$/);
      assert.equal(floating.suggestions.length, 1);
      assert.equal(floating.suggestions[0].text, 'await ');
      assert.equal(swallowed.suggestions[0].text, '(error) { throw error; }');
    });

    it('counts columns in UTF-8 bytes (1-based, end exclusive)', async () => {
      const root = tree({ 'a.ts': SAMPLE });
      const run = await runCli(['--format', 'rdjson'], { cwd: root, ...real });
      const floating = (JSON.parse(run.stdout).diagnostics as Array<Record<string, any>>)[0];
      // `  const note = 'é😀'; ` is 22 UTF-16 units but 25 bytes: é takes 2, 😀 takes 4.
      const line = SAMPLE.split('\n')[3];
      const prefix = line.slice(0, line.indexOf('AsyncStorage'));
      assert.equal(prefix.length, 22);
      assert.equal(Buffer.byteLength(prefix), 25);
      assert.deepEqual(floating.location.range, { start: { line: 4, column: 26 }, end: { line: 4, column: 54 } });
      assert.deepEqual(floating.suggestions[0].range, { start: { line: 4, column: 26 }, end: { line: 4, column: 26 } });
      // The suggestion applied at those byte columns yields the awaited call.
      const bytes = Buffer.from(line);
      const fixed = Buffer.concat([bytes.subarray(0, 25), Buffer.from('await '), bytes.subarray(25)]).toString();
      assert.equal(fixed, "  const note = 'é😀'; await AsyncStorage.setItem('k', v);");
    });

    it('reports parse errors without a rule code, and nothing for a clean run', async () => {
      const root = tree({ 'a.ts': 'const = ;\n' });
      const broken = JSON.parse((await runCli(['--format', 'rdjson'], { cwd: root, ...real })).stdout);
      assert.deepEqual(checkRdjson(broken), []);
      assert.equal(broken.diagnostics[0].code, undefined);
      assert.equal(broken.diagnostics[0].severity, 'ERROR');
      writeTree(root, { 'a.ts': 'export const a = 1;\n' });
      const clean = JSON.parse((await runCli(['--format', 'rdjson'], { cwd: root, ...real })).stdout);
      assert.deepEqual(clean.diagnostics, []);
    });
  });

  describe('gitlab', () => {
    it("writes GitLab's Code Quality issues, with fingerprints unique in the report and stable across moved lines", async () => {
      const twice = [
        "import AsyncStorage from '@react-native-async-storage/async-storage';",
        'export async function save(v: string) {',
        "  AsyncStorage.setItem('k', v);",
        "  AsyncStorage.setItem('k', v);",
        "  try { await AsyncStorage.setItem('x', v); } catch {}",
        '}',
        '',
      ].join('\n');
      const root = tree({ 'src/a.ts': twice, 'src/broken.ts': 'const = ;\n' });
      const run = await runCli(['--format', 'gitlab'], { cwd: root, ...real });
      assert.equal(run.code, 1);
      const issues = JSON.parse(run.stdout) as Array<Record<string, any>>;
      for (const issue of issues) {
        assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
        assert.equal(typeof issue.description, 'string');
        assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
        assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
        assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
      }
      assert.deepEqual(
        issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
        [
          ['no-floating-write', 'major', 'src/a.ts', 3],
          ['no-floating-write', 'major', 'src/a.ts', 4],
          ['no-swallowed-write-error', 'minor', 'src/a.ts', 5],
          ['parse-error', 'blocker', 'src/broken.ts', 1],
        ],
      );
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
      writeTree(root, { 'src/a.ts': `// moved down\n${twice}` });
      const moved = JSON.parse((await runCli(['--format', 'gitlab'], { cwd: root, ...real })).stdout) as Array<Record<string, any>>;
      assert.deepEqual(
        moved.map((i) => i.fingerprint),
        issues.map((i) => i.fingerprint),
      );
      assert.equal(moved[0].location.lines.begin, 4);
    });
  });

  describe('junit', () => {
    const junit = getFormatter('junit')!;
    const context: FormatterContext = { cwd: '/project', color: false, rules: [] };
    const result = (file: string, messages: LintMessage[]): FileResult => ({
      filePath: `/project/${file}`,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    });

    it('writes a suite per file, a failure per finding, a passing case for a clean file, all escaped', () => {
      const xml = junit(
        [
          result('src/a.ts', [
            { ruleId: 'no-floating-write', severity: 2, message: 'Use `a < b && "c"` ]]> here', line: 3, column: 5 },
            { ruleId: 'no-swallowed-write-error', severity: 1, message: 'Dropped.', line: 9, column: 1 },
          ]),
          result('src/clean.ts', []),
        ],
        context,
      );
      assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'));
      assert.deepEqual(checkXml(xml), []);
      assert.match(xml, /<testsuite package="durability-lint" time="0" tests="2" errors="2" name="src\/a\.ts">/);
      assert.match(
        xml,
        /<testcase time="0" name="durability-lint\.no-floating-write" classname="src\/a"><failure message="Use `a &lt; b &amp;&amp; &quot;c&quot;` \]\]&gt; here" type="Error"><!\[CDATA\[line 3, col 5, Error - Use `a < b && "c"` \]\]\]\]><!\[CDATA\[> here \(no-floating-write\)\]\]><\/failure><\/testcase>/,
      );
      assert.match(xml, /type="Warning"><!\[CDATA\[line 9, col 1, Warning - Dropped\. \(no-swallowed-write-error\)\]\]>/);
      assert.match(xml, /<testsuite package="durability-lint" time="0" tests="1" errors="0" name="src\/clean\.ts">\n<testcase time="0" name="src\/clean\.ts" classname="src\/clean" \/>/);
    });

    it('is written by the CLI with the exit code of the findings', async () => {
      const root = tree({ 'a.ts': SAMPLE });
      const run = await runCli(['--format', 'junit'], { cwd: root, ...real });
      assert.equal(run.code, 1);
      assert.deepEqual(checkXml(run.stdout), []);
      assert.equal((run.stdout.match(/<failure /g) ?? []).length, 2);
    });
  });
});

/**
 * reviewdog's DiagnosticResult (proto/rdf/reviewdog.proto) checked field by field:
 * the JSON names, types, enum values, and 1-based positions it defines.
 */
function checkRdjson(value: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const known = (obj: Record<string, unknown>, keys: string[], at: string) => {
    for (const key of Object.keys(obj)) if (!keys.includes(key)) problems.push(`${at}.${key}: not a field of the format`);
  };
  const position = (p: unknown, at: string) => {
    if (!isObject(p)) return void problems.push(`${at}: expected a Position`);
    known(p, ['line', 'column'], at);
    for (const key of ['line', 'column']) {
      if (p[key] !== undefined && (!Number.isInteger(p[key]) || (p[key] as number) < 1)) problems.push(`${at}.${key}: expected an integer ≥ 1`);
    }
  };
  const range = (r: unknown, at: string) => {
    if (!isObject(r)) return void problems.push(`${at}: expected a Range`);
    known(r, ['start', 'end'], at);
    position(r.start, `${at}.start`);
    if (r.end !== undefined) position(r.end, `${at}.end`);
  };
  const location = (l: unknown, at: string) => {
    if (!isObject(l) || typeof l.path !== 'string') return void problems.push(`${at}: expected a Location with a path`);
    known(l, ['path', 'range'], at);
    if (l.range !== undefined) range(l.range, `${at}.range`);
  };
  const source = (s: unknown, at: string) => {
    if (!isObject(s) || typeof s.name !== 'string') return void problems.push(`${at}: expected a Source with a name`);
    known(s, ['name', 'url'], at);
  };
  if (!isObject(value)) return ['expected a DiagnosticResult object'];
  known(value, ['diagnostics', 'source', 'severity'], 'result');
  if (value.source !== undefined) source(value.source, 'result.source');
  if (!Array.isArray(value.diagnostics)) return [...problems, 'result.diagnostics: expected an array'];
  value.diagnostics.forEach((d: unknown, i: number) => {
    const at = `diagnostics[${i}]`;
    if (!isObject(d)) return void problems.push(`${at}: expected a Diagnostic`);
    known(d, ['message', 'location', 'severity', 'source', 'code', 'suggestions', 'original_output', 'related_locations'], at);
    if (typeof d.message !== 'string') problems.push(`${at}.message: expected a string`);
    location(d.location, `${at}.location`);
    if (d.severity !== undefined && !['UNKNOWN_SEVERITY', 'ERROR', 'WARNING', 'INFO'].includes(d.severity as string)) {
      problems.push(`${at}.severity: not a Severity`);
    }
    if (d.source !== undefined) source(d.source, `${at}.source`);
    if (d.code !== undefined) {
      if (!isObject(d.code) || typeof d.code.value !== 'string') problems.push(`${at}.code: expected a Code with a value`);
      else known(d.code, ['value', 'url'], `${at}.code`);
    }
    if (d.suggestions !== undefined) {
      if (!Array.isArray(d.suggestions)) problems.push(`${at}.suggestions: expected an array`);
      else
        d.suggestions.forEach((s: unknown, j: number) => {
          if (!isObject(s) || typeof s.text !== 'string') return void problems.push(`${at}.suggestions[${j}]: expected a Suggestion with text`);
          known(s, ['range', 'text'], `${at}.suggestions[${j}]`);
          range(s.range, `${at}.suggestions[${j}].range`);
        });
    }
    if (d.related_locations !== undefined) {
      (d.related_locations as unknown[]).forEach((r, j) => {
        if (!isObject(r)) return void problems.push(`${at}.related_locations[${j}]: expected an object`);
        location(r.location, `${at}.related_locations[${j}].location`);
      });
    }
  });
  return problems;
}

/** Well-formedness enough for a report: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function checkXml(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (/[<>]|&(?!(amp|lt|gt|quot|apos);)/.test(text)) problems.push(`bad text: ${JSON.stringify(text)}`);
    last = tag.lastIndex;
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}>`);
    } else if (!m[4]) stack.push(m[2]);
  }
  if (body.slice(last).trim() !== '') problems.push('trailing content');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}
