/**
 * A full garbage collection on demand. V8 lets a busy heap grow far past its live
 * size and hands pages back to the OS only after a full collection; an editor
 * server is idle most of the time, so it collects when idle, and RSS returns to
 * the live size instead of staying at the peak of the last burst of work.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export const collectGarbage: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    // The flag applies to contexts created after it is set.
    const gc = vm.runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') return () => gc();
  } catch {
    /* not available: collections stay V8's decision */
  }
  return () => undefined;
})();
