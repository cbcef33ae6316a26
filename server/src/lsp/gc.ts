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

let liveAfterCollection = 0;

/**
 * A full collection only when there is at least half as much garbage as live data. A full
 * collection's cost grows with the live heap (cross-file summaries make it hundreds of
 * megabytes, and one collection hundreds of milliseconds), so it is made only when it
 * gives back a good share of memory; RSS stays within about 1.5 times the live size.
 */
export function collectGarbageIfWorthIt(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used - liveAfterCollection < Math.max(16_000_000, liveAfterCollection / 2)) return;
  collectGarbage();
  liveAfterCollection = v8.getHeapStatistics().used_heap_size;
}
