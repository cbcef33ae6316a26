/**
 * A lint worker thread: receives a file's text and config, runs the engine, sends
 * the result back. The only state kept between files is the cross-file project
 * (summaries of imported functions), which is keyed by file content and so cannot go stale
 * within one run.
 */
import { parentPort } from 'node:worker_threads';
import { lintText } from '../engine/lint';
import { allRules } from '../../../rules';
import { fixOption } from './fix-types';
import type { WorkerReply, WorkerTask } from './worker-pool';
import { ProjectRegistry } from './project-host';

/** Summaries live as long as the worker: files linted later reuse what earlier ones computed. */
let registry: ProjectRegistry | null = null;
function registryFor(root: string): ProjectRegistry {
  return (registry ??= new ProjectRegistry(root));
}

const port = parentPort;
if (port) {
  port.on('message', (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      const project = task.projectRoot ? registryFor(task.projectRoot).forVocabulary(task.config.vocabulary) : undefined;
      const result = lintText(task.text, task.filePath, { config: task.config, fix: fixOption(task.fix, allRules), keepSuppressed: true, project, root: task.root });
      reply = { id: task.id, result, deps: project ? project.dependenciesOf(task.filePath) : [] };
      registry?.trim();
    } catch (error) {
      reply = { id: task.id, error: (error as Error)?.stack ?? String(error) };
    }
    port.postMessage(reply);
  });
}
