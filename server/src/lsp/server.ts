/**
 * The language server: LSP plumbing around the validator. It declares exactly
 * what it implements: pull diagnostics when the client can pull (push otherwise),
 * incremental sync, quick fixes and `source.fixAll.durability-lint`, and the
 * commands its code actions use. Diagnostics depend on other files (a call is judged
 * by the called function's body): the worker indexes the workspace in the background,
 * and open documents are re-checked when a file they import changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { packageVersion } from '../cli/version';
import { minimalEdit, quickFixActions, workspaceEdit } from './code-actions';
import { configProblemDiagnostics } from './config-diagnostics';
import { indexWorkspace } from './indexer';
import { LintHost } from './lint-host';
import {
  DEFAULT_SETTINGS,
  FIX_ALL_KIND,
  SERVER_NAME,
  STATUS_NOTIFICATION,
  ServerCommands,
  SETTINGS_SECTION,
  type InitializationOptions,
  type Settings,
  type StatusParams,
} from './protocol';
import { normalizeSettings } from './settings';
import { CancelledError, Priority, Validator, type DocumentPaths, type DocumentResult } from './validator';
import type { FileChangeKind, LintReply, OpenDocument } from './worker-protocol';

export const DEFAULT_TIME_BUDGET = { warnMs: 2000, stopMs: 10_000, staleMs: 1000 };
export const DEFAULT_MAX_FILE_SIZE_BYTES = 2_000_000;

/**
 * The engine's list (engine/parse.ts); importing it from there would load the
 * parser into this thread, which only speaks the protocol. A test keeps them equal.
 */
export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

function hasSupportedExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const EXTENSION_FOR_LANGUAGE: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

export interface ServerOptions {
  /** Where the analysis worker script is, for a host that does not keep it next to this file. */
  workerPath?: string;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  let initOptions: InitializationOptions = {};
  let workspaceRoot = process.cwd();
  /** Only a workspace the client named is indexed (never the server's working directory). */
  let hasWorkspace = false;
  let budget = DEFAULT_TIME_BUDGET;
  let maxFileSizeBytes = DEFAULT_MAX_FILE_SIZE_BYTES;
  let host: LintHost | null = null;
  let validator: Validator | null = null;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Settings once known, for the synchronous change handler. */
  const knownSettings = new Map<string, Settings>();
  const lastStatus = new Map<string, string>();
  /** Config files that currently carry our diagnostics, and the error text last shown for each. */
  const configFileErrors = new Map<string, string>();
  /** Config files that applied to some analysed document: a change to one refreshes everything. */
  const relevantConfigFiles = new Set<string>();
  const MAX_RELEVANT_CONFIG_FILES = 10_000;
  /** Open documents that are files on disk: path → uri (as the client spells it). */
  const openFiles = new Map<string, string>();
  let refreshTimer: NodeJS.Timeout | undefined;

  const log = (message: string) => connection.console.log(message);

  function fallbackSettings(): Settings {
    return normalizeSettings({ ...DEFAULT_SETTINGS, ...(initOptions.settings ?? {}) });
  }

  function getSettings(uri: string): Promise<Settings> {
    let cached = settingsCache.get(uri);
    if (!cached) {
      const request = capabilities.workspace?.configuration
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
            .then((raw: unknown) => (raw === null || raw === undefined ? fallbackSettings() : normalizeSettings(raw)), () => fallbackSettings())
        : Promise.resolve(fallbackSettings());
      cached = request.then((settings) => {
        if (documents.get(uri)) knownSettings.set(uri, settings);
        return settings;
      });
      if (documents.get(uri)) settingsCache.set(uri, cached);
    }
    return cached;
  }

  function pathsFor(document: TextDocument): DocumentPaths | null {
    const languageExtension = EXTENSION_FOR_LANGUAGE[document.languageId];
    let filePath: string;
    let url: URL;
    try {
      url = new URL(document.uri);
    } catch {
      return null;
    }
    if (url.protocol === 'file:') {
      filePath = fileURLToPath(url);
    } else {
      // Unsaved buffers have no place on disk: look up config from the workspace root.
      const name = decodeURIComponent(url.pathname.split('/').pop() || 'untitled');
      filePath = path.join(workspaceRoot, name);
    }
    if (hasSupportedExtension(filePath)) return { filePath, lintPath: filePath, projectFile: url.protocol === 'file:' };
    if (!languageExtension) return null;
    return { filePath, lintPath: filePath + languageExtension };
  }

