/**
 * What the file-state rules (no-non-atomic-overwrite, no-rename-without-fsync,
 * no-read-failure-as-empty) need to know about file-system calls: which calls read,
 * overwrite, rename, open, write through a descriptor and flush, and when two path
 * expressions name the same file.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T, visitorKeys } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import { splitWords } from '../server/src/engine/classify';
import type { Path } from '../server/src/engine/vocabulary';
import { freshName, indentationAt, isReferenceableName, lineEnding } from '../server/src/engine/source-edits';

export type FileOp =
  | 'read'
  | 'overwrite'
  | 'append'
  | 'rename'
  | 'copy'
  | 'open'
  | 'fdWrite'
  | 'fsync'
  | 'close'
  | 'exists';

export type CallStyle = 'sync' | 'promise' | 'callback' | 'stream';

export interface FileCall {
  call: TSESTree.CallExpression;
  op: FileOp;
  /** The method as the library names it: `writeFileSync`, `rename`, `sync`. */
  method: string;
  style: CallStyle;
  /** The path argument; for descriptor and handle calls, the descriptor or handle. */
  target: TSESTree.Node | null;
  /** The object the method was called on (`fs`, `fsp`, `handle`), when it was a member call. */
  receiver: TSESTree.Expression | null;
  /** A FileHandle method (`handle.writeFile`, `handle.sync()`). */
  viaHandle: boolean;
}

interface MethodInfo {
  op: FileOp;
  /** Style when called on `fs` (the promise API has its own). */
  style: CallStyle;
}

const FS_METHODS: Record<string, MethodInfo> = {
  readFile: { op: 'read', style: 'callback' },
  readFileSync: { op: 'read', style: 'sync' },
  readJson: { op: 'read', style: 'promise' },
  readJSON: { op: 'read', style: 'promise' },
  readJsonSync: { op: 'read', style: 'sync' },
  readJSONSync: { op: 'read', style: 'sync' },
  createReadStream: { op: 'read', style: 'stream' },
  writeFile: { op: 'overwrite', style: 'callback' },
  writeFileSync: { op: 'overwrite', style: 'sync' },
  writeJson: { op: 'overwrite', style: 'promise' },
  writeJSON: { op: 'overwrite', style: 'promise' },
  writeJsonSync: { op: 'overwrite', style: 'sync' },
  writeJSONSync: { op: 'overwrite', style: 'sync' },
  outputFile: { op: 'overwrite', style: 'promise' },
  outputFileSync: { op: 'overwrite', style: 'sync' },
  outputJson: { op: 'overwrite', style: 'promise' },
  outputJSON: { op: 'overwrite', style: 'promise' },
  outputJsonSync: { op: 'overwrite', style: 'sync' },
  outputJSONSync: { op: 'overwrite', style: 'sync' },
  createWriteStream: { op: 'overwrite', style: 'stream' },
  appendFile: { op: 'append', style: 'callback' },
  appendFileSync: { op: 'append', style: 'sync' },
  rename: { op: 'rename', style: 'callback' },
  renameSync: { op: 'rename', style: 'sync' },
  move: { op: 'rename', style: 'promise' },
  moveSync: { op: 'rename', style: 'sync' },
  copyFile: { op: 'copy', style: 'callback' },
  copyFileSync: { op: 'copy', style: 'sync' },
  cp: { op: 'copy', style: 'callback' },
  cpSync: { op: 'copy', style: 'sync' },
  copy: { op: 'copy', style: 'promise' },
  copySync: { op: 'copy', style: 'sync' },
  open: { op: 'open', style: 'callback' },
  openSync: { op: 'open', style: 'sync' },
  write: { op: 'fdWrite', style: 'callback' },
  writeSync: { op: 'fdWrite', style: 'sync' },
  writev: { op: 'fdWrite', style: 'callback' },
  writevSync: { op: 'fdWrite', style: 'sync' },
  fsync: { op: 'fsync', style: 'callback' },
  fsyncSync: { op: 'fsync', style: 'sync' },
  fdatasync: { op: 'fsync', style: 'callback' },
  fdatasyncSync: { op: 'fsync', style: 'sync' },
  close: { op: 'close', style: 'callback' },
  closeSync: { op: 'close', style: 'sync' },
  existsSync: { op: 'exists', style: 'sync' },
  exists: { op: 'exists', style: 'callback' },
  pathExists: { op: 'exists', style: 'promise' },
  pathExistsSync: { op: 'exists', style: 'sync' },
  access: { op: 'exists', style: 'callback' },
  accessSync: { op: 'exists', style: 'sync' },
};

