/**
 * A scriptable LSP client for the protocol tests: starts the real server over
 * stdio, answers the requests a real editor answers (configuration, capability
 * registration, applyEdit, showDocument, diagnostic refresh) and records what the
 * server sends, so a test can wait for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  InitializeRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type CancellationTokenSource, type MessageConnection } from 'vscode-jsonrpc/node';

export const repoRoot = findRepoRoot(__dirname);
export const serverBin = path.join(repoRoot, 'bin', 'durability-lint-server.js');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'bin', 'durability-lint-server.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

export { DiagnosticSeverity };

export interface ClientOptions {
  root: string;
  /** false: a client without pull diagnostics (the server must push). */
  pull?: boolean;
  /** Answer to `workspace/configuration`; null means the client has no configuration support. */
  settings?: Record<string, unknown> | null;
  initializationOptions?: Record<string, unknown>;
  /** Server entry; defaults to the bin. */
  serverScript?: string;
  /** The initial trace level (`$/logTrace` notifications). */
  trace?: 'off' | 'messages' | 'verbose';
  /** The client shows server-initiated progress (`window.workDoneProgress`). */
  workDoneProgress?: boolean;
  /** Node options and extra environment for the server process. */
  execArgv?: string[];
  env?: Record<string, string>;
}

export interface Notification {
  method: string;
  params: any;
}

export class TestClient {
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  readonly documents = new Map<string, TextDocument>();
  settings: Record<string, unknown> | null;
  stderr = '';
  initializeResult!: InitializeResult;
  exitCode: number | null = null;
  private readonly listeners: Array<() => void> = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly options: ClientOptions,
  ) {
    this.settings = options.settings === undefined ? {} : options.settings;
    child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => {
      this.exitCode = code;
      resolve(code);
      this.notify();
    }));
    connection.onNotification((method: string, params: any) => {
      this.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') this.published.push(params as PublishDiagnosticsParams);
      this.notify();
    });
    // Progress for tokens the connection does not know (the server created them) lands here.
    connection.onUnhandledProgress((params) => {
      this.notifications.push({ method: '$/progress', params });
      this.notify();
    });
    // vscode-jsonrpc keeps $/logTrace for its own tracer unless a handler claims it.
    connection.onNotification('$/logTrace', (params: any) => {
      this.notifications.push({ method: '$/logTrace', params });
      this.notify();
    });
    connection.onRequest((method: string, params: any) => {
      this.serverRequests.push({ method, params });
      this.notify();
      switch (method) {
        case 'workspace/configuration':
          return (params as { items: unknown[] }).items.map(() => this.settings);
        case 'workspace/applyEdit': {
          const edit = (params as { edit: WorkspaceEdit }).edit;
          this.applyWorkspaceEdit(edit);
          return { applied: true };
        }
        case 'window/showDocument':
          return { success: true };
        default:
          return null;
      }
    });
  }

  readonly published: PublishDiagnosticsParams[] = [];

  static async start(options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), options.serverScript ?? serverBin, '--stdio'], {
      cwd: options.root,
      env: { ...process.env, ...(options.env ?? {}) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const client = new TestClient(child, connection, options);
    const pull = options.pull ?? true;
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          isPreferredSupport: true,
        },
        ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        configuration: options.settings !== null,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: true },
        ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      window: { showDocument: { support: true }, ...(options.workDoneProgress ? { workDoneProgress: true } : {}) },
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(options.root).href,
      workspaceFolders: [{ uri: pathToFileURL(options.root).href, name: 'test' }],
      capabilities,
      initializationOptions: options.initializationOptions,
      trace: options.trace,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.options.root, relative)).href;
  }

  async open(relative: string, text: string, languageId = 'typescript'): Promise<string> {
    const uri = this.uri(relative);
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends incremental changes and applies them to the local copy. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const document = this.documents.get(uri)!;
    const version = document.version + 1;
    // LSP applies content changes in order, each against the result of the previous one.
    let text = document.getText();
    const changes = [];
    for (const edit of edits) {
      const current = TextDocument.create(uri, document.languageId, version, text);
      text = TextDocument.applyEdits(current, [edit]);
      changes.push({ range: edit.range, text: edit.newText });
    }
    this.documents.set(uri, TextDocument.create(uri, document.languageId, version, text));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the whole text, still as an incremental change covering everything. */
  async replaceAll(uri: string, text: string): Promise<number> {
    const document = this.documents.get(uri)!;
    return this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText: text }]);
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  pull(uri: string, previousResultId?: string, token?: CancellationTokenSource): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }, token?.token);
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.pull(uri);
    if (report.kind !== 'full') throw new Error('expected a full report');
    return report.items;
  }

  codeActions(uri: string, range: Range, options: { only?: string[]; diagnostics?: Diagnostic[] } = {}): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: options.diagnostics ?? [], only: options.only },
    });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Applies a code action's edit locally and sends it to the server as the editor would. */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of this.editsByUri(edit)) await this.edit(uri, sortForSequentialApply(edits));
  }

  private applyWorkspaceEdit(edit: WorkspaceEdit): void {
    void this.applyEdit(edit);
  }

  private editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
    const result = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) result.set(uri, edits);
    for (const change of edit.documentChanges ?? []) {
      if ('edits' in change) {
        const document = this.documents.get(change.textDocument.uri);
        if (change.textDocument.version !== null && document && change.textDocument.version !== document.version) {
          throw new Error(`edit for version ${change.textDocument.version}, document is at ${document.version}`);
        }
        result.set(change.textDocument.uri, change.edits as TextEdit[]);
      }
    }
    return result;
  }

  /** Resolves when `predicate` holds, re-checked on every message from the server. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = predicate();
        if (value) {
          clearTimeout(timer);
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners.splice(index, 1);
        reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`));
      }, timeoutMs);
      const listener = () => {
        if (check()) this.listeners.splice(this.listeners.indexOf(listener), 1);
      };
      if (!check()) this.listeners.push(listener);
    });
  }

  waitForNotification(method: string, predicate: (params: any) => boolean = () => true, from = 0): Promise<Notification> {
    return this.waitFor(`notification ${method}`, () => this.notifications.slice(from).find((n) => n.method === method && predicate(n.params)));
  }

  waitForServerRequest(method: string, from = 0): Promise<Notification> {
    return this.waitFor(`server request ${method}`, () => this.serverRequests.slice(from).find((n) => n.method === method));
  }

  /** The next publishDiagnostics for `uri` after index `from` of `published`. */
  waitForPublished(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () => this.published.slice(from).find((p) => p.uri === uri && predicate(p)));
  }

  async shutdown(): Promise<number | null> {
    if (this.exitCode === null) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    }
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error('server did not exit after shutdown/exit');
    }
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.exitCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Edits of one code action are non-overlapping; applying from the end keeps earlier offsets valid. */
function sortForSequentialApply(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
}

export function findAction(actions: (Command | CodeAction)[] | null, title: string | RegExp): CodeAction {
  const found = (actions ?? []).find((a): a is CodeAction => 'title' in a && (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!found) throw new Error(`no code action ${title}; got: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
  return found;
}
