/**
 * The composite GitHub Action (action.yml), its shell steps run as the runner would
 * run them: inputs through the environment, step outputs through $GITHUB_OUTPUT,
 * and `npx durability-lint@…` answered by this checkout's CLI.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { binPath, makeTree, repoRoot } from './helpers';

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = load(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as Action;

/** Resolves the `${{ … }}` expressions the steps' env blocks use. */
function expand(template: string, context: Record<string, string>): string {
  return template.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in context)) throw new Error(`unexpected expression in action.yml: ${expression}`);
    return context[expression];
  });
}

function runAction(cwd: string, inputs: Record<string, string> = {}): { code: number; output: string; stepCodes: number[] } {
  const temp = makeTree();
  // `npx --yes durability-lint@VERSION args…` → this checkout's bin.
  fs.writeFileSync(path.join(temp, 'npx'), `#!/bin/sh\nshift; shift\nexec "${process.execPath}" "${binPath}" "$@"\n`, { mode: 0o755 });
  const context: Record<string, string> = { 'runner.temp': temp };
  for (const [name, input] of Object.entries(action.inputs)) context[`inputs.${name}`] = inputs[name] ?? input.default ?? '';
  let output = '';
  const stepCodes: number[] = [];
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const githubOutput = path.join(temp, `output-${step.id ?? stepCodes.length}`);
    fs.writeFileSync(githubOutput, '');
    const env: NodeJS.ProcessEnv = { PATH: `${temp}:${process.env.PATH}`, GITHUB_OUTPUT: githubOutput, NO_COLOR: '1' };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, context);
    const child = spawnSync('bash', ['-e', '-c', step.run], { cwd, env, encoding: 'utf8' });
    output += child.stdout + child.stderr;
    stepCodes.push(child.status ?? -1);
    for (const line of fs.readFileSync(githubOutput, 'utf8').split('\n')) {
      const at = line.indexOf('=');
      if (at > 0 && step.id) context[`steps.${step.id}.outputs.${line.slice(0, at)}`] = line.slice(at + 1);
    }
  }
  return { code: stepCodes[stepCodes.length - 1], output, stepCodes };
}

describe('action.yml', function () {
  this.timeout(60_000);

  it('is a composite action that uploads SARIF with the code scanning action', () => {
    assert.equal(action.runs.using, 'composite');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.ok(upload, 'an upload-sarif step');
    assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
    assert.match(upload.if!, /always\(\)/);
    assert.equal(action.outputs['exit-code'].value, '${{ steps.lint.outputs.exit-code }}');
    for (const step of action.runs.steps.filter((s) => s.run)) {
      assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name}: inputs reach the script through env only`);
    }
  });

  it('writes SARIF, annotates, and fails the job on findings', () => {
    const root = makeTree({ 'src/a.ts': 'const = ;\n', 'src/b.ts': 'export const b = 1;\n' });
    const run = runAction(root, { paths: 'src' });
    assert.equal(run.code, 1);
    const sarif = JSON.parse(fs.readFileSync(path.join(root, 'durability-lint.sarif'), 'utf8')) as { version: string };
    assert.equal(sarif.version, '2.1.0');
    assert.match(run.output, /::error file=src\/a\.ts,line=1,endLine=1,col=\d+,title=parse error::Parsing error/);
    assert.equal(runAction(root, { paths: 'src', 'fail-on-findings': 'false' }).code, 0);
  });

  it('passes a clean run, and passes args and paths through', () => {
    const root = makeTree({ 'src/a.ts': 'export const a = 1;\n', 'other/b.ts': 'const = ;\n' });
    assert.equal(runAction(root, { paths: 'src', 'sarif-file': 'reports/dl.sarif' }).code, 0);
    assert.ok(fs.existsSync(path.join(root, 'reports/dl.sarif')));
    assert.equal(runAction(root, { paths: 'src other', args: '--ignore-pattern other/' }).code, 2, 'all of other/ ignored is a usage error');
  });

  it('always fails a run that could not check the code, and never runs input as shell code', () => {
    const root = makeTree({ 'a.ts': '', '.durabilityrc.json': '{ "rulez": {} }' });
    const broken = runAction(root, { 'fail-on-findings': 'false' });
    assert.equal(broken.code, 2);
    assert.match(broken.output, /::error title=durability-lint::the run failed \(exit code 2\)/);

    const clean = makeTree({ 'a.ts': '' });
    const injected = runAction(clean, { paths: 'a.ts; touch pwned $(touch pwned2)', args: '"; touch pwned3' });
    assert.equal(injected.code, 2);
    for (const file of ['pwned', 'pwned2', 'pwned3']) assert.equal(fs.existsSync(path.join(clean, file)), false, file);
  });
});