  function sendStatus(status: StatusParams): void {
    const key = status.uri ?? '';
    const encoded = JSON.stringify(status);
    if (lastStatus.get(key) === encoded) return;
    lastStatus.set(key, encoded);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  function onResult(result: DocumentResult, triggeredBySave: boolean, dependency = false): void {
    sendStatus(result.status);
    const publish = () =>
      void connection.sendDiagnostics({ uri: result.uri, version: result.version, diagnostics: result.findings.map((f) => f.diagnostic) });
    if (!pullDiagnostics) {
      publish();
    } else if (triggeredBySave && capabilities.workspace?.diagnostics?.refreshSupport) {
      // Analysed because of a save ("run on save"): the client pulled the old result on change.
      void connection.languages.diagnostics.refresh();
    } else if (dependency) {
      // Nothing changed in this document, so the client will not pull it: ask it to, or
      // (a pull client that cannot be asked) push the new result.
      if (capabilities.workspace?.diagnostics?.refreshSupport) refreshSoon();
      else publish();
    }
  }

  /** One refresh for the dependents re-checked together. */
  function refreshSoon(): void {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void connection.languages.diagnostics.refresh();
    }, 50);
  }

  function projectDocument(document: TextDocument): OpenDocument | null {
    const paths = pathsFor(document);
    return paths?.projectFile ? { filePath: paths.filePath, text: document.getText() } : null;
  }

  function onConfigError(reply: Extract<LintReply, { type: 'configError' }>): void {
    const uri = pathToFileURL(reply.configFile).href;
    let text = '';
    try {
      text = fs.readFileSync(reply.configFile, 'utf8');
    } catch {
      /* the diagnostics land on line 1 */
    }
    void connection.sendDiagnostics({ uri, diagnostics: configProblemDiagnostics(text, reply.problems) });
    relevantConfigFiles.add(reply.configFile);
    if (configFileErrors.get(reply.configFile) === reply.message) return;
    configFileErrors.set(reply.configFile, reply.message);
    log(`Invalid configuration:\n${reply.message}`);
    const open = { title: 'Open config file' };
    void connection.window
      .showErrorMessage(`durability-lint: invalid configuration in ${path.basename(reply.configFile)}: ${reply.message.split('\n')[0]}`, open)
      .then(
        (choice) => {
          if (choice?.title === open.title && capabilities.window?.showDocument?.support) {
            void connection.window.showDocument({ uri, takeFocus: true });
          }
        },
        () => undefined,
      );
  }

  function onConfigFiles(files: readonly string[]): void {
    if (relevantConfigFiles.size > MAX_RELEVANT_CONFIG_FILES) relevantConfigFiles.clear();
    for (const file of files) relevantConfigFiles.add(file);
  }

  /** Config or settings changed: drop what was derived from them and re-check what the user sees. */
  function refreshAll(): void {
    if (!validator) return;
    validator.invalidateAll();
    host?.clearConfigCache();
    for (const file of configFileErrors.keys()) void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
    configFileErrors.clear();
    if (pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport) {
      void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) validator.schedule(document.uri, Priority.Opened);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) workspaceRoot = fileURLToPath(folder);
    else if (params.rootPath) workspaceRoot = params.rootPath;
    hasWorkspace = !!folder?.startsWith('file:') || !!params.rootPath;
    budget = { ...DEFAULT_TIME_BUDGET, ...(initOptions.timeBudget ?? {}) };
    maxFileSizeBytes = initOptions.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES;

    host = new LintHost({
      cwd: workspaceRoot,
      workerPath: options.workerPath,
      log,
      documents: () => documents.all().flatMap((d) => projectDocument(d) ?? []),
      onDependents: (files) => validator?.dependencyChanged(files.flatMap((file) => openFiles.get(file) ?? [])),
      // The new worker knows nothing of what open documents import until it analyses them again.
      onRestart: () => validator?.dependencyChanged(openFiles.values()),
    });
    validator = new Validator({
      host,
      getDocument: (uri) => documents.get(uri),
      getSettings,
      pathsFor,
      relatedInformation: capabilities.textDocument?.publishDiagnostics?.relatedInformation === true || pullDiagnostics,
      budget,
      maxFileSizeBytes,
      onResult,
      onConfigError,
      onConfigFiles,
      log,
      trace: (message) => connection.tracer.log(message),
    });

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [ServerCommands.applyAllFixes, ServerCommands.showDocumentation] },
      },
      serverInfo: { name: SERVER_NAME, version: packageVersion() },
    };
    if (pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: false };
    }
    return result;
  });

  connection.onInitialized(() => {
    host?.warmUp();
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.durabilityrc.json' },
          { globPattern: '**/package.json' },
          // Closed files that open documents import (an open document's text wins over its file).
          { globPattern: `**/*.{${SUPPORTED_EXTENSIONS.map((ext) => ext.slice(1)).join(',')}}` },
        ],
      });
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (hasWorkspace) {
      void getSettings(pathToFileURL(workspaceRoot).href).then((settings) => {
        if (!settings.enable || !host || !validator) return;
        void indexWorkspace({
          host,
          validator,
          createProgress: () => connection.window.createWorkDoneProgress(),
          stopMs: budget.stopMs,
          maxFileSizeBytes,
          log,
        });
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    knownSettings.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const configChanged = params.changes.some((change) => {
      const name = change.uri.slice(change.uri.lastIndexOf('/') + 1);
      if (name === '.durabilityrc.json') return true;
      if (name !== 'package.json' || !change.uri.startsWith('file:')) return false;
      // A monorepo's package.json files change all the time (installs, version bumps);
      // only one that configures us, now or before, matters.
      const file = fileURLToPath(change.uri);
      if (relevantConfigFiles.has(file)) return true;
      try {
        return fs.readFileSync(file, 'utf8').includes('"durability-lint"');
      } catch {
        return false;
      }
    });
    if (configChanged) refreshAll();
    const kinds: Record<number, FileChangeKind> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };
    const sources = params.changes.filter(
      (change) => change.uri.startsWith('file:') && !change.uri.includes('/node_modules/') && hasSupportedExtension(change.uri),
    );
    if (sources.length > 0) host?.post({ type: 'filesChanged', changes: sources.map((change) => ({ filePath: fileURLToPath(change.uri), kind: kinds[change.type] ?? 'changed' })) });
  });

  /** TextDocuments reports an open as a content change too; that one is not an edit. */
  let opening: string | undefined;

  documents.onDidOpen((event) => {
    opening = event.document.uri;
    const opened = projectDocument(event.document);
    if (opened) {
      openFiles.set(opened.filePath, event.document.uri);
      host?.post({ type: 'open', ...opened });
    }
    void getSettings(event.document.uri);
    // Pull clients ask for what they show; push clients get every open document.
    if (!pullDiagnostics) validator?.schedule(event.document.uri, Priority.Opened);
  });

  documents.onDidChangeContent((event) => {
    if (opening === event.document.uri) {
      opening = undefined;
      return;
    }
    validator?.changed(event.document.uri, knownSettings.get(event.document.uri));
  });

  documents.onDidSave((event) => {
    validator?.saved(event.document.uri, knownSettings.get(event.document.uri));
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const closed = pathsFor(event.document);
    if (closed?.projectFile && openFiles.get(closed.filePath) === uri) {
      openFiles.delete(closed.filePath);
      host?.post({ type: 'close', filePath: closed.filePath });
    }
    validator?.forget(uri);
    settingsCache.delete(uri);
    knownSettings.delete(uri);
    lastStatus.delete(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    if (!validator || !documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await getSettings(uri);
    let result: DocumentResult | undefined;
    try {
      result = await validator.resultFor(uri, token, settings);
    } catch (error) {
      if (error instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      throw error;
    }
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.findings.map((f) => f.diagnostic) };
  });

  const versionedEdits = () => capabilities.workspace?.workspaceEdit?.documentChanges === true;

  async function fixAllAction(uri: string): Promise<CodeAction | null> {
    const document = documents.get(uri);
    if (!document || !validator) return null;
    const version = document.version;
    const output = await validator.fixAll(uri);
    const now = documents.get(uri);
    if (!output || !now || now.version !== version) return null;
    const edit = minimalEdit(now, output);
    if (!edit) return null;
    return { title: 'Fix all auto-fixable problems', kind: FIX_ALL_KIND, edit: workspaceEdit(now, [edit], versionedEdits()) };
  }

  connection.onCodeAction(async (params, token) => {
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!document || !validator) return [];
    const settings = await getSettings(uri);
    if (!settings.enable) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (only && wants(FIX_ALL_KIND)) {
      const fixAll = await fixAllAction(uri);
      if (fixAll) actions.push(fixAll);
    }
    if (wants(CodeActionKind.QuickFix)) {
      let result = validator.currentResult(uri);
      if (!result && settings.run === 'onType' && !validator.isSlow(uri)) {
        try {
          result = await validator.resultFor(uri, token, settings);
        } catch (error) {
          if (error instanceof CancelledError) return [];
          throw error;
        }
      }
      const current = documents.get(uri);
      // Fix edits are offsets into the analysed text: never offer them for another version.
      if (result && current && result.version === current.version) {
        actions.push(
          ...quickFixActions({
            document: current,
            findings: result.findings,
            range: params.range,
            disableRuleComment: settings.codeAction.disableRuleComment,
            versionedEdits: versionedEdits(),
          }),
        );
      }
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === ServerCommands.applyAllFixes) {
      const target = params.arguments?.[0] as { uri?: string; version?: number } | string | undefined;
      const uri = typeof target === 'string' ? target : target?.uri;
      if (!uri) return null;
      const document = documents.get(uri);
      if (!document || (typeof target === 'object' && target.version !== undefined && target.version !== document.version)) {
        void connection.window.showInformationMessage('durability-lint: the document changed; run "Fix all" again.');
        return null;
      }
      const action = await fixAllAction(uri);
      if (!action?.edit) return null;
      const applied = await connection.workspace.applyEdit({ label: 'Fix all durability-lint problems', edit: action.edit });
      if (!applied.applied) log(`Fix all was not applied to ${uri}: ${applied.failureReason ?? 'the client refused it'}`);
      return null;
    }
    if (params.command === ServerCommands.showDocumentation) {
      const [ruleId, url] = (params.arguments ?? []) as [string?, string?];
      if (!url) return null;
      if (capabilities.window?.showDocument?.support) {
        const shown = await connection.window.showDocument({ uri: url, external: true });
        if (shown.success) return null;
      }
      void connection.window.showInformationMessage(`Documentation for ${ruleId ?? 'this rule'}: ${url}`);
      return null;
    }
    throw new ResponseError(LSPErrorCodes.RequestFailed, `Unknown command ${params.command}`);
  });

  connection.onShutdown(async () => {
    await host?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
