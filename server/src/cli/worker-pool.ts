/**
 * Worker threads for `--concurrency`. Files are handed out one at a time as
 * workers free up, so one huge file does not hold back a pre-assigned share of
 * the others. Results come back in completion order; the caller sorts, which is
 * why the report is byte-identical whatever the number of workers.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EffectiveConfig, FileResult } from '../engine/types';
import type { FixRequest } from './fix-types';

export interface WorkerTask {
  id: number;
  filePath: string;
  text: string;
  config: EffectiveConfig;
  fix: FixRequest;
  /** Root for cross-file analysis; each worker keeps its own project of summaries. */
  projectRoot?: string;
  /** The folder the user linted, for file roles. */
  root?: string;
}

export type WorkerReply =
  | { id: number; result: FileResult; deps: string[]; error?: undefined }
  | { id: number; error: string; result?: undefined };

export interface PoolJob {
  filePath: string;
  config: EffectiveConfig;
  /** Called when the job is handed to a worker: reading the text late keeps memory flat. */
  text(): string;
}

const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export async function runInWorkers<Job extends PoolJob>(
  jobs: readonly Job[],
  size: number,
  fix: FixRequest,
  onResult: (job: Job, result: FileResult, text: string, deps: string[]) => void,
  projectRoot?: string,
  lintRoot?: string,
): Promise<void> {
  if (jobs.length === 0) return;
  const workers = Array.from({ length: Math.min(size, jobs.length) }, () => new Worker(WORKER_SCRIPT));
  let next = 0;
  let finished = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const inFlight = new Map<number, { job: Job; text: string }>();
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const dispatch = (worker: Worker) => {
        if (failed || next >= jobs.length) return;
        const id = next++;
        const job = jobs[id];
        let text: string;
        try {
          text = job.text();
        } catch (error) {
          fail(error as Error);
          return;
        }
        inFlight.set(id, { job, text });
        const task: WorkerTask = { id, filePath: job.filePath, text, config: job.config, fix, projectRoot, root: lintRoot };
        worker.postMessage(task);
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          const flight = inFlight.get(reply.id);
          inFlight.delete(reply.id);
          if (!flight) return;
          if (reply.error !== undefined) {
            fail(new Error(`while linting ${flight.job.filePath}: ${reply.error}`));
            return;
          }
          try {
            onResult(flight.job, reply.result, flight.text, reply.deps);
          } catch (error) {
            fail(error as Error);
            return;
          }
          finished++;
          if (finished === jobs.length) resolve();
          else dispatch(worker);
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (finished < jobs.length) fail(new Error(`a lint worker stopped unexpectedly (exit code ${code})`));
        });
        dispatch(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
