/**
 * The analysis worker. Linting is synchronous and can take seconds on a huge or
 * pathological file; running it here keeps the server's event loop free to
 * answer the editor, and lets the main thread stop a runaway analysis by
 * terminating this thread (there is no other way to interrupt synchronous code).
 */
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { lintText } from '../engine/lint';
import type { EffectiveConfig } from '../engine/types';
import { ConfigResolver } from '../cli/config';
import { ConfigError } from '../cli/errors';
import type { RuleCustomization } from './protocol';
import { collectGarbageIfWorthIt } from './gc';
import { customSeverityFor } from './settings';
import type { HostToWorker, LintReply, LintRequest, WorkerInit, WorkerToHost } from './worker-protocol';
import { Workspace } from './workspace';
import { DocumentParsers } from './document-parsers';
import { WorkspaceIndex } from './workspace-index';

/**
 * The resolver caches one entry per directory it has looked in; in a monorepo
 * edited for a day that grows without end, so it is replaced past this many.
 */
const MAX_CACHED_DIRECTORIES = 2000;

const init = workerData as WorkerInit;
/** Cross-file projects and open documents' texts; the index is made on its first slice. */
const workspace = new Workspace(init.cwd, init.documents);
let index: WorkspaceIndex | null = null;

function notifyDependents(files: string[]): void {
  if (files.length > 0) port.postMessage({ type: 'dependents', files } satisfies WorkerToHost);
}

let resolver: ConfigResolver | null = null;
const documentParsers = new DocumentParsers();
const directoriesSeen = new Set<string>();

function configResolver(filePath: string): ConfigResolver {
  const dir = path.dirname(filePath);
  if (!directoriesSeen.has(dir)) {
    if (directoriesSeen.size >= MAX_CACHED_DIRECTORIES) {
      resolver = null;
      directoriesSeen.clear();
    }
    directoriesSeen.add(dir);
  }
  resolver ??= new ConfigResolver({ cwd: init.cwd });
  return resolver;
}

function applyCustomizations(config: EffectiveConfig, customizations: readonly RuleCustomization[]): EffectiveConfig {
  if (customizations.length === 0) return config;
  const rules: EffectiveConfig['rules'] = {};
  for (const [id, setting] of Object.entries(config.rules)) {
    const custom = customSeverityFor(id, customizations);
    const severity =
      custom === 'off' ? 0 : custom === 'error' ? 2 : custom === 'warn' || custom === 'info' ? 1 : setting.severity;
    rules[id] = { ...setting, severity };
  }
  return { ...config, rules };
}

function handleLint(request: LintRequest): LintReply {
  const started = performance.now();
  try {
    if (request.projectFile) notifyDependents(workspace.setDocument(request.filePath, request.text));
    else workspace.flush();
    const resolve = configResolver(request.filePath);
    const configFiles = resolve.configFilesFor(request.filePath);
    if (resolve.isIgnored(request.filePath)) return { type: 'ignored', id: request.id, configFiles };
    const config = applyCustomizations(resolve.forFile(request.filePath), request.customizations);
    const project = workspace.projectFor(config.vocabulary);
    const parser = request.fix ? undefined : documentParsers.for(request.lintPath);
    const result = lintText(request.text, request.lintPath, { config, fix: request.fix, root: init.cwd, project, parser });
    if (request.projectFile) workspace.analysed(request.filePath, project);
    return {
      type: 'result',
      id: request.id,
      messages: result.messages,
      output: result.output,
      configFiles,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      return {
        type: 'configError',
        id: request.id,
        configFile: path.resolve(init.cwd, error.file),
        problems: error.problems.map((p) => ({ path: p.path, line: p.line, column: p.column, message: p.message })),
        message: error.message,
      };
    }
    const err = error as Error;
    return { type: 'error', id: request.id, message: String(err?.message ?? error), stack: err?.stack };
  }
}

const port = parentPort!;
port.on('message', (message: HostToWorker) => {
  if (message.type === 'clearConfigCache') {
    resolver?.clearCache();
    return;
  }
  if (message.type === 'idle') {
    collectGarbageIfWorthIt();
    return;
  }
  if (message.type === 'open') return notifyDependents(workspace.setDocument(message.filePath, message.text));
  if (message.type === 'close') {
    documentParsers.forget(message.filePath);
    return notifyDependents(workspace.closeDocument(message.filePath));
  }
  if (message.type === 'filesChanged') return notifyDependents(workspace.filesChanged(message.changes));
  if (message.type === 'index') {
    index ??= new WorkspaceIndex(init.cwd, workspace, configResolver);
    workspace.flush();
    port.postMessage(index.slice(message) satisfies WorkerToHost);
  } else {
    port.postMessage(handleLint(message) satisfies WorkerToHost);
  }
  const dropped = workspace.enforceLimit();
  if (dropped) port.postMessage({ type: 'log', message: dropped } satisfies WorkerToHost);
});
port.postMessage({ type: 'ready' } satisfies WorkerToHost);
