/**
 * A lint worker thread: receives a file's text and config, runs the engine, sends
 * the result back. The engine is pure, so a worker holds no state between files.
 */
import { parentPort } from 'node:worker_threads';
import { lintText } from '../engine/lint';
import { allRules } from '../../../rules';
import { fixOption } from './fix-types';
import type { WorkerReply, WorkerTask } from './worker-pool';

const port = parentPort;
if (port) {
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      const result = lintText(task.text, task.filePath, { config: task.config, fix: fixOption(task.fix, allRules), keepSuppressed: true });
      reply = { id: task.id, result };
    } catch (error) {
      reply = { id: task.id, error: (error as Error)?.stack ?? String(error) };
    }
    port.postMessage(reply);
  });
}
