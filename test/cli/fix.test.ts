/**
 * `--fix`, `--fix-dry-run` and `--fix-type` through the real engine. The shipped
 * rules may or may not have autofixes at any moment, so these tests add rules of
 * their own to the engine's registry for the duration of the suite: one with a
 * good fix, one whose fix breaks the file, one of type `suggestion`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { lintText } from '../../server/src/engine/lint';
import type { RuleModule } from '../../server/src/engine/rule-api';
import { defaultConfig } from '../../server/src/engine/default-config';
import { allRules } from '../../rules';
import { makeTree, runCli } from './helpers';

function identifierFixer(id: string, type: 'problem' | 'suggestion', name: string, replacement: string, defaultSeverity: 'error' | 'warn' = 'error'): RuleModule<any> {
  return {
    id,
    meta: {
      type,
      docs: { description: `Test rule ${id}.`, recommended: false },
      messages: { found: `Found ${name}.` },
      schema: [],
      fixable: 'code',
      defaultSeverity,
    },
    defaultOptions: {},
    create: (context) => ({
      Identifier(node: TSESTree.Identifier) {
        if (node.name === name) context.report({ node, messageId: 'found', fix: { range: node.range, text: replacement } });
      },
    }),
  };
}

const testRules = [
  identifierFixer('test-fix-problem', 'problem', 'FIX_ME', 'fixedName'),
  identifierFixer('test-fix-breaks', 'problem', 'BREAK_ME', ')(', 'warn'),
  identifierFixer('test-fix-style', 'suggestion', 'STYLE_ME', 'styledName'),
];

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number }>;
  output?: string;
  errorCount: number;
}

describe('cli/fix', () => {
  before(() => allRules.push(...testRules));
  after(() => allRules.splice(allRules.length - testRules.length, testRules.length));

  const run = (args: string[], cwd: string) => runCli(['--concurrency', 'off', ...args], { cwd, lint: lintText, rules: allRules });
  const parses = (text: string, file = 'x.ts') => lintText(text, file, { config: defaultConfig() }).fatalErrorCount === 0;

  it('--fix writes the fixed files, which parse, and a second --fix changes nothing', async () => {
    const root = makeTree({ 'a.ts': 'const FIX_ME = 1;\nexport const b = FIX_ME + STYLE_ME;\n', 'b.ts': 'export const clean = 1;\n' });
    const first = await run(['--fix'], root);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const fixed = fs.readFileSync(path.join(root, 'a.ts'), 'utf8');
    assert.equal(fixed, 'const fixedName = 1;\nexport const b = fixedName + styledName;\n');
    assert.ok(parses(fixed));
    const mtime = fs.statSync(path.join(root, 'a.ts')).mtimeMs;

    const second = await run(['--fix', '--format', 'json'], root);
    assert.equal(second.code, 0);
    const results = JSON.parse(second.stdout) as JsonResult[];
    assert.ok(results.every((r) => r.output === undefined && r.messages.length === 0));
    assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), fixed);
    assert.equal(fs.statSync(path.join(root, 'a.ts')).mtimeMs, mtime, 'an unchanged file is not rewritten');
  });

  it('--fix keeps a file mode and leaves no temporary files behind', async () => {
    const root = makeTree({ 'tool.ts': 'export const FIX_ME = 1;\n' });
    fs.chmodSync(path.join(root, 'tool.ts'), 0o750);
    await run(['--fix'], root);
    assert.equal(fs.statSync(path.join(root, 'tool.ts')).mode & 0o777, 0o750);
    assert.deepEqual(fs.readdirSync(root), ['tool.ts']);
  });

  it('--fix-dry-run puts the fixed text in the json output and writes nothing', async () => {
    const source = 'export const FIX_ME = 1;\n';
    const root = makeTree({ 'a.ts': source });
    const result = await run(['--fix-dry-run', '--format', 'json'], root);
    assert.equal(result.code, 0);
    const [a] = JSON.parse(result.stdout) as JsonResult[];
    assert.equal(a.output, 'export const fixedName = 1;\n');
    assert.deepEqual(a.messages, []);
    assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), source);
  });

  it('--fix-type applies only the fixes of rules of those types', async () => {
    const source = 'export const x = FIX_ME + STYLE_ME;\n';
    const root = makeTree({ 'a.ts': source });
    const output = async (types: string) => {
      const result = await run(['--fix-dry-run', '--fix-type', types, '--format', 'json'], root);
      return (JSON.parse(result.stdout) as JsonResult[])[0];
    };
    assert.equal((await output('problem')).output, 'export const x = fixedName + STYLE_ME;\n');
    assert.equal((await output('suggestion')).output, 'export const x = FIX_ME + styledName;\n');
    assert.equal((await output('problem,suggestion')).output, 'export const x = fixedName + styledName;\n');
    const layout = await output('layout');
    assert.equal(layout.output, undefined);
    assert.deepEqual(
      layout.messages.map((m) => m.ruleId),
      ['test-fix-problem', 'test-fix-style'],
    );
  });

  it('--fix-type needs --fix or --fix-dry-run, and a known type', async () => {
    const root = makeTree({ 'a.ts': '' });
    const alone = await run(['--fix-type', 'problem'], root);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /--fix-type option requires either --fix or --fix-dry-run/);
    const unknown = await run(['--fix', '--fix-type', 'cosmetic'], root);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /invalid fix type 'cosmetic'/);
  });

  it('drops a fix that would leave the file unparsable, says so, and keeps the exit code of the findings', async () => {
    const source = 'export const y = BREAK_ME;\n';
    const root = makeTree({ 'a.ts': source });
    const result = await run(['--fix'], root);
    // The only finding is a warning: the dropped fix must not turn the run into a failure.
    assert.equal(result.code, 0);
    assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), source);
    assert.match(result.stderr, /a fix in a\.ts not applied: the fixed file would not parse \(test-fix-breaks at 1:18\)/);
    assert.match(result.stdout, /1:18\s+warning\s+Found BREAK_ME/);
  });

  it('never writes a file that does not parse when a bad fix shares a pass with a good one', async () => {
    const root = makeTree({ 'b.ts': 'export const y = BREAK_ME + FIX_ME;\n' });
    const result = await run(['--fix'], root);
    assert.equal(result.code, 1, 'the error left unfixed still fails the run');
    assert.ok(parses(fs.readFileSync(path.join(root, 'b.ts'), 'utf8')));
    assert.match(result.stderr, /not applied: the fixed file would not parse/);
  });
});
