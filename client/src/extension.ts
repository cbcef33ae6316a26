/**
 * The VS Code extension: starts the language server over IPC and owns the UI
 * (output channel, language status item, commands). All analysis is in the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  commands,
  env,
  languages,
  LanguageStatusSeverity,
  Uri,
  window,
  workspace,
  type DocumentSelector as VsDocumentSelector,
  type ExtensionContext,
  type LanguageStatusItem,
  type LogOutputChannel,
  type TextDocument,
} from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CLIENT_ID,
  ClientCommands,
  LANGUAGE_IDS,
  SERVER_ENV,
  SERVER_EXEC_ARGV,
  SERVER_NAME,
  ServerCommands,
  STATUS_NOTIFICATION,
  type StatusParams,
} from '../../server/src/lsp/protocol';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(output);
  const selector: VsDocumentSelector = LANGUAGE_IDS.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const status = new StatusItem(languages.createLanguageStatusItem('durabilityLint.status', selector), output);
  context.subscriptions.push(status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const env = { ...process.env, ...SERVER_ENV };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV, env } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'], env },
    },
  };
  const restarts = new BoundedRestarts(output, status);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector as LanguageClientOptions['documentSelector'],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticPullOptions: { onChange: true, onSave: true },
    errorHandler: restarts,
    middleware: {
      executeCommand: async (command, args, next) => {
        if (command === ServerCommands.showDocumentation && (await showBundledDocs(context, args))) return undefined;
        return next(command, args);
      },
    },
  };
  const languageClient = new LanguageClient(CLIENT_ID, SERVER_NAME, serverOptions, clientOptions);
  client = languageClient;
  languageClient.onDidChangeState((event) => status.setClientState(event.newState));
  context.subscriptions.push(
    languageClient.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)),
    window.onDidChangeActiveTextEditor(() => status.render()),
    workspace.onDidCloseTextDocument((document) => status.forget(document.uri.toString())),
    commands.registerCommand(ClientCommands.showOutput, () => output.show(true)),
    commands.registerCommand(ClientCommands.restartServer, async () => {
      restarts.reset();
      if (languageClient.state === State.Running) await languageClient.restart();
      else await languageClient.start();
      output.info('Server restarted on request.');
    }),
    commands.registerCommand(ClientCommands.fixAll, async () => fixAll(languageClient)),
  );
  try {
    await languageClient.start();
    const info = languageClient.initializeResult?.serverInfo;
    output.info(`Server ${info?.name ?? SERVER_NAME} ${info?.version ?? ''} started; set this channel's log level to Trace (and durabilityLint.trace.server) to see the protocol.`);
  } catch (error) {
    output.error(`The server did not start: ${(error as Error)?.message ?? error}`);
    status.update({ state: 'error', text: 'not running', detail: 'The server did not start; see the output.' });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function fixAll(languageClient: LanguageClient): Promise<void> {
  const document = window.activeTextEditor?.document;
  if (!document || !(LANGUAGE_IDS as readonly string[]).includes(document.languageId)) {
    void window.showInformationMessage('durability-lint: open a JavaScript or TypeScript file to fix.');
    return;
  }
  await languageClient.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.applyAllFixes,
    arguments: [{ uri: languageClient.code2ProtocolConverter.asUri(document.uri), version: document.version }],
  });
}

/**
 * Opens the rule's page shipped inside the extension, so it works offline and
 * matches the installed version; the server's fallback is the web page.
 */
async function showBundledDocs(context: ExtensionContext, args: unknown[]): Promise<boolean> {
  const [ruleId, url] = args as [unknown, unknown];
  if (typeof ruleId === 'string' && /^[a-z0-9-]+$/.test(ruleId)) {
    const file = context.asAbsolutePath(path.join('rules', 'docs', `${ruleId}.md`));
    if (fs.existsSync(file)) {
      await commands.executeCommand('markdown.showPreview', Uri.file(file));
      return true;
    }
  }
  if (typeof url === 'string' && /^https:\/\//.test(url)) return env.openExternal(Uri.parse(url));
  return false;
}

/** The language status item: server state, and the active document's last analysis. */
class StatusItem {
  private readonly byDocument = new Map<string, StatusParams>();
  private server: StatusParams | undefined;
  private clientState: State = State.Starting;

  constructor(
    private readonly item: LanguageStatusItem,
    private readonly output: LogOutputChannel,
  ) {
    item.name = SERVER_NAME;
    item.command = { title: 'Show output', command: ClientCommands.showOutput };
    this.render();
  }

  update(params: StatusParams): void {
    if (params.state !== 'ok') {
      const where = params.uri ? `${params.uri}: ` : '';
      this.output[params.state === 'error' ? 'error' : 'warn'](`${where}${params.text}${params.detail ? ` (${params.detail})` : ''}`);
    }
    if (params.uri) this.byDocument.set(params.uri, params);
    else this.server = params;
    this.render();
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }

  setClientState(state: State): void {
    this.clientState = state;
    if (state === State.Running) this.server = undefined;
    this.render();
  }

  render(): void {
    const item = this.item;
    item.busy = this.clientState === State.Starting;
    if (this.clientState === State.Stopped) {
      this.show(this.server ?? { state: 'error', text: 'stopped', detail: 'The server is not running. Run "durability-lint: Restart server".' });
      return;
    }
    if (this.server) {
      this.show(this.server);
      return;
    }
    const document: TextDocument | undefined = window.activeTextEditor?.document;
    const status = document && this.byDocument.get(document.uri.toString());
    this.show(status ?? { state: 'ok', text: this.clientState === State.Starting ? 'starting' : 'ok' });
  }

  private show(status: StatusParams): void {
    const icon = status.state === 'error' ? '$(error)' : status.state === 'warn' ? '$(warning)' : '$(check)';
    this.item.text = `${icon} ${SERVER_NAME}${status.text === 'ok' ? '' : `: ${status.text}`}`;
    this.item.detail = status.detail;
    this.item.severity =
      status.state === 'error' ? LanguageStatusSeverity.Error : status.state === 'warn' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/**
 * Restarts a crashed server a few times, then stops and says so: a server that
 * dies on every start must not spin the CPU in a loop behind the user's back.
 */
class BoundedRestarts implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(
    private readonly output: LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  reset(): void {
    this.restarts.length = 0;
  }

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      const message = `The durability-lint server stopped unexpectedly and was restarted (${this.restarts.length} of ${MAX_RESTARTS} in 3 minutes).`;
      this.output.warn(message);
      void window.showWarningMessage(message);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `The durability-lint server stopped ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted.`;
    this.output.error(message);
    this.status.update({ state: 'error', text: 'crashed', detail: `${message} Run "durability-lint: Restart server" to try again.` });
    void window.showErrorMessage(message, 'Show output', 'Restart server').then((choice) => {
      if (choice === 'Show output') this.output.show(true);
      if (choice === 'Restart server') void commands.executeCommand(ClientCommands.restartServer);
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
