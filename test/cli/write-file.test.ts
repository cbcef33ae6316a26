import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../server/src/cli/write-file';
import { makeTree } from './helpers';

describe('cli/write-file', () => {
  it('replaces a file whole, keeping its mode and leaving no temporary file', () => {
    const root = makeTree({ 'a.sh': 'old' });
    fs.chmodSync(path.join(root, 'a.sh'), 0o755);
    writeFileAtomic(path.join(root, 'a.sh'), 'new');
    assert.equal(fs.readFileSync(path.join(root, 'a.sh'), 'utf8'), 'new');
    assert.equal(fs.statSync(path.join(root, 'a.sh')).mode & 0o777, 0o755);
    assert.deepEqual(fs.readdirSync(root), ['a.sh']);
  });

  it('creates missing folders', () => {
    const root = makeTree();
    writeFileAtomic(path.join(root, 'reports', 'deep', 'out.sarif'), '{}');
    assert.equal(fs.readFileSync(path.join(root, 'reports', 'deep', 'out.sarif'), 'utf8'), '{}');
  });

  it('writes through a symlink to its target, and the link stays a link', () => {
    const root = makeTree({ 'real/a.ts': 'old' });
    fs.symlinkSync(path.join(root, 'real/a.ts'), path.join(root, 'link.ts'));
    writeFileAtomic(path.join(root, 'link.ts'), 'new');
    assert.ok(fs.lstatSync(path.join(root, 'link.ts')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(root, 'real/a.ts'), 'utf8'), 'new');
  });

  it('writes into a device such as /dev/null instead of replacing it', function () {
    if (os.platform() === 'win32') this.skip();
    writeFileAtomic('/dev/null', 'report');
    assert.ok(fs.statSync('/dev/null').isCharacterDevice());
  });
});
