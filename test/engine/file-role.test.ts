import * as assert from 'node:assert/strict';
import { fileRole } from '../../server/src/engine/file-role';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';

describe('file roles', () => {
  const cases: Array<[string, string]> = [
    ['/repo/src/store/notes.ts', 'application'],
    ['/repo/test/corpus/browser/notes.ts', 'application'],
    ['/repo/app/fixtures/data.ts', 'application'],
    ['/repo/src/__tests__/notes.ts', 'test'],
    ['/repo/src/notes.test.ts', 'test'],
    ['/repo/src/notes.spec.tsx', 'test'],
    ['/repo/e2e/login.ts', 'test'],
    ['/repo/src/plugins/test-utils/test-util.ts', 'test'],
    ['/repo/scripts/build.mjs', 'tooling'],
    ['/repo/packages/app/tools/release.ts', 'tooling'],
    ['/repo/vite.config.ts', 'tooling'],
    ['C:\\repo\\scripts\\bump.js', 'tooling'],
    ['/repo/infra/bin/app.ts', 'application'],
  ];
  for (const [file, role] of cases) it(`${file} → ${role}`, () => assert.equal(fileRole(file), role));
});

describe('file roles below the linted folder', () => {
  it('a workspace inside a folder named e2e is still application code', () => {
    const code = "const res = await fetch('/api', { method: 'POST', body: x });\nlocalStorage.clear();\ndeclare const x: string;\n";
    const file = '/home/me/e2e/workspace/src/notes.ts';
    assert.equal(lintText(code, file, { config: defaultConfig() }).messages.length, 0);
    assert.equal(lintText(code, file, { config: defaultConfig(), root: '/home/me/e2e/workspace' }).messages.length, 2);
    assert.equal(lintText(code, '/repo/e2e/login.ts', { config: defaultConfig(), root: '/repo' }).messages.length, 0);
  });

  it('rules with their own test-file option read it below the linted folder too', () => {
    const stack = [
      "import { RemovalPolicy } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export function uploads(scope: any) {',
      "  return new s3.Bucket(scope, 'Uploads', { removalPolicy: RemovalPolicy.RETAIN });",
      '}',
      '',
    ].join('\n');
    const rules = (file: string, root?: string) => lintText(stack, file, { config: defaultConfig(), root }).messages.map((m) => m.ruleId);
    assert.deepEqual(rules('/home/me/tests/infra/lib/stack.ts', '/home/me/tests/infra'), ['no-single-point-of-storage']);
    assert.deepEqual(rules('/repo/test/stack.ts', '/repo'), []);
  });
});
