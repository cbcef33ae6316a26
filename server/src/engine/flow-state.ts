/**
 * The abstract state the flow model carries along every path: for each remote write
 * seen so far, the set of statuses it may have on the paths reaching this point, and
 * the local destroys that ran before any write was confirmed. `null` is "unreachable".
 * Joins are unions, so the answer to "was it confirmed on every path?" is "the set is
 * exactly {confirmed}".
 */
export const ABSENT = 1;
export const FLOATING = 2;
export const UNCHECKED = 4;
export const FAILED = 8;
export const CONFIRMED = 16;
export const BAD = FLOATING | UNCHECKED | FAILED;

export class FlowState {
  constructor(
    readonly writes: ReadonlyMap<number, number>,
    /** Local destroys that ran while no write was confirmed: a later write means they preceded it. */
    readonly uncoveredDestroys: ReadonlySet<number>,
  ) {}

  static readonly empty = new FlowState(new Map(), new Set());

  status(writeId: number): number {
    return this.writes.get(writeId) ?? ABSENT;
  }

  with(writeId: number, bits: number): FlowState {
    if (this.writes.get(writeId) === bits) return this;
    const writes = new Map(this.writes);
    writes.set(writeId, bits);
    return new FlowState(writes, this.uncoveredDestroys);
  }

  withUncovered(destroyId: number): FlowState {
    if (this.uncoveredDestroys.has(destroyId)) return this;
    const set = new Set(this.uncoveredDestroys);
    set.add(destroyId);
    return new FlowState(this.writes, set);
  }

  /** Rewrites every write's bits (e.g. FAILED → FLOATING when a callback's promise is dropped). */
  mapWrites(ids: Iterable<number>, fn: (bits: number) => number): FlowState {
    let writes: Map<number, number> | null = null;
    for (const id of ids) {
      const next = fn(this.status(id));
      if (next !== this.status(id)) {
        writes ??= new Map(this.writes);
        writes.set(id, next);
      }
    }
    return writes ? new FlowState(writes, this.uncoveredDestroys) : this;
  }
}

export function join(a: FlowState | null, b: FlowState | null): FlowState | null {
  if (!a) return b;
  if (!b) return a;
  if (a === b) return a;
  const writes = new Map<number, number>();
  for (const [id, bits] of a.writes) writes.set(id, bits | b.status(id));
  for (const [id, bits] of b.writes) if (!writes.has(id)) writes.set(id, bits | ABSENT);
  let uncovered: ReadonlySet<number> = a.uncoveredDestroys;
  if (b.uncoveredDestroys.size > 0) {
    const set = new Set(a.uncoveredDestroys);
    for (const d of b.uncoveredDestroys) set.add(d);
    uncovered = set;
  }
  return new FlowState(writes, uncovered);
}

export function joinAll(states: Iterable<FlowState | null>): FlowState | null {
  let result: FlowState | null = null;
  for (const s of states) result = join(result, s);
  return result;
}

export function sameState(a: FlowState | null, b: FlowState | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.writes.size !== b.writes.size || a.uncoveredDestroys.size !== b.uncoveredDestroys.size) return false;
  for (const [id, bits] of a.writes) if (b.writes.get(id) !== bits) return false;
  for (const d of a.uncoveredDestroys) if (!b.uncoveredDestroys.has(d)) return false;
  return true;
}
