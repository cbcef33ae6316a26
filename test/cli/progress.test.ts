import * as assert from 'node:assert/strict';
import { ProgressBar } from '../../server/src/cli/progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 80, write: (text: string) => writes.push(text) };
}

describe('cli/progress', () => {
  it('draws nothing during the first two seconds, then a bar on stderr, and erases it at the end', () => {
    let now = 0;
    const out = stream(true);
    const bar = new ProgressBar(out, 10, () => now);
    bar.update(3);
    now = 1999;
    bar.update(4);
    assert.deepEqual(out.writes, []);
    now = 2000;
    bar.update(5);
    assert.equal(out.writes.length, 1);
    assert.match(out.writes[0], /^\r\x1b\[Kdurability-lint \[#+\.+\] 5\/10 files$/);
    now = 2050;
    bar.update(6);
    assert.equal(out.writes.length, 1, 'at most ten redraws a second');
    bar.update(10);
    assert.equal(out.writes.length, 2, 'the last file is always drawn');
    assert.match(out.writes[1], /\[#+\] 10\/10 files$/);
    bar.finish();
    assert.equal(out.writes[2], '\r\x1b[K');
  });

  it('stays silent off a TTY and for runs that end quickly', () => {
    let now = 0;
    const pipe = stream(false);
    const bar = new ProgressBar(pipe, 10, () => now);
    now = 60_000;
    bar.update(5);
    bar.finish();
    assert.deepEqual(pipe.writes, []);

    const tty = stream(true);
    const quick = new ProgressBar(tty, 10, () => 100);
    quick.update(10);
    quick.finish();
    assert.deepEqual(tty.writes, []);
  });
});