/** Methods of the FileHandle that `fs.promises.open()` resolves to. */
const HANDLE_METHODS: Record<string, FileOp> = {
  writeFile: 'fdWrite',
  write: 'fdWrite',
  writev: 'fdWrite',
  appendFile: 'fdWrite',
  readFile: 'read',
  sync: 'fsync',
  datasync: 'fsync',
  close: 'close',
};

/** `jsonfile` writes with a plain `fs.writeFile` under its JSON helpers. */
const JSONFILE_METHODS: Record<string, MethodInfo> = {
  readFile: { op: 'read', style: 'promise' },
  readFileSync: { op: 'read', style: 'sync' },
  writeFile: { op: 'overwrite', style: 'promise' },
  writeFileSync: { op: 'overwrite', style: 'sync' },
};

const PROMISIFIERS = /^(promisify|pify)$/;

/** Classifies a call of the Node file-system API (fs, fs/promises, fs-extra, graceful-fs, jsonfile). */
export function fileCallOf(call: TSESTree.CallExpression, binder: Binder): FileCall | null {
  const callee = call.callee;
  let path = binder.resolve(callee);
  let promisified = false;
  if (callee.type === T.Identifier) {
    // `const writeFileAsync = promisify(fs.writeFile)`
    const wrapped = promisifiedTarget(callee, binder);
    if (wrapped) {
      path = binder.resolve(wrapped);
      promisified = true;
    }
  }
  if (!path || path.length < 2) return null;
  const receiver = callee.type === T.MemberExpression ? callee.object : null;
  const method = path[path.length - 1];
  const info = methodInfo(path);
  if (!info) return null;
  if (info.viaHandle) {
    return { call, op: info.op, method, style: 'promise', target: receiver, receiver, viaHandle: true };
  }
  let style = info.style;
  if (promisified || (info.promises && style === 'callback')) style = 'promise';
  if (path[0] === 'fs-extra' && style === 'callback' && !hasCallbackArgument(call)) style = 'promise';
  const first = call.arguments[0];
  // `createWriteStream(undefined, { fd })`: the path is in the options, not here.
  const target = first && first.type !== T.SpreadElement && !isAbsentValue(first) ? first : null;
  return { call, op: info.op, method, style, target, receiver, viaHandle: false };
}

function methodInfo(path: Path): (MethodInfo & { promises: boolean; viaHandle: boolean }) | null {
  const method = path[path.length - 1];
  const root = path[0];
  if (root === 'fs' || root === 'fs-extra') {
    const openIndex = path.indexOf('open()');
    if (openIndex >= 0) {
      // `(await fsp.open(p)).sync()`: a FileHandle method.
      if (openIndex !== path.length - 2) return null;
      const op = HANDLE_METHODS[method];
      return op ? { op, style: 'promise', promises: true, viaHandle: true } : null;
    }
    const promises = path[1] === 'promises';
    if (path.length !== (promises ? 3 : 2)) return null;
    const info = FS_METHODS[method];
    return info ? { ...info, promises, viaHandle: false } : null;
  }
  if (root === 'import:jsonfile' && path.length === 2) {
    const info = JSONFILE_METHODS[method];
    return info ? { ...info, promises: false, viaHandle: false } : null;
  }
  return null;
}

function isAbsentValue(node: TSESTree.Node): boolean {
  return (node.type === T.Identifier && node.name === 'undefined') || (node.type === T.Literal && node.value === null);
}

function promisifiedTarget(id: TSESTree.Identifier, binder: Binder): TSESTree.Node | null {
  const def = binder.variableOf(id)?.defs[0];
  if (def?.type !== 'Variable') return null;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  if (init?.type !== T.CallExpression || init.arguments.length < 1) return null;
  const name = init.callee.type === T.Identifier ? init.callee.name : init.callee.type === T.MemberExpression ? propertyName(init.callee) : null;
  if (!name || !PROMISIFIERS.test(name)) return null;
  const arg = init.arguments[0];
  return arg.type === T.SpreadElement ? null : arg;
}

function hasCallbackArgument(call: TSESTree.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  return !!last && (last.type === T.ArrowFunctionExpression || last.type === T.FunctionExpression);
}

