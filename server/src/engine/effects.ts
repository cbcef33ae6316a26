/**
 * What a call does to data, as far as the rules care. Produced from the vocabulary,
 * from same-file function summaries, or (last resort) from the callee's name.
 */
export type EffectClass = 'destroy' | 'localWrite' | 'remoteWrite' | 'remoteRead' | 'localRead' | 'localOpen';

/**
 * How the call reports completion:
 * - `promise`: returns a promise (await it to know the outcome)
 * - `callback`: node-style `(err, ...)` callback as the last argument
 * - `sync`: completes (or throws) before returning
 * - `request`: IndexedDB-style request object with success/error events
 * - `queued`: durable locally at once and synced by the library (Firestore): never floating
 * - `unknown`: we do not know whether it returns a promise (name-only classification)
 */
export type Completion = 'promise' | 'callback' | 'sync' | 'request' | 'queued' | 'unknown';

/**
 * What awaiting the call's result tells you about the write:
 * - `rejects`: a failure rejects/throws, so reaching the next line means success
 * - `needsStatusCheck`: resolves even on HTTP errors (fetch); success needs `res.ok`/`res.status`
 * - `swallows`: a project function that catches its own write's failure and resolves anyway
 * - `floatsInside`: a project function that starts a write without waiting for it
 */
export type Outcome = 'rejects' | 'needsStatusCheck' | 'swallows' | 'floatsInside';

export type EffectSource = 'vocabulary' | 'summary' | 'name' | 'config';

export interface CallEffect {
  class: EffectClass;
  completion: Completion;
  outcome: Outcome;
  /** Canonical API name for messages, e.g. `localStorage.clear`, `fetch`, `pushOutbox`. */
  api: string;
  /** Short noun for messages: "upload", "file deletion", "database wipe". */
  noun: string;
  source: EffectSource;
  /** A server-side database operation (mongodb): judged for copy-then-delete, not as local data. */
  serverScope?: boolean;
  /** A local file copy: a backup for move (copy-then-delete), never an upload a destroy could precede. */
  localCopy?: boolean;
  /** A destroy of something that holds no user data: an HTTP cache, a temp file, a lock. */
  disposable?: boolean;
  /** A remote write that sends no user data anywhere (logout, analytics, heartbeat). */
  notBackup?: boolean;
  /** A project function that handles every failure itself: its promise never rejects. */
  neverRejects?: boolean;
  /** For summaries: the inner write that explains the outcome (e.g. the swallowed fetch). */
  because?: { node: import('@typescript-eslint/types').TSESTree.Node; api: string; filePath?: string };
}

export function isWrite(effect: CallEffect): boolean {
  return effect.class === 'localWrite' || effect.class === 'remoteWrite';
}
