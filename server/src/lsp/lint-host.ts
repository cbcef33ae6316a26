/**
 * Owns the analysis worker: runs one request at a time on it, enforces the time
 * budget, and replaces the worker when it crashes, runs out of memory or has to
 * be stopped. The caller (the validator) decides what to run and in which order.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { collectGarbage } from './gc';
import type { HostToWorker, IndexReply, LintReply, OpenDocument, WorkerInit, WorkerRequest, WorkerToHost } from './worker-protocol';

export type RunOutcome =
  | LintReply
  | IndexReply
  | { type: 'timeout'; id: number; elapsedMs: number }
  | { type: 'cancelled'; id: number }
  | { type: 'crashed'; id: number; message: string };

export interface LintHostOptions {
  cwd: string;
  /** Worker script; defaults to the file next to this one (the same layout in out/ and in the bundle). */
  workerPath?: string;
  /** Old-generation heap of the worker: a monorepo's giant file fails alone instead of taking the server down. */
  maxHeapMb?: number;
  log(message: string): void;
  /** Open documents a new worker starts with (their text shadows their file). */
  documents?(): OpenDocument[];
  /** Open documents to re-check: a file they depend on changed. */
  onDependents?(files: string[]): void;
  /** A replacement worker started: what the last one knew about the workspace is gone. */
  onRestart?(): void;
}

/** Quiet time after the last analysis before the worker is told to give memory back. */
const IDLE_AFTER_MS = 1500;

interface Running {
  request: WorkerRequest;
  startedAt: number;
  resolve(outcome: RunOutcome): void;
  timer?: NodeJS.Timeout;
}

export class LintHost {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private running: Running | null = null;
  private disposed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Crash times, to stop a crash loop instead of restarting a broken worker forever. */
  private readonly crashes: number[] = [];
  private workers = 0;

  constructor(private readonly options: LintHostOptions) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** The request being analysed now, and since when (performance.now()). */
  get current(): { request: WorkerRequest; startedAt: number } | null {
    return this.running && { request: this.running.request, startedAt: this.running.startedAt };
  }

  /** How many workers were started: a change means the worker's state (projects, index) was lost. */
  get generation(): number {
    return this.workers;
  }

  /** True after repeated crashes in a short time: the caller should stop sending work. */
  get crashLooping(): boolean {
    const now = Date.now();
    return this.crashes.filter((t) => now - t < 60_000).length >= 5;
  }

  /** Loads the engine ahead of the first request, so the first file opened is not kept waiting. */
  warmUp(): void {
    if (!this.disposed) this.ensureWorker().catch(() => undefined);
  }

  /** Runs one request. Resolves (never rejects) with the worker's reply or what went wrong. */
  async run(request: WorkerRequest, stopAfterMs: number): Promise<RunOutcome> {
    if (this.running) throw new Error('LintHost.run called while busy');
    if (this.disposed) return { type: 'cancelled', id: request.id };
    clearTimeout(this.idleTimer);
    return new Promise<RunOutcome>((resolve) => {
      const running: Running = { request, startedAt: performance.now(), resolve };
      this.running = running;
      this.ensureWorker()
        .then(() => {
          if (this.running !== running) return;
          // The budget starts when the worker can work: loading the engine is not the file's fault.
          running.startedAt = performance.now();
          running.timer = setTimeout(() => this.stop(running, { type: 'timeout', id: request.id, elapsedMs: stopAfterMs }), stopAfterMs);
          this.worker!.postMessage(request);
        })
        .catch((error: Error) => this.finish(running, { type: 'crashed', id: request.id, message: error.message }));
    });
  }

  /** Stops the running analysis (the worker is replaced on the next run). */
  cancelCurrent(): void {
    if (this.running) this.stop(this.running, { type: 'cancelled', id: this.running.request.id });
  }

  clearConfigCache(): void {
    this.post({ type: 'clearConfigCache' });
  }

  /** A message without a reply, in order with the requests; dropped when no worker runs (a new one starts from `documents()`). */
  post(message: HostToWorker): void {
    this.worker?.postMessage(message);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.cancelCurrent();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private stop(running: Running, outcome: RunOutcome): void {
    if (this.running !== running) return;
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    void worker?.terminate();
    this.finish(running, outcome);
  }

  private finish(running: Running, outcome: RunOutcome): void {
    if (this.running !== running) return;
    clearTimeout(running.timer);
    this.running = null;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.running) return;
      this.worker?.postMessage({ type: 'idle' });
      // The protocol thread's heap is small: two collections are cheap.
      collectGarbage(true);
    }, IDLE_AFTER_MS);
    this.idleTimer.unref();
    running.resolve(outcome);
  }

  private ensureWorker(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    const init: WorkerInit = { cwd: this.options.cwd, documents: this.options.documents?.() ?? [] };
    if (this.workers++ > 0) queueMicrotask(() => this.options.onRestart?.());
    const worker = new Worker(this.options.workerPath ?? path.join(__dirname, 'lint-worker.js'), {
      workerData: init,
      // A small young generation: the default (up to 3 × 16 MB) stays committed between
      // analyses and is most of the worker's idle footprint, for no measurable speed-up.
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048, maxYoungGenerationSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onStartFailure = (error: Error) => reject(error);
      worker.once('error', onStartFailure);
      worker.on('message', (message: WorkerToHost) => {
        if (message.type === 'ready') {
          worker.off('error', onStartFailure);
          resolve();
          return;
        }
        if (message.type === 'dependents' || message.type === 'log') {
          if (this.worker !== worker) return;
          if (message.type === 'log') this.options.log(message.message);
          else this.options.onDependents?.(message.files);
          return;
        }
        const running = this.running;
        if (this.worker === worker && running && running.request.id === message.id) this.finish(running, message);
      });
    });
    worker.on('error', (error) => this.onWorkerDeath(worker, error.message));
    worker.on('exit', (code) => this.onWorkerDeath(worker, `exited with code ${code}`));
    return this.ready;
  }

  private onWorkerDeath(worker: Worker, reason: string): void {
    if (this.worker !== worker) return; // replaced on purpose
    this.worker = null;
    this.ready = null;
    this.crashes.push(Date.now());
    if (this.crashes.length > 20) this.crashes.shift();
    this.options.log(`analysis worker stopped unexpectedly: ${reason}`);
    const running = this.running;
    if (running) this.finish(running, { type: 'crashed', id: running.request.id, message: reason });
  }
}