/** Every file-system call in the file, in source order. */
export function collectFileCalls(program: TSESTree.Program, binder: Binder): FileCall[] {
  const out: FileCall[] = [];
  walk(program, (node) => {
    if (node.type === T.CallExpression) {
      const fc = fileCallOf(node, binder);
      if (fc) out.push(fc);
    }
  });
  return out;
}

/** Iterative pre-order walk (real files nest deeper than the stack allows). */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children: TSESTree.Node[] = [];
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && 'type' in v) children.push(v as TSESTree.Node);
      } else if (value && typeof value === 'object' && 'type' in value) {
        children.push(value as TSESTree.Node);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

// ------------------------------------------------------------------ options

/** The options argument of a path-taking write (`writeFile(p, data, options)`), as an object literal. */
export function optionsObject(fc: FileCall, binder: Binder): TSESTree.ObjectExpression | null {
  const index = fc.method === 'createWriteStream' || fc.method === 'createReadStream' ? 1 : 2;
  return objectLiteral(fc.call.arguments[index], binder);
}

export function objectLiteral(node: TSESTree.Node | undefined, binder: Binder): TSESTree.ObjectExpression | null {
  if (!node) return null;
  if (node.type === T.ObjectExpression) return node;
  if (node.type === T.Identifier) {
    const def = binder.variableOf(node)?.defs[0];
    if (def?.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      if (init?.type === T.ObjectExpression) return init;
    }
  }
  return null;
}

export function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null {
  for (const p of object.properties) {
    if (p.type !== T.Property || p.computed) continue;
    const name = p.key.type === T.Identifier ? p.key.name : p.key.type === T.Literal ? String(p.key.value) : null;
    if (name === key) return p.value;
  }
  return null;
}

export function stringValue(node: TSESTree.Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === T.Literal && typeof node.value === 'string') return node.value;
  if (node.type === T.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}

/** The open flag a write uses: `flag`/`flags` in its options, or `open(p, flag)`. */
export function writeFlag(fc: FileCall, binder: Binder): string | null {
  if (fc.op === 'open') return stringValue(fc.call.arguments[1]);
  const options = optionsObject(fc, binder);
  if (!options) return null;
  return stringValue(propertyValue(options, 'flag') ?? propertyValue(options, 'flags'));
}

/** Flags that never truncate an existing file: append, or fail if it exists. */
export function isNonTruncatingFlag(flag: string | null): boolean {
  return !!flag && (flag.includes('a') || flag.includes('x') || flag.startsWith('r'));
}

/** `open(p, 'w')` and friends: opened to be written from the start. */
export function opensForWriting(fc: FileCall): boolean {
  const flag = stringValue(fc.call.arguments[1]);
  return !!flag && /[wa]|\+/.test(flag);
}

// ------------------------------------------------------------------ path identity

const MAX_KEY_DEPTH = 8;

/**
 * A canonical text for a path expression, so that `STATE_FILE`, `path.join(dir, 'x.json')`
 * assigned to a const, and `this.file` in two methods of one class compare equal.
 * Variables that are never reassigned are replaced by their initialiser; other
 * variables and parameters are keyed by their declaration, so two parameters that
 * happen to share a name in different functions stay different files.
 */
export function pathKey(node: TSESTree.Node, binder: Binder, source: string, depth = 0): string {
  if (depth > MAX_KEY_DEPTH) return textOf(source, node);
  switch (node.type) {
    case T.Literal:
      return typeof node.value === 'string' ? JSON.stringify(node.value) : textOf(source, node);
    case T.TemplateLiteral: {
      if (node.expressions.length === 0) return JSON.stringify(node.quasis[0].value.cooked ?? '');
      let out = '`';
      node.quasis.forEach((q, i) => {
        out += q.value.raw;
        if (i < node.expressions.length) out += '${' + pathKey(node.expressions[i], binder, source, depth + 1) + '}';
      });
      return out + '`';
    }
    case T.Identifier: {
      const init = constInitializer(node, binder);
      if (init) return pathKey(init, binder, source, depth + 1);
      const variable = binder.variableOf(node);
      const def = variable?.defs[0];
      return def ? `${node.name}@${def.name.range[0]}` : node.name;
    }
    case T.MemberExpression: {
      const prop = propertyName(node);
      if (node.object.type === T.ThisExpression) {
        const cls = enclosingClassStart(node);
        return `this@${cls}.${prop ?? textOf(source, node.property)}`;
      }
      const object = pathKey(node.object, binder, source, depth + 1);
      return prop !== null ? `${object}.${prop}` : `${object}[${pathKey(node.property, binder, source, depth + 1)}]`;
    }
    case T.CallExpression:
      return `${textOf(source, node.callee)}(${node.arguments.map((a) => pathKey(a, binder, source, depth + 1)).join(',')})`;
    case T.BinaryExpression:
      return `${pathKey(node.left, binder, source, depth + 1)}${node.operator}${pathKey(node.right, binder, source, depth + 1)}`;
    case T.TSAsExpression:
    case T.TSNonNullExpression:
    case T.TSSatisfiesExpression:
    case T.ChainExpression:
    case T.AwaitExpression:
      return pathKey(unwrap(node), binder, source, depth + 1);
    default:
      return textOf(source, node);
  }
}

/** The initialiser of a variable that is assigned nowhere else. */
export function constInitializer(id: TSESTree.Identifier, binder: Binder): TSESTree.Expression | null {
  const variable = binder.variableOf(id);
  if (!variable || variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== T.Identifier || !declarator.init) return null;
  for (const ref of variable.references) {
    if (ref.isWrite() && ref.writeExpr !== declarator.init) return null;
  }
  return declarator.init;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  switch (node.type) {
    case T.TSAsExpression:
    case T.TSNonNullExpression:
    case T.TSSatisfiesExpression:
      return node.expression;
    case T.ChainExpression:
      return node.expression;
    case T.AwaitExpression:
      return node.argument;
    default:
      return node;
  }
}

/** Strips `await`, `as`, `!`, parentheses-free wrappers. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let i = 0; i < 16; i++) {
    const next = unwrap(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

function enclosingClassStart(node: TSESTree.Node): number {
  let current = node.parent;
  while (current) {
    if (current.type === T.ClassBody) return current.range[0];
    current = current.parent;
  }
  return -1;
}

export function textOf(source: string, node: TSESTree.Node): string {
  return source.slice(node.range[0], node.range[1]).replace(/\s+/g, '');
}

/** The words of a path expression and of what its constants stand for: `tmpFile`, `'.tmp'`. */
export function pathWords(node: TSESTree.Node, binder: Binder, source: string): string[] {
  const text = `${source.slice(node.range[0], node.range[1])} ${pathKey(node, binder, source)}`;
  return text.split(/[^A-Za-z0-9]+/).flatMap((chunk) => splitWords(chunk));
}

/**
 * A temporary file: `file + '.tmp'`, `tempPath`, `os.tmpdir()`, `${file}.${pid}.temp` — also when
 * the temp folder is chosen in another scope: a field set to `path.join(os.tmpdir(), …)` in the
 * constructor, a module variable assigned a `mkdtemp` folder in an `init()`, or a parameter that
 * every caller in the file fills with a temp path.
 */
export function isTempPath(node: TSESTree.Node, binder: Binder, source: string): boolean {
  return tempBy(node, binder, source, new Set(), 0);
}

function hasTempWord(node: TSESTree.Node, binder: Binder, source: string, strong = false): boolean {
  return pathWords(node, binder, source).some((w) => w === 'temp' || w === 'temporary' || w.startsWith('tmp') || (!strong && (w === 'partial' || w === 'part' || w === 'staging')));
}

const MAX_TEMP_DEPTH = 6;

function tempBy(node: TSESTree.Node, binder: Binder, source: string, visiting: Set<unknown>, depth: number): boolean {
  // `.partial`/`.part` name the written file itself; where a folder comes from, only a temp folder counts
  // (an options object spread from `partialOptions` is no temp file).
  if (hasTempWord(node, binder, source, depth > 0)) return true;
  if (depth > MAX_TEMP_DEPTH) return false;
  const n = unwrapExpression(node);
  const sub = (e: TSESTree.Node) => tempBy(e, binder, source, visiting, depth + 1);
  switch (n.type) {
    case T.CallExpression:
      // `path.join(tmpRoot, name)`, `fs.mkdtempSync(prefix)`, `resolve(dir, …)`: the base decides.
      return n.arguments.length > 0 && n.arguments[0].type !== T.SpreadElement && sub(n.arguments[0]);
    case T.TemplateLiteral:
      return n.quasis[0]?.value.cooked === '' && n.expressions.length > 0 && sub(n.expressions[0]);
    case T.BinaryExpression:
      return n.operator === '+' && sub(n.left);
    case T.Identifier: {
      const variable = binder.variableOf(n);
      if (!variable || visiting.has(variable)) return !!variable;
      visiting.add(variable);
      const def = variable.defs[0];
      if (def?.type === 'Parameter') return parameterFilledWithTemp(def.node as TSESTree.Node, n.name, binder, source, visiting, depth);
      const values: TSESTree.Node[] = [];
      for (const ref of variable.references) if (ref.isWrite() && ref.writeExpr) values.push(ref.writeExpr as TSESTree.Node);
      return everyMeaningful(values, sub);
    }
    case T.MemberExpression: {
      if (n.object.type !== T.ThisExpression) return false;
      const name = propertyName(n);
      const body = enclosingClassBody(n);
      if (!name || !body) return false;
      const key = `${body.range[0]}.${name}`;
      if (visiting.has(key)) return true;
      visiting.add(key);
      return everyMeaningful(thisFieldValues(body, name), sub);
    }
    default:
      return false;
  }
}

/** Every value stored that could name a path is temp (`''`, `null` and `undefined` placeholders aside), and there is one. */
function everyMeaningful(values: TSESTree.Node[], isTemp: (n: TSESTree.Node) => boolean): boolean {
  const meaningful = values.filter((v) => !isPlaceholder(v));
  return meaningful.length > 0 && meaningful.every(isTemp);
}

function isPlaceholder(node: TSESTree.Node): boolean {
  if (node.type === T.Literal) return node.value === null || node.value === '';
  return node.type === T.Identifier && node.name === 'undefined';
}

/** `this.dir = …` anywhere in the class, and a `dir = …` field initialiser. */
function thisFieldValues(body: TSESTree.ClassBody, name: string): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  for (const member of body.body) {
    if (member.type === T.PropertyDefinition && !member.static && member.value && !member.computed && fieldName(member.key) === name) values.push(member.value);
  }
  walk(body, (node) => {
    if (node.type === T.AssignmentExpression && node.left.type === T.MemberExpression && node.left.object.type === T.ThisExpression && propertyName(node.left) === name) {
      values.push(node.right);
    }
  });
  return values;
}

