/**
 * Shared fixtures for the CLI tests: temporary trees, a fake rule registry and a
 * fake engine. The fake engine keeps the tests independent of which real rules
 * exist: it runs the real parser (so parse errors are real) and then reports a
 * finding for every FAKE_ERROR / FAKE_WARN marker, at the severity the CLI's
 * config gave that fake rule.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { lintText, type LintOptions } from '../../server/src/engine/lint';
import type { RuleModule } from '../../server/src/engine/rule-api';
import type { EffectiveConfig, FileResult, LintMessage } from '../../server/src/engine/types';
import { main, type CliIo } from '../../server/src/cli/main';

export const repoRoot = findRepoRoot(__dirname);
export const binPath = path.join(repoRoot, 'bin', 'durability-lint.js');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'durability-lint.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const tempDirs: string[] = [];

/** A fresh directory holding `files` (path → content); removed after the run. */
export function makeTree(files: Record<string, string> = {}): string {
  // realpath: on macOS os.tmpdir() is a symlink, and results carry resolved paths.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'durability-cli-')));
  tempDirs.push(root);
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

after(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fakeRule(id: string, meta: Partial<RuleModule['meta']>, defaultOptions: Record<string, unknown> = {}): RuleModule<any> {
  return {
    id,
    meta: {
      type: 'problem',
      docs: { description: `Fake rule ${id}.`, recommended: true },
      messages: { found: `Found ${id}.`, fixIt: 'Fix it.' },
      schema: [],
      defaultSeverity: 'error',
      ...meta,
    },
    defaultOptions,
    check: () => undefined,
  };
}

export const fakeRules: RuleModule<any>[] = [
  fakeRule(
    'fake-error',
    {
      defaultSeverity: 'error',
      schema: [
        {
          type: 'object',
          properties: {
            level: { type: 'string', enum: ['low', 'high'] },
            names: { type: 'array', items: { type: 'string' } },
            limit: { type: 'integer' },
          },
          additionalProperties: false,
        },
      ],
      hasSuggestions: true,
    },
    { level: 'low' },
  ),
  fakeRule('fake-warn', { defaultSeverity: 'warn', fixable: 'code' }),
];

const MARKERS: Array<{ marker: string; ruleId: string; replacement?: string }> = [
  { marker: 'FAKE_ERROR', ruleId: 'fake-error' },
  { marker: 'FAKE_WARN', ruleId: 'fake-warn', replacement: 'fixedWarn' },
];

export interface FakeLint {
  (text: string, filePath: string, options: LintOptions): FileResult;
  calls: Array<{ filePath: string; config: EffectiveConfig; fix: boolean }>;
}

export function createFakeLint(): FakeLint {
  const fake = ((text: string, filePath: string, options: LintOptions): FileResult => {
    fake.calls.push({ filePath, config: options.config, fix: options.fix === true });
    const real = lintText(text, filePath, { config: { rules: {}, vocabulary: {} } });
    if (real.fatalErrorCount > 0) return real;
    let current = text;
    let output: string | undefined;
    if (options.fix) {
      for (const { marker, ruleId, replacement } of MARKERS) {
        if (replacement !== undefined && (options.config.rules[ruleId]?.severity ?? 0) > 0 && current.includes(marker)) {
          current = current.split(marker).join(replacement);
          output = current;
        }
      }
    }
    const messages: LintMessage[] = [];
    for (const { marker, ruleId, replacement } of MARKERS) {
      const severity = options.config.rules[ruleId]?.severity ?? 0;
      if (severity === 0) continue;
      for (let index = current.indexOf(marker); index >= 0; index = current.indexOf(marker, index + 1)) {
        const before = current.slice(0, index);
        const line = before.split('\n').length;
        const column = index - (before.lastIndexOf('\n') + 1) + 1;
        const message: LintMessage = {
          ruleId,
          severity: severity as 1 | 2,
          message: `Found ${ruleId}.`,
          messageId: 'found',
          line,
          column,
          endLine: line,
          endColumn: column + marker.length,
          range: [index, index + marker.length],
          related: [{ message: 'because of this', line: 1, column: 1, endLine: 1, endColumn: 2 }],
        };
        if (replacement !== undefined) message.fix = { range: [index, index + marker.length], text: replacement };
        else message.suggestions = [{ desc: 'Fix it.', messageId: 'fixIt', fix: { range: [index, index], text: 'void ' } }];
        messages.push(message);
      }
    }
    const count = (pick: (m: LintMessage) => boolean) => messages.filter(pick).length;
    const result: FileResult = {
      filePath,
      messages,
      errorCount: count((m) => m.severity === 2),
      warningCount: count((m) => m.severity === 1),
      fatalErrorCount: 0,
      fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
      fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
    };
    if (output !== undefined) result.output = output;
    return result;
  }) as FakeLint;
  fake.calls = [];
  return fake;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main` in-process with captured output, the fake registry and the fake engine unless overridden. */
export async function runCli(argv: string[], io: Partial<CliIo> & { stdin?: string; isTTY?: boolean } = {}): Promise<CliRun & { lint: FakeLint }> {
  let stdout = '';
  let stderr = '';
  const lint = (io.lint as FakeLint | undefined) ?? createFakeLint();
  const { stdin, isTTY, ...rest } = io;
  const code = await main(argv, {
    cwd: process.cwd(),
    env: {},
    rules: fakeRules,
    lint,
    readStdin: async () => stdin ?? '',
    ...rest,
    stdout: { write: (text: string) => (stdout += text), isTTY },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr, lint };
}

/** Runs the real executable, with the real engine and rules, as CI would. */
export function runBin(argv: string[], options: { cwd: string; input?: string } ): CliRun {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  const child = spawnSync(process.execPath, [binPath, ...argv], { cwd: options.cwd, input: options.input ?? '', encoding: 'utf8', env });
  if (child.error) throw child.error;
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

export function readPackageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
