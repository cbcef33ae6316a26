/**
 * Decides what to analyse when. One analysis runs at a time (the worker is one
 * thread); the queue keeps at most one entry per document, so a burst of edits
 * collapses into one analysis of the newest text, while a lone edit starts at
 * once: nothing here waits on a timer before analysing.
 *
 * Order: an explicit "fix all" first, then documents whose diagnostics a client is
 * waiting for, then recently edited ones, then documents that were only opened, then
 * open documents re-checked because a file they import changed, then idle work (the
 * workspace index).
 */
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage } from '../engine/types';
import type { Finding } from './code-actions';
import { toDiagnostic, bomShift } from './diagnostics';
import type { LintHost, RunOutcome } from './lint-host';
import type { Settings, StatusParams } from './protocol';
import type { LintReply } from './worker-protocol';

export const enum Priority {
  /** A file the document depends on changed; its own text did not. */
  Dependent = 0,
  Opened = 1,
  Changed = 2,
  Awaited = 3,
}

export interface DocumentResult {
  uri: string;
  version: number;
  epoch: number;
  resultId: string;
  findings: Finding[];
  status: StatusParams;
}

export interface TimeBudget {
  warnMs: number;
  stopMs: number;
  /** An analysis of outdated text that has run this long is stopped rather than awaited. */
  staleMs: number;
}

export interface DocumentPaths {
  filePath: string;
  lintPath: string;
  /** The document is the file at filePath (a file: URI with a JS/TS extension): other files may import it. */
  projectFile?: boolean;
}

/**
 * Re-checks of open documents whose imports changed wait this long after the last change
 * that caused them: a burst of keystrokes in a file that many open documents import
 * re-checks each of them once, after the burst, never ahead of the edited document.
 */
export const DEPENDENTS_DELAY_MS = 150;

/**
 * Idle work (the workspace index) waits until no document was opened, edited or pulled for
 * this long: while someone types, a keystroke never waits for a slice of it (or for the
 * garbage collection after one).
 */
export const IDLE_WORK_QUIET_MS = 1000;

export interface ValidatorDeps {
  host: LintHost;
  getDocument(uri: string): TextDocument | undefined;
  getSettings(uri: string): Promise<Settings>;
  /** Where the document lives, or null when it is not something we analyse. */
  pathsFor(document: TextDocument): DocumentPaths | null;
  relatedInformation: boolean;
  budget: TimeBudget;
  maxFileSizeBytes: number;
  /** `dependency`: re-checked because an imported file changed, and the diagnostics differ from the last ones. */
  onResult(result: DocumentResult, triggeredBySave: boolean, dependency?: boolean): void;
  onConfigError(reply: Extract<LintReply, { type: 'configError' }>): void;
  onConfigFiles(configFiles: readonly string[]): void;
  log(message: string): void;
  /** Shown only when the client turned tracing on (`durabilityLint.trace.server`). */
  trace(message: string): void;
}

interface Waiter {
  accepts(result: DocumentResult): boolean;
  resolve(result: DocumentResult | undefined): void;
  reject(error: unknown): void;
}

interface FixJob {
  uri: string;
  version: number;
  resolve(output: string | null | undefined): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export class Validator {
  /** Bumped when config or settings change: every earlier result is outdated. */
  epoch = 0;
  private readonly results = new Map<string, DocumentResult>();
  private readonly queue = new Map<string, { priority: Priority; seq: number; save: boolean }>();
  private readonly fixJobs: FixJob[] = [];
  private readonly waiters = new Map<string, Waiter[]>();
  /** Documents whose analysis hit the stop budget: analysed on open and save only, until closed. */
  private readonly slow = new Set<string>();
  /** Documents saved in "run on save" mode whose analysis has not finished yet. */
  private readonly pendingSave = new Set<string>();
  /** uri → version that crashed the worker once; a second crash on the same text gives up on it. */
  private readonly crashedOn = new Map<string, number>();
  /** Documents whose result may be outdated by a change in a file they import. */
  private readonly dependencyStale = new Set<string>();
  private readonly pendingDependents = new Set<string>();
  private dependentsTimer: NodeJS.Timeout | undefined;
  private idleTask: (() => Promise<boolean>) | null = null;
  private lastActivity = -Infinity;
  private idleTimer: NodeJS.Timeout | undefined;
  private seq = 0;
  private resultSeq = 0;
  private looping = false;
  private running: { uri: string; version: number } | null = null;
  private staleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ValidatorDeps) {}

  /** The result for the document's current text and config, if there is one. */
  currentResult(uri: string): DocumentResult | undefined {
    const result = this.results.get(uri);
    const document = this.deps.getDocument(uri);
    if (!result || !document || result.version !== document.version || result.epoch !== this.epoch) return undefined;
    return result;
  }