function fieldName(key: TSESTree.Node): string | null {
  if (key.type === T.Identifier) return key.name;
  if (key.type === T.PrivateIdentifier) return `#${key.name}`;
  return key.type === T.Literal && typeof key.value === 'string' ? key.value : null;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | null {
  let current = node.parent;
  while (current) {
    if (current.type === T.ClassBody) return current;
    current = current.parent;
  }
  return null;
}

/** A parameter of a same-file function that every call in the file fills with a temp path. */
function parameterFilledWithTemp(
  fn: TSESTree.Node,
  param: string,
  binder: Binder,
  source: string,
  visiting: Set<unknown>,
  depth: number,
): boolean {
  if (fn.type !== T.FunctionDeclaration && fn.type !== T.FunctionExpression && fn.type !== T.ArrowFunctionExpression) return false;
  const index = fn.params.findIndex((p) => p.type === T.Identifier && p.name === param);
  if (index < 0) return false;
  let nameNode: TSESTree.Identifier | null = null;
  if (fn.type === T.FunctionDeclaration) nameNode = fn.id;
  else if (fn.parent?.type === T.VariableDeclarator && fn.parent.id.type === T.Identifier) nameNode = fn.parent.id;
  const variable = nameNode ? binder.variableOf(nameNode) : null;
  if (!variable) return false;
  const args: TSESTree.Node[] = [];
  for (const ref of variable.references) {
    if (!ref.isRead()) continue; // `const f = (…) => …` writes the name; calls read it
    const id = ref.identifier as TSESTree.Node;
    const call = id.parent;
    // Handed on (exported, passed as a callback): callers elsewhere may pass anything.
    if (call?.type !== T.CallExpression || call.callee !== id) return false;
    const arg = call.arguments[index];
    if (!arg || arg.type === T.SpreadElement) return false;
    args.push(arg);
  }
  if (isExported(fn)) return false;
  return args.length > 0 && args.every((a) => tempBy(a, binder, source, visiting, depth + 1));
}

function isExported(fn: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = fn.parent;
  for (let i = 0; current && i < 3; i++, current = current.parent) {
    if (current.type === T.ExportNamedDeclaration || current.type === T.ExportDefaultDeclaration) return true;
  }
  return false;
}

const BUILD_OUTPUT_WORDS = new Set(['dist', 'build', 'out', 'outdir', 'outfile', 'coverage', 'generated', 'bundle']);

/** Build and tool output that is regenerated, not kept: `dist/`, `out/`, `*.d.ts`, source maps. */
export function isBuildOutputPath(node: TSESTree.Node, binder: Binder, source: string): boolean {
  const text = source.slice(node.range[0], node.range[1]) + ' ' + pathKey(node, binder, source);
  if (/\.d\.[cm]?ts\b|\.map\b|\.js\b|\.mjs\b|\.cjs\b|\.css\b|\.html\b/.test(text)) return true;
  return pathWords(node, binder, source).some((w) => BUILD_OUTPUT_WORDS.has(w));
}

const DISPOSABLE_WORDS = new Set(['cache', 'cached', 'lock', 'lockfile', 'pid', 'log', 'logs']);

/** Files whose loss costs nothing but a recomputation: caches, lock and pid files, logs. */
export function isDisposablePath(node: TSESTree.Node, binder: Binder, source: string): boolean {
  const disposable = (n: TSESTree.Node) => pathWords(n, binder, source).some((w) => DISPOSABLE_WORDS.has(w));
  if (disposable(node)) return true;
  // `this.file`, set in the constructor to `path.join(root, 'cache', 'thumbnails.json')`.
  const n = unwrapExpression(node);
  if (n.type !== T.MemberExpression || n.object.type !== T.ThisExpression) return false;
  const name = propertyName(n);
  const body = enclosingClassBody(n);
  return !!name && !!body && everyMeaningful(thisFieldValues(body, name), disposable);
}

/** Inside `if (!existsSync(p)) …` (or `if (exists) … else`): creating a file, not overwriting it. */
export function isGuardedByAbsence(node: TSESTree.Node, key: string, binder: Binder, source: string): boolean {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === T.IfStatement || parent.type === T.ConditionalExpression) {
      const polarity = existenceTest(parent.test, key, binder, source);
      if (polarity === 'absent' && parent.consequent === current) return true;
      if (polarity === 'present' && parent.alternate === current) return true;
    }
    if (parent.type === T.LogicalExpression && parent.right === current) {
      const polarity = existenceTest(parent.left, key, binder, source);
      if (polarity === 'absent' && parent.operator === '&&') return true;
      if (polarity === 'present' && parent.operator === '||') return true;
    }
    if (parent.type === T.FunctionDeclaration || parent.type === T.FunctionExpression || parent.type === T.ArrowFunctionExpression) return false;
    current = parent;
  }
  return false;
}

