import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';

describe('README', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  it('lists every rule in the rule table, and no rule that does not exist', () => {
    const listed = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(rules\/docs\/\1\.md\)/gm)].map((m) => m[1]);
    assert.deepEqual([...listed].sort(), allRules.map((r) => r.id).sort());
  });
  it('states each rule with its default severity', () => {
    for (const rule of allRules) {
      const row = readme.split('\n').find((l) => l.startsWith(`| [\`${rule.id}\`]`));
      assert.ok(row?.trim().endsWith(`| ${rule.meta.defaultSeverity} |`), `${rule.id}: default severity in README`);
    }
  });
});
