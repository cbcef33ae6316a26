/**
 * Drives the workspace index the analysis worker builds (workspace-index.ts): one slice
 * at a time, only when no document is waiting (the validator's idle task), with progress
 * for clients that show it (`window/workDoneProgress`) and a line in the log at the end.
 */
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { LintHost } from './lint-host';
import type { Validator } from './validator';

/** A document that arrives while the index works waits for the slice in progress: at most this, plus one file. */
export const INDEX_SLICE_MS = 40;

export interface IndexerDeps {
  host: LintHost;
  validator: Validator;
  /** A reporter that sends nothing when the client does not show progress. */
  createProgress(): Promise<WorkDoneProgressServerReporter>;
  stopMs: number;
  maxFileSizeBytes: number;
  log(message: string): void;
}

export async function indexWorkspace(deps: IndexerDeps): Promise<void> {
  let progress: WorkDoneProgressServerReporter | null = null;
  try {
    progress = await deps.createProgress();
  } catch {
    /* the client refused: index without showing progress */
  }
  progress?.begin('durability-lint: indexing', undefined, 'looking for files', true);
  let cancelled = false;
  progress?.token.onCancellationRequested(() => (cancelled = true));
  const started = Date.now();
  let lastReport = '';
  let lastReportAt = 0;
  let id = 0;
  let generation: number | undefined;

  const finish = (message: string) => {
    progress?.done();
    deps.log(message);
    return false;
  };

  deps.validator.setIdleTask(async () => {
    if (cancelled) return finish('Workspace index cancelled.');
    if (deps.host.crashLooping) return finish('Workspace index stopped: the analysis worker keeps crashing.');
    // Ids below zero never meet the validator's (positive) request ids.
    const outcome = await deps.host.run({ type: 'index', id: --id, sliceMs: INDEX_SLICE_MS, maxFileSizeBytes: deps.maxFileSizeBytes }, deps.stopMs);
    // A replacement worker starts without the index; indexing again could meet the same trouble.
    if (outcome.type === 'indexed' && generation !== undefined && deps.host.generation !== generation) {
      return finish('Workspace index stopped: the analysis worker was restarted. Files are still analysed with their imports when opened.');
    }
    generation = deps.host.generation;
    if (outcome.type !== 'indexed') {
      const why = outcome.type === 'timeout' ? `a file took over ${outcome.elapsedMs} ms` : outcome.type === 'crashed' ? `the worker stopped (${outcome.message})` : outcome.type;
      return finish(`Workspace index stopped: ${why}. Files are still analysed with their imports when opened.`);
    }
    if (outcome.finished) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const held = `${(outcome.projectBytes / 1e6).toFixed(1)} MB of source held for cross-file summaries`;
      return finish(
        outcome.stopped
          ? `Workspace index stopped after ${outcome.done} of ${outcome.total} files (${seconds} s): ${outcome.stopped}; ${held}. Other files are analysed with their imports when opened.`
          : `Workspace index: ${outcome.total} files in ${seconds} s (${(outcome.spentMs / 1000).toFixed(1)} s of analysis); ${held}.`,
      );
    }
    const report = outcome.discovering ? `looking for files (${outcome.total} so far)` : `${outcome.done}/${outcome.total} files`;
    // A few updates a second are enough for a progress bar.
    if (report !== lastReport && Date.now() - lastReportAt >= 200) {
      lastReport = report;
      lastReportAt = Date.now();
      if (outcome.discovering) progress?.report(report);
      else progress?.report(outcome.total > 0 ? (100 * outcome.done) / outcome.total : 0, report);
    }
    return true;
  });
}