function existenceTest(test: TSESTree.Node, key: string, binder: Binder, source: string): 'present' | 'absent' | null {
  let node = unwrapExpression(test);
  let negated = false;
  while (node.type === T.UnaryExpression && node.operator === '!') {
    negated = !negated;
    node = unwrapExpression(node.argument);
  }
  if (node.type !== T.CallExpression) return null;
  const fc = fileCallOf(node, binder);
  if (!fc || fc.op !== 'exists' || !fc.target) return null;
  if (pathKey(fc.target, binder, source) !== key) return null;
  return negated ? 'absent' : 'present';
}

/** The innermost function (or the program) that holds a node. */
export function ownerOf(node: TSESTree.Node): TSESTree.Node {
  let current = node.parent;
  while (current) {
    if (current.type === T.FunctionDeclaration || current.type === T.FunctionExpression || current.type === T.ArrowFunctionExpression || current.type === T.Program) return current;
    current = current.parent;
  }
  return node;
}

export function isInside(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

// ------------------------------------------------------------------ edits

/** Per analysis (keyed by its binder): a document's tree is reused, edited, by the next one. */
const bindingsCache = new WeakMap<Binder, Map<string, string>>();

/** Module-level names bound to file-system functions: `'fs.renameSync'` → `renameSync`. */
function moduleBindings(program: TSESTree.Program, binder: Binder): Map<string, string> {
  let map = bindingsCache.get(binder);
  if (map) return map;
  map = new Map();
  for (const statement of program.body) {
    const ids: TSESTree.Identifier[] = [];
    if (statement.type === T.ImportDeclaration) {
      for (const s of statement.specifiers) ids.push(s.local);
    } else if (statement.type === T.VariableDeclaration) {
      for (const d of statement.declarations) {
        if (d.id.type === T.Identifier) ids.push(d.id);
        else if (d.id.type === T.ObjectPattern) {
          for (const p of d.id.properties) {
            if (p.type === T.Property && p.value.type === T.Identifier) ids.push(p.value);
          }
        }
      }
    }
    for (const id of ids) {
      const path = binder.resolve(id);
      if (path && !map.has(path.join('.'))) map.set(path.join('.'), id.name);
    }
  }
  bindingsCache.set(binder, map);
  return map;
}

/** How to call sibling file-system functions next to a write: through its receiver, or names in scope. */
export function siblingCaller(fc: FileCall, program: TSESTree.Program, binder: Binder, source: string, methods: string[]): ((method: string) => string) | null {
  if (fc.receiver) {
    const receiverText = source.slice(fc.receiver.range[0], fc.receiver.range[1]);
    if (!/^[\w$.]+$/.test(receiverText) || !isReferenceableName(receiverText.split('.')[0])) return null;
    return (method) => `${receiverText}.${method}`;
  }
  const calleePath = binder.resolve(fc.call.callee);
  if (!calleePath) return null;
  const prefix = calleePath.slice(0, -1).join('.');
  const bindings = moduleBindings(program, binder);
  const names = new Map<string, string>();
  for (const m of methods) {
    const name = bindings.get(`${prefix}.${m}`);
    if (!name || !isReferenceableName(name)) return null;
    names.set(m, name);
  }
  return (method) => names.get(method)!;
}

/** Expressions we may evaluate more than once in a rewrite: names, property chains, literals. */
export function isSimplePathExpression(node: TSESTree.Node): boolean {
  switch (node.type) {
    case T.Identifier:
    case T.Literal:
    case T.ThisExpression:
      return true;
    case T.MemberExpression:
      return (!node.computed || node.property.type === T.Literal) && isSimplePathExpression(node.object);
    case T.TemplateLiteral:
      return node.expressions.every(isSimplePathExpression);
    default:
      return false;
  }
}

/** `file + '.tmp'`, written the way the target is written. */
export function tempPathText(source: string, target: TSESTree.Node): string {
  const text = source.slice(target.range[0], target.range[1]);
  if (target.type === T.Literal && typeof target.value === 'string') return `${text.slice(0, -1)}.tmp${text.slice(-1)}`;
  if (target.type === T.TemplateLiteral) return `${text.slice(0, -1)}.tmp\``;
  return `${text} + '.tmp'`;
}

/** Options we can carry over to a descriptor write: none, an encoding string, `{ encoding }`. */
function carriedOptions(fc: FileCall, source: string): string | null | undefined {
  const options = fc.call.arguments[2];
  if (!options) return null;
  if (options.type === T.Literal && typeof options.value === 'string') return source.slice(options.range[0], options.range[1]);
  if (options.type === T.ObjectExpression && options.properties.every((p) => p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === 'encoding')) {
    return source.slice(options.range[0], options.range[1]);
  }
  return undefined;
}

export interface FsyncedWriteEdit {
  range: [number, number];
  text: string;
}

/**
 * Rewrites `writeFileSync(p, data)` / `await writeFile(p, data)` (a statement of its own)
 * into open, write, fsync, close — and, with `renameOnto`, writes `p + '.tmp'` and renames
 * it onto `p`. Null when the call is not in a shape we can rewrite correctly.
 */
export function fsyncedWriteEdit(
  fc: FileCall,
  program: TSESTree.Program,
  binder: Binder,
  source: string,
  mode: { renameOnto: boolean },
): FsyncedWriteEdit | null {
  if (fc.viaHandle || !fc.target || fc.call.arguments.length < 2) return null;
  const isSync = fc.method === 'writeFileSync' && fc.style === 'sync';
  const isPromise = fc.method === 'writeFile' && fc.style === 'promise';
  if (!isSync && !isPromise) return null;
  const calleePath = binder.resolve(fc.call.callee);
  if (!calleePath || calleePath[0] !== 'fs') return null;
  if (isPromise && calleePath[1] !== 'promises') return null;
  const options = carriedOptions(fc, source);
  if (options === undefined) return null;
  const data = fc.call.arguments[1];
  if (data.type === T.SpreadElement) return null;

  let statementExpr: TSESTree.Node = fc.call;
  if (isPromise) {
    if (fc.call.parent?.type !== T.AwaitExpression) return null;
    statementExpr = fc.call.parent;
  }
  const statement = statementExpr.parent;
  if (statement?.type !== T.ExpressionStatement || statement.expression !== statementExpr) return null;
  const container = statement.parent;
  if (!container || (container.type !== T.BlockStatement && container.type !== T.Program)) return null;
  if (mode.renameOnto && !isSimplePathExpression(fc.target)) return null;

  const methods = isSync ? ['openSync', 'fsyncSync', 'closeSync', ...(mode.renameOnto ? ['renameSync'] : [])] : ['open', ...(mode.renameOnto ? ['rename'] : [])];
  const call = siblingCaller(fc, program, binder, source, methods);
  if (!call) return null;

  const eol = lineEnding(source);
  const indent = indentationAt(source, statement.range[0]);
  const unit = indent.includes('\t') ? '\t' : '  ';
  const scopeText = source.slice(ownerOf(statement).range[0], ownerOf(statement).range[1]);
  const targetText = source.slice(fc.target.range[0], fc.target.range[1]);
  const writtenPath = mode.renameOnto ? tempPathText(source, fc.target) : targetText;
  const dataText = source.slice(data.range[0], data.range[1]);
  const optionsText = options ? `, ${options}` : '';
  const lines: string[] = [];
  if (isSync) {
    const fd = freshName(scopeText, 'fd');
    lines.push(
      `const ${fd} = ${call('openSync')}(${writtenPath}, 'w');`,
      `try {`,
      `${unit}${source.slice(fc.call.callee.range[0], fc.call.callee.range[1])}(${fd}, ${dataText}${optionsText});`,
      `${unit}${call('fsyncSync')}(${fd});`,
      `} finally {`,
      `${unit}${call('closeSync')}(${fd});`,
      `}`,
    );
    if (mode.renameOnto) lines.push(`${call('renameSync')}(${writtenPath}, ${targetText});`);
  } else {
    const handle = freshName(scopeText, 'handle');
    lines.push(
      `const ${handle} = await ${call('open')}(${writtenPath}, 'w');`,
      `try {`,
      `${unit}await ${handle}.writeFile(${dataText}${optionsText});`,
      `${unit}await ${handle}.sync();`,
      `} finally {`,
      `${unit}await ${handle}.close();`,
      `}`,
    );
    if (mode.renameOnto) lines.push(`await ${call('rename')}(${writtenPath}, ${targetText});`);
  }
  return { range: [statement.range[0], statement.range[1]], text: lines.join(eol + indent) };
}

/** Test code: `*.test.ts`, `*.spec.js`, `__tests__/`, `test/`. */
export function isTestFile(filePath: string): boolean {
  return /(^|[\\/])(__tests__|__mocks__|tests?|spec|fixtures?)[\\/]|\.(test|spec)\.[cm]?[jt]sx?$/.test(filePath);
}

/**
 * Developer tooling: release and build scripts, code generators, postinstall patches, bundler
 * configs. They rewrite files kept in version control, not users' data, and run once.
 */
export function isToolingFile(filePath: string): boolean {
  const normalized = filePath.replace(/\\/g, '/');
  if (/(^|\/)(scripts?|tools?|tooling|gulp|grunt|generators?|codemods?|detox|e2e|\.github|\.husky|\.circleci)\//.test(normalized)) return true;
  return /(^|\/)([\w.-]*\.config\.[cm]?[jt]s|(pre|post)install[\w.-]*|gulpfile[\w.-]*|gruntfile[\w.-]*)$/i.test(normalized);
}

const REPOSITORY_FILES = /(^|[\/"'`])(package(-lock)?\.json|tsconfig[\w.-]*\.json|lerna\.json|README[\w.-]*|CHANGELOG[\w.-]*|[\w.-]+\.md|\.gitignore|\.\w+ignore|\.\w+rc(\.json)?)\b/i;

/** Files kept in version control (manifests, docs, ignore files): git has the previous version. */
export function isRepositoryFile(node: TSESTree.Node, binder: Binder, source: string): boolean {
  return REPOSITORY_FILES.test(pathKey(node, binder, source)) || REPOSITORY_FILES.test(source.slice(node.range[0], node.range[1]));
}

/** A path key with the declarations of its parameters forgotten: `dir@12` → `dir`. */
export function looseKey(key: string): string {
  return key.replace(/@-?\d+/g, '');
}

/** A path that spells out a state file's name, or is built by a same-file helper call. */
export function isNamedStatePath(key: string): boolean {
  const loose = looseKey(key);
  return /\.(json5?|ya?ml|toml|db|sqlite|dat|txt|csv|ini|conf|cfg|xml|plist)\b/i.test(loose) || /^(?!path\.)[\w$.]+\(/.test(loose);
}
