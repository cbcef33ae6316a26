/**
 * Entry point of `durability-lint-server` and of the bundled server the VS Code
 * extension starts. The transport comes from the command line, as every LSP
 * client passes it: `--stdio`, `--node-ipc`, `--socket=<port>` or `--pipe=<name>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { packageVersion } from '../cli/version';
import { startServer } from './server';

const USAGE = `Usage: durability-lint-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The durability-lint language server. Point your editor's LSP client at it, e.g. in
Neovim: vim.lsp.start({ name = 'durability-lint', cmd = { 'durability-lint-server', '--stdio' } })
`;

export function main(argv: readonly string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  const transport = argv.some((arg) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(arg));
  if (argv.includes('--help') || argv.includes('-h') || !transport) {
    (transport ? process.stdout : process.stderr).write(USAGE);
    if (!argv.includes('--help') && !argv.includes('-h')) process.exitCode = 2;
    return;
  }
  // Never let a stray exception end the session: the editor would lose every diagnostic.
  process.on('uncaughtException', (error) => {
    process.stderr.write(`durability-lint-server: uncaught exception: ${error?.stack ?? error}\n`);
  });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`durability-lint-server: unhandled rejection: ${(reason as Error)?.stack ?? reason}\n`);
  });
  startServer(createConnection(ProposedFeatures.all));
}
