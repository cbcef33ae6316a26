/**
 * A full garbage collection on demand. V8 lets a busy heap grow far past its live
 * size and hands pages back to the OS only after a full collection; an editor
 * server is idle most of the time, so it collects when idle, and RSS returns to
 * the live size instead of staying at the peak of the last burst of work.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * `twice`: V8 hands back the pages a collection emptied only during the next one (after a
 * 300-edit session on a 3,000-line file, the idle server kept 194 MB after one collection,
 * 122 MB after two). On a small heap the second costs 10–40 ms, like the first.
 */
export const collectGarbage: (twice?: boolean) => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    // The flag applies to contexts created after it is set.
    const gc = vm.runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') {
      return (twice = false) => {
        gc();
        if (twice) gc();
      };
    }
  } catch {
    /* not available: collections stay V8's decision */
  }
  return () => undefined;
})();

let liveAfterCollection = 0;
/**
 * Below this heap size an idle full collection is always made, twice: one took ~70 ms at
 * 58 MB live on a loaded 2-core machine, the pair 20–85 ms at ~45 MB on a quiet one, and
 * they return what a burst of analyses left behind, most of an idle server's footprint.
 */
const CHEAP_COLLECTION_BYTES = 64_000_000;

/**
 * A full collection only when there is at least half as much garbage as live data. A full
 * collection's cost grows with the live heap (cross-file summaries make it hundreds of
 * megabytes, and one collection hundreds of milliseconds), so it is made only when it
 * gives back a good share of memory; RSS stays within about 1.5 times the live size.
 */
export function collectGarbageIfWorthIt(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  // A collection costs in proportion to what survives it: with little live data it is
  // quick, and always worth it when idle (`used` also counts the garbage).
  const cheap = liveAfterCollection < CHEAP_COLLECTION_BYTES;
  if (!cheap && used - liveAfterCollection < Math.max(16_000_000, liveAfterCollection / 2)) return;
  collectGarbage();
  liveAfterCollection = v8.getHeapStatistics().used_heap_size;
  // The second pass that hands the emptied pages back; on a big live heap one pause is enough.
  if (liveAfterCollection < CHEAP_COLLECTION_BYTES) collectGarbage();
}