  /** The last result whatever its version (what "run on save" shows between saves). */
  lastResult(uri: string): DocumentResult | undefined {
    return this.results.get(uri);
  }

  isSlow(uri: string): boolean {
    return this.slow.has(uri);
  }

  /** The result a client should see now; analyses first when needed. */
  async resultFor(uri: string, token: CancellationToken | undefined, settings: Settings): Promise<DocumentResult | undefined> {
    if (!this.deps.getDocument(uri)) return undefined;
    // An already-cancelled token never fires its event: check it first.
    if (token?.isCancellationRequested) throw new CancelledError();
    const onSaveOnly = settings.run === 'onSave' || this.slow.has(uri);
    const last = this.results.get(uri);
    // A pull right after a save wants the analysis the save started, not the result before it.
    if (onSaveOnly && last && last.epoch === this.epoch && !this.pendingSave.has(uri)) return last;
    const current = this.currentResult(uri);
    if (current) return current;
    this.schedule(uri, Priority.Awaited);
    return new Promise<DocumentResult | undefined>((resolve, reject) => {
      const accepts = onSaveOnly
        ? (result: DocumentResult) => result.epoch === this.epoch
        : (result: DocumentResult) => result === this.currentResult(uri);
      const waiter: Waiter = { accepts, resolve, reject };
      const list = this.waiters.get(uri) ?? [];
      list.push(waiter);
      this.waiters.set(uri, list);
      token?.onCancellationRequested(() => {
        this.removeWaiter(uri, waiter);
        reject(new CancelledError());
      });
    });
  }

  schedule(uri: string, priority: Priority, save = false): void {
    if (priority > Priority.Dependent) this.lastActivity = performance.now();
    const queued = this.queue.get(uri);
    this.queue.set(uri, {
      priority: Math.max(priority, queued?.priority ?? 0),
      seq: ++this.seq,
      save: save || (queued?.save ?? false),
    });
    this.kick();
  }

  /** A document's text changed. */
  changed(uri: string, settings: Settings | undefined): void {
    if (settings?.run === 'onSave' || this.slow.has(uri)) return;
    this.schedule(uri, Priority.Changed);
    if (this.running?.uri === uri) this.armStaleStop();
  }

  saved(uri: string, settings: Settings | undefined): void {
    if (settings?.run === 'onSave' || this.slow.has(uri)) {
      this.pendingSave.add(uri);
      this.schedule(uri, Priority.Changed, true);
    }
  }

  /** Files these open documents import changed: re-check the ones already analysed, after the edited documents. */
  dependencyChanged(uris: Iterable<string>): void {
    // A document that is too slow to analyse on type is not analysed for its imports' sake either.
    for (const uri of uris) if (this.results.has(uri) && !this.slow.has(uri)) this.pendingDependents.add(uri);
    if (this.pendingDependents.size === 0) return;
    clearTimeout(this.dependentsTimer);
    this.dependentsTimer = setTimeout(() => {
      this.dependentsTimer = undefined;
      for (const uri of this.pendingDependents) {
        if (!this.deps.getDocument(uri)) continue;
        this.dependencyStale.add(uri);
        this.schedule(uri, Priority.Dependent);
      }
      this.pendingDependents.clear();
    }, DEPENDENTS_DELAY_MS);
  }

  /**
   * Work for when no document is waiting: `task` runs one slice per call and resolves
   * false when it is done. Documents that arrive meanwhile wait for one slice at most.
   */
  setIdleTask(task: (() => Promise<boolean>) | null): void {
    this.idleTask = task;
    if (task) this.kick();
  }

  /** Config or settings changed. */
  invalidateAll(): void {
    this.epoch++;
    for (const uri of this.waiters.keys()) this.schedule(uri, Priority.Awaited);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.queue.delete(uri);
    this.slow.delete(uri);
    this.pendingSave.delete(uri);
    this.crashedOn.delete(uri);
    this.dependencyStale.delete(uri);
    this.pendingDependents.delete(uri);
    const waiters = this.waiters.get(uri) ?? [];
    this.waiters.delete(uri);
    for (const waiter of waiters) waiter.resolve(undefined);
  }

  /** The fully fixed text of the document's current version; null when nothing changes, undefined when it could not be computed. */
  fixAll(uri: string): Promise<string | null | undefined> {
    const document = this.deps.getDocument(uri);
    if (!document) return Promise.resolve(undefined);
    this.lastActivity = performance.now();
    return new Promise((resolve) => {
      this.fixJobs.push({ uri, version: document.version, resolve });
      this.kick();
    });
  }

  private removeWaiter(uri: string, waiter: Waiter): void {
    const list = this.waiters.get(uri);
    if (!list) return;
    const index = list.indexOf(waiter);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.waiters.delete(uri);
  }

  private armStaleStop(): void {
    const current = this.deps.host.current;
    if (!current || this.staleTimer) return;
    const elapsed = performance.now() - current.startedAt;
    this.staleTimer = setTimeout(() => {
      this.staleTimer = undefined;
      const running = this.running;
      const now = this.deps.host.current;
      if (!running || !now || now.request.id !== current.request.id) return;
      const document = this.deps.getDocument(running.uri);
      if (document && document.version === running.version) return;
      this.deps.log(`Stopped analysing an outdated version of ${running.uri} after ${Math.round(performance.now() - now.startedAt)} ms: a newer edit arrived.`);
      this.deps.host.cancelCurrent();
    }, Math.max(0, this.deps.budget.staleMs - elapsed));
  }

  private kick(): void {
    if (!this.looping) void this.loop();
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      for (;;) {
        const fix = this.fixJobs.shift();
        if (fix) {
          await this.runFix(fix);
          continue;
        }
        const next = this.takeNext();
        if (next) {
          await this.runValidation(next.uri, next.save);
          continue;
        }
        const idle = this.idleTask;
        if (!idle) break;
        const quietFor = performance.now() - this.lastActivity;
        if (quietFor < IDLE_WORK_QUIET_MS) {
          clearTimeout(this.idleTimer);
          this.idleTimer = setTimeout(() => this.kick(), IDLE_WORK_QUIET_MS - quietFor);
          break;
        }
        if (!(await idle()) && this.idleTask === idle) this.idleTask = null;
      }
    } catch (error) {
      this.deps.log(`Validation loop failed: ${(error as Error)?.stack ?? error}`);
    } finally {
      this.looping = false;
    }
    // Work that arrived while the last await was settling.
    if (this.fixJobs.length > 0 || this.queue.size > 0 || (this.idleTask && performance.now() - this.lastActivity >= IDLE_WORK_QUIET_MS)) this.kick();
  }

  private takeNext(): { uri: string; save: boolean } | undefined {
    let best: { uri: string; priority: Priority; seq: number; save: boolean } | undefined;
    for (const [uri, entry] of this.queue) {
      if (!best || entry.priority > best.priority || (entry.priority === best.priority && entry.seq > best.seq)) {
        best = { uri, ...entry };
      }
    }
    if (best) this.queue.delete(best.uri);
    return best;
  }

  private async runFix(job: FixJob): Promise<void> {
    const document = this.deps.getDocument(job.uri);
    const paths = document && this.deps.pathsFor(document);
    if (!document || !paths || document.version !== job.version) return job.resolve(undefined);
    const settings = await this.deps.getSettings(job.uri);
    if (!settings.enable) return job.resolve(undefined);
    const outcome = await this.runOnHost(document, paths, settings, true);
    if (outcome.type !== 'result') return job.resolve(undefined);
    job.resolve(outcome.output ?? null);
  }

  private async runValidation(uri: string, save: boolean): Promise<void> {
    const document = this.deps.getDocument(uri);
    if (!document) return;
    const settings = await this.deps.getSettings(uri);
    const version = document.version;
    const epoch = this.epoch;
    if (this.currentResult(uri) && !save && !this.dependencyStale.has(uri)) {
      this.resolveWaiters(uri);
      return;
    }
    const store = (findings: Finding[], status: StatusParams) =>
      this.store({ uri, version, epoch, resultId: `${epoch}.${version}.${++this.resultSeq}`, findings, status: { ...status, uri } }, save);

    if (!settings.enable) return store([], { state: 'ok', text: 'disabled' });
    const paths = this.deps.pathsFor(document);
    if (!paths) return store([], { state: 'ok', text: 'not analysed' });
    const size = Buffer.byteLength(document.getText(), 'utf8');
    if (size > this.deps.maxFileSizeBytes) {
      return store([], {
        state: 'warn',
        text: 'file too large',
        detail: `Not analysed: ${(size / 1e6).toFixed(1)} MB is over the ${(this.deps.maxFileSizeBytes / 1e6).toFixed(1)} MB limit.`,
      });
    }
    if (this.deps.host.crashLooping) {
      // Restarting a worker that dies on start would only burn the CPU; the window slides, so this clears itself.
      return store([], {
        state: 'error',
        text: 'analysis paused',
        detail: 'The analysis worker stopped unexpectedly 5 times within a minute; see the output. Analysis resumes after a minute without crashes.',
      });
    }
    this.running = { uri, version };
    this.deps.trace(`analysing ${uri} (version ${version})`);
    let outcome: RunOutcome;
    try {
      outcome = await this.runOnHost(document, paths, settings, false);
    } finally {
      this.running = null;
      clearTimeout(this.staleTimer);
      this.staleTimer = undefined;
    }
    this.deps.trace(`analysis of ${uri} (version ${version}): ${outcome.type}${outcome.type === 'result' ? ` in ${Math.round(outcome.durationMs)} ms` : ''}`);
    if (!this.deps.getDocument(uri)) return;
    switch (outcome.type) {
      case 'result': {
        this.crashedOn.delete(uri);
        this.deps.onConfigFiles(outcome.configFiles);
        const current = this.deps.getDocument(uri)!;
        const result = this.makeResult(uri, version, epoch, document, outcome.messages, settings, outcome.durationMs);
        // Diagnostics are positioned against the analysed text, so while a newer
        // version is on its way an outdated result is kept but not shown, unless
        // this document is only analysed on save and nothing newer will come.
        if (current.version !== version && settings.run !== 'onSave' && !this.slow.has(uri)) {
          this.results.set(uri, result);
          return;
        }
        this.store(result, save);
        return;
      }
      case 'ignored':
        this.deps.onConfigFiles(outcome.configFiles);
        return store([], { state: 'ok', text: 'ignored', detail: 'This file matches an `ignores` pattern in the config.' });
      case 'configError':
        this.deps.onConfigError(outcome);
        return store([], { state: 'error', text: 'config error', detail: outcome.message });
      case 'error':
        this.deps.log(`Analysis of ${uri} failed: ${outcome.stack ?? outcome.message}`);
        return store([], { state: 'error', text: 'analysis failed', detail: outcome.message });
      case 'timeout':
        this.slow.add(uri);
        this.deps.log(`Stopped analysing ${uri} after ${outcome.elapsedMs} ms; it is now analysed on save only.`);
        return store([], {
          state: 'error',
          text: 'too slow',
          detail: `Analysis was stopped after ${(outcome.elapsedMs / 1000).toFixed(1)} s. This file is now checked on save only.`,
        });
      case 'cancelled':
        if (this.deps.getDocument(uri)!.version === version) this.schedule(uri, Priority.Changed, save);
        return;
      case 'crashed':
        if (this.crashedOn.get(uri) !== version) {
          this.crashedOn.set(uri, version);
          this.schedule(uri, Priority.Changed, save);
          return;
        }
        return store([], { state: 'error', text: 'analysis crashed', detail: `The analysis worker stopped on this file twice: ${outcome.message}` });
    }
  }

  private runOnHost(document: TextDocument, paths: DocumentPaths, settings: Settings, fix: boolean): Promise<RunOutcome> {
    return this.deps.host.run(
      {
        type: 'lint',
        id: ++this.seq,
        filePath: paths.filePath,
        lintPath: paths.lintPath,
        text: document.getText(),
        customizations: settings.rules,
        fix,
        projectFile: paths.projectFile,
      },
      this.deps.budget.stopMs,
    );
  }

  private makeResult(
    uri: string,
    version: number,
    epoch: number,
    document: TextDocument,
    messages: LintMessage[],
    settings: Settings,
    durationMs: number,
  ): DocumentResult {
    const shift = bomShift(document);
    const findings = messages.map((message) => ({
      message,
      diagnostic: toDiagnostic(document, message, settings.rules, this.deps.relatedInformation, shift),
    }));
    const slow = durationMs > this.deps.budget.warnMs;
    const status: StatusParams = slow
      ? {
          uri,
          state: 'warn',
          text: `slow: ${(durationMs / 1000).toFixed(1)} s`,
          detail: `Analysis took ${Math.round(durationMs)} ms, over the ${this.deps.budget.warnMs} ms budget.`,
        }
      : { uri, state: 'ok', text: 'ok' };
    return { uri, version, epoch, resultId: `${epoch}.${version}.${++this.resultSeq}`, findings, status };
  }

  private store(result: DocumentResult, save: boolean): void {
    const previous = this.results.get(result.uri);
    const dependency = this.dependencyStale.delete(result.uri);
    this.results.set(result.uri, result);
    if (save) this.pendingSave.delete(result.uri);
    // A re-check for an imported file's sake that changes nothing is not news to the client.
    const unchanged = dependency && previous?.version === result.version && sameDiagnostics(previous, result);
    if (!unchanged) this.deps.onResult(result, save, dependency);
    this.resolveWaiters(result.uri);
  }

  private resolveWaiters(uri: string): void {
    const result = this.results.get(uri);
    const waiters = this.waiters.get(uri);
    if (!result || !waiters) return;
    const remaining = waiters.filter((waiter) => {
      if (!waiter.accepts(result)) return true;
      waiter.resolve(result);
      return false;
    });
    if (remaining.length > 0) this.waiters.set(uri, remaining);
    else this.waiters.delete(uri);
  }
}

function sameDiagnostics(a: DocumentResult, b: DocumentResult): boolean {
  return JSON.stringify(a.findings.map((f) => f.diagnostic)) === JSON.stringify(b.findings.map((f) => f.diagnostic));
}
