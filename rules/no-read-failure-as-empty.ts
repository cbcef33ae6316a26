/**
 * A load that turns "the saved state could not be read or parsed" into "nothing was
 * saved". The app starts with `{}`, and the next save — often seconds later, often
 * automatic — writes that empty state over the file or key that still held every byte
 * of the user's data (a truncated write, one bad byte, a newer schema). The repairable
 * became unrecoverable. A missing file (`ENOENT`) really is "nothing saved"; a file that
 * exists and does not parse is not.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import { innermostFunction } from '../server/src/engine/flow';
import type { RuleModule } from '../server/src/engine/rule-api';
import {
  constInitializer,
  fileCallOf,
  isTempPath,
  objectLiteral,
  pathKey,
  pathWords,
  propertyValue,
  stringValue,
  unwrapExpression,
  walk,
  isToolingFile,
  isNamedStatePath,
  looseKey,
} from './file-state';
import { calleeText, lineOf, namesUiState } from './support';

/** Where persisted state lives, so a read and a write can be matched. */
type StorageKind = 'file' | 'localStorage' | 'sessionStorage' | 'AsyncStorage' | 'localforage' | 'idb-keyval' | 'mmkv' | 'expo-file' | 'preferences';

interface StorageAccess {
  kind: StorageKind;
  call: TSESTree.CallExpression;
  /** The key or path argument, when there is one. */
  key: TSESTree.Node | null;
  /** The read parses by itself (`readJson`). */
  parses: boolean;
  /** A rename or copy whose key is its destination. */
  renames?: boolean;
  /** The parse that consumes the read, when it is a separate call. */
  parse?: TSESTree.CallExpression;
}

const PARSER_OBJECTS = /^(JSON5?|JSONC|jsonc|json5|YAML|yaml|jsYaml|jsyaml|TOML|toml|superjson|devalue|hjson|ini|SuperJSON|EJSON|BSON|msgpack|cbor)$/;
const PARSER_METHODS = /^(parse|load|safeLoad|decode|deserialize|unpack)$/;
const NOT_FOUND = /ENOENT|ENOTDIR|NotFound|not[_ -]?found|NoSuchKey|NOT_FOUND|FileNotFound|ERR_FS_FILE_NOT_FOUND|exists|missing/i;
const QUARANTINE_WORDS = new Set(['corrupt', 'corrupted', 'unreadable', 'unparsable', 'unparseable', 'bak', 'backup', 'broken', 'invalid', 'quarantine', 'bad', 'damaged', 'old', 'orig', 'original']);
const QUARANTINE_CALL = /backup|quarantine|preserve|corrupt|rescue|salvage/i;
/** Moving or copying a file aside on React Native (Expo, react-native-fs, blob-util) also keeps it. */
const MOBILE_MOVE_OR_COPY = /^(expo-file-system|react-native-fs|react-native-blob-util)(\.[\w$()]+)*\.(moveAsync|copyAsync|moveFile|copyFile|mv|cp)$/;
const DEFAULT_NAME = /^(defaults?|DEFAULTS?|fallback\w*|Fallback\w*|FALLBACK\w*|default[A-Z_]\w*|DEFAULT_\w+|initial[A-Z_]?\w*|INITIAL_\w+|empty[A-Z_]?\w*|EMPTY_\w+|blank[A-Z_]?\w*|BLANK_\w+|fresh[A-Z]\w*|new[A-Z]\w*State)$/;
const DEFAULT_FACTORY = /^(create|make|get|build|new)?(Default|Empty|Initial|Blank|Fresh)\w*$|^(defaults?|empty|initial|blank)\w*$/;
const EMPTY_OBJECT_FACTORY = /^(create|make|new)(Plain|Null|Empty|Blank)?(Object|Map|Record|Dict|Store|State)$/;
const CLONERS = /^(structuredClone|clone|cloneDeep|deepClone|klona|rfdc|copy|deepCopy)$/;

export const noReadFailureAsEmpty: RuleModule<Record<string, never>> = {
  id: 'no-read-failure-as-empty',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow treating a failed or unparsable read of saved state as empty in code that also writes that state.',
      recommended: true,
    },
    messages: {
      returnsEmpty:
        'When `{{read}}` (line {{line}}) fails or its contents do not parse, this returns `{{value}}` as if nothing had been saved, and the next save overwrites the real data with it.',
      assignsEmpty:
        'When `{{read}}` (line {{line}}) fails or its contents do not parse, this sets `{{target}}` to `{{value}}` as if nothing had been saved, and the next save overwrites the real data with it.',
      keepsEmpty:
        'When `{{read}}` (line {{line}}) fails or its contents do not parse, this catch leaves `{{target}}` at its initial `{{value}}` as if nothing had been saved, and the next save overwrites the real data with it.',
      relatedWrite: 'the save that overwrites the stored data',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    defaultSeverity: 'error',
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const { binder, source } = file;
    const writes: StorageAccess[] = [];
    const tries: TSESTree.TryStatement[] = [];
    const catchCalls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const write = storageWrite(node, binder);
        if (write) writes.push(write);
        if (node.callee.type === T.MemberExpression) {
          const method = propertyName(node.callee);
          if (method === 'catch' || (method === 'then' && node.arguments.length >= 2)) catchCalls.push(node);
        }
      },
      TryStatement(node: TSESTree.TryStatement) {
        if (node.handler) tries.push(node);
      },
      'Program:exit'() {
        if (writes.length === 0 || isToolingFile(file.rolePath)) return;
        for (const statement of tries) {
          const read = parsedReadIn(statement.block, binder);
          if (!read) continue;
          const write = matchingWrite(read, writes, binder, source);
          if (!write) continue;
          judgeCatch(statement, read, write);
        }
        for (const call of catchCalls) {
          const handler = call.arguments[call.arguments.length === 1 ? 0 : 1];
          if (!handler || (handler.type !== T.ArrowFunctionExpression && handler.type !== T.FunctionExpression)) continue;
          const read = parsedReadInChain((call.callee as TSESTree.MemberExpression).object, binder);
          if (!read) continue;
          const write = matchingWrite(read, writes, binder, source);
          if (!write) continue;
          judgeHandlerFunction(handler, read, write);
        }
      },
    };

    function dataFor(read: StorageAccess, value: TSESTree.Node, target?: TSESTree.Node) {
      return {
        read: calleeText(source, read.call),
        line: lineOf(read.call),
        value: shorten(source, value),
        target: target ? shorten(source, target) : '',
      };
    }

    function judgeCatch(statement: TSESTree.TryStatement, read: StorageAccess, write: StorageAccess): void {
      const handler = statement.handler!;
      if (quarantines(handler.body, binder, source) || holdsUiState(read, binder)) return;
      const related = [{ node: write.call as TSESTree.Node, messageId: 'relatedWrite' }];
      const defaults = emptyDefaultsIn(handler.body, binder);
      let reported = false;
      for (const d of defaults) {
        if (isNotFoundOnly(d.node, handler.body) || followsAlwaysThrowingCall(d.node, binder)) continue;
        // One finding per handler: `this.data = {}; return {}` is one mistake.
        if (reported) break;
        reported = true;
        if (d.kind === 'return') {
          if (isGenericAccessor(read, d.node, d.value, binder)) return;
          context.report({ node: d.node, messageId: 'returnsEmpty', data: dataFor(read, d.value), related });
        } else {
          context.report({ node: d.node, messageId: 'assignsEmpty', data: dataFor(read, d.value, d.target), related });
        }
      }
      if (reported || defaults.length > 0) return;
      // `let state = {}; try { state = JSON.parse(read()) } catch {}`
      if (rethrowsOrLeaves(handler.body)) return;
      const kept = assignedWithEmptyInitial(statement.block, read, binder);
      if (!kept) return;
      context.report({
        node: handler,
        range: [handler.range[0], handler.body.range[0]],
        messageId: 'keepsEmpty',
        data: dataFor(read, kept.initial, kept.target),
        related,
      });
    }

    function judgeHandlerFunction(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, read: StorageAccess, write: StorageAccess): void {
      const related = [{ node: write.call as TSESTree.Node, messageId: 'relatedWrite' }];
      if (holdsUiState(read, binder)) return;
      if (fn.body.type !== T.BlockStatement) {
        if (isEmptyDefault(fn.body, binder)) context.report({ node: fn.body, messageId: 'returnsEmpty', data: dataFor(read, fn.body), related });
        return;
      }
      if (quarantines(fn.body, binder, source)) return;
      for (const d of emptyDefaultsIn(fn.body, binder)) {
        if (d.kind !== 'return' || isNotFoundOnly(d.node, fn.body) || followsAlwaysThrowingCall(d.node, binder)) continue;
        context.report({ node: d.node, messageId: 'returnsEmpty', data: dataFor(read, d.value), related });
        break;
      }
    }
  },
};

/** A key named for UI state (`seenNotifications`, `sidebar-layout`): starting from the default loses no user data. */
function holdsUiState(read: StorageAccess, binder: Binder): boolean {
  return !!read.key && namesUiState(read.key, binder);
}

/**
 * `get(key, fallback) { try { return JSON.parse(read(key)) } catch { return fallback } }`: a
 * storage helper that reads whatever key its caller names and hands the caller's default back.
 * What the key holds, and whether an empty answer is ever saved over it, is the caller's
 * business; the helper cannot know, so it is not reported.
 */
function isGenericAccessor(read: StorageAccess, at: TSESTree.Node, value: TSESTree.Node, binder: Binder): boolean {
  if (!read.key) return false;
  const fn = innermostFunction(read.call);
  if (!fn || !isInside(at, fn) || !derivesFromParameter(read.key, fn, binder, 0)) return false;
  // The caller's own default, or "nothing"; a specific shape (`{ items: [] }`) says the helper owns one store.
  const v = unwrapExpression(value);
  if (v.type === T.Identifier) return v.name === 'undefined' || binder.variableOf(v)?.defs[0]?.node === fn;
  if (v.type === T.Literal) return v.value === null;
  return (v.type === T.ArrayExpression && v.elements.length === 0) || (v.type === T.ObjectExpression && v.properties.length === 0);
}

function derivesFromParameter(node: TSESTree.Node, fn: TSESTree.Node, binder: Binder, depth: number): boolean {
  if (depth > 6) return false;
  const n = unwrapExpression(node);
  const next = (e: TSESTree.Node) => derivesFromParameter(e, fn, binder, depth + 1);
  switch (n.type) {
    case T.Identifier: {
      const def = binder.variableOf(n)?.defs[0];
      if (def?.type === 'Parameter') return def.node === fn;
      const init = constInitializer(n, binder);
      return !!init && next(init);
    }
    case T.MemberExpression:
      return next(n.object) || (n.computed && next(n.property));
    case T.CallExpression:
      return n.arguments.some((a) => a.type !== T.SpreadElement && next(a));
    case T.TemplateLiteral:
      // `notes:${userId}`: a fixed prefix names one store per user, not any key.
      return n.quasis.every((q) => !/[A-Za-z]/.test(q.value.cooked ?? '')) && n.expressions.some(next);
    case T.BinaryExpression:
      if ([n.left, n.right].some((e) => e.type === T.Literal && typeof e.value === 'string' && /[A-Za-z]/.test(e.value))) return false;
      return next(n.left) || next(n.right);
    default:
      return false;
  }
}

function shorten(source: string, node: TSESTree.Node): string {
  const text = source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// ------------------------------------------------------------------ storage calls

function pathOf(call: TSESTree.CallExpression, binder: Binder): string | null {
  const path = binder.resolve(call.callee);
  return path ? path.join('.') : null;
}

function keyArgument(call: TSESTree.CallExpression): TSESTree.Node | null {
  const arg = call.arguments[0];
  return arg && arg.type !== T.SpreadElement ? arg : null;
}

/** `Preferences.get({ key: 'state' })` → the `key` value. */
function optionKey(call: TSESTree.CallExpression, binder: Binder): TSESTree.Node | null {
  const options = objectLiteral(call.arguments[0], binder);
  return options ? propertyValue(options, 'key') : null;
}

function storageRead(call: TSESTree.CallExpression, binder: Binder): StorageAccess | null {
  const fc = fileCallOf(call, binder);
  if (fc) {
    if (fc.op !== 'read' || fc.viaHandle || fc.method === 'createReadStream') return null;
    return { kind: 'file', call, key: fc.target, parses: /json/i.test(fc.method) || pathOf(call, binder)?.startsWith('import:jsonfile') === true };
  }
  const path = pathOf(call, binder);
  if (!path) return null;
  // sessionStorage dies with the tab by design: starting empty loses nothing that was meant to last.
  if (/^localStorage\.getItem$/.test(path)) return { kind: path.split('.')[0] as StorageKind, call, key: keyArgument(call), parses: false };
  if (/^Storage\.new\(\)\.getItem$/.test(path)) return { kind: 'localStorage', call, key: keyArgument(call), parses: false };
  if (path === 'AsyncStorage.getItem') return { kind: 'AsyncStorage', call, key: keyArgument(call), parses: false };
  if (/^localforage\.(createInstance\(\)\.)?getItem$/.test(path)) return { kind: 'localforage', call, key: keyArgument(call), parses: false };
  if (path === 'idb-keyval.get') return { kind: 'idb-keyval', call, key: keyArgument(call), parses: false };
  if (/^mmkv\..*\.getString$/.test(path)) return { kind: 'mmkv', call, key: keyArgument(call), parses: false };
  if (/^expo-file-system\.(StorageAccessFramework\.)?readAsStringAsync$/.test(path)) return { kind: 'expo-file', call, key: keyArgument(call), parses: false };
  if (/^import:@capacitor\/preferences\.Preferences\.get$/.test(path)) return { kind: 'preferences', call, key: optionKey(call, binder), parses: false };
  return null;
}

const ATOMIC_WRITERS = /^import:(write-file-atomic|atomically|steno|write-json-file|write-yaml-file|load-json-file)(\.|$)/;

function storageWrite(call: TSESTree.CallExpression, binder: Binder): StorageAccess | null {
  const fc = fileCallOf(call, binder);
  if (fc) {
    if (fc.viaHandle) return null;
    if (fc.op === 'overwrite' || fc.op === 'append') return { kind: 'file', call, key: fc.target, parses: false };
    if (fc.op === 'rename' || fc.op === 'copy') {
      const destination = call.arguments[1];
      return { kind: 'file', call, key: destination && destination.type !== T.SpreadElement ? destination : null, parses: false, renames: true };
    }
    return null;
  }
  const path = pathOf(call, binder);
  if (!path) return null;
  if (ATOMIC_WRITERS.test(path) && !/read|load/i.test(path)) return { kind: 'file', call, key: keyArgument(call), parses: false };
  if (/^(localStorage|sessionStorage)\.setItem$/.test(path)) return { kind: path.split('.')[0] as StorageKind, call, key: keyArgument(call), parses: false };
  if (/^Storage\.new\(\)\.setItem$/.test(path)) return { kind: 'localStorage', call, key: keyArgument(call), parses: false };
  if (/^AsyncStorage\.(setItem|mergeItem)$/.test(path)) return { kind: 'AsyncStorage', call, key: keyArgument(call), parses: false };
  if (/^AsyncStorage\.(multiSet|multiMerge)$/.test(path)) return { kind: 'AsyncStorage', call, key: null, parses: false };
  if (/^localforage\.(createInstance\(\)\.)?setItem$/.test(path)) return { kind: 'localforage', call, key: keyArgument(call), parses: false };
  if (/^idb-keyval\.(set|update)$/.test(path)) return { kind: 'idb-keyval', call, key: keyArgument(call), parses: false };
  if (/^mmkv\..*\.set$/.test(path)) return { kind: 'mmkv', call, key: keyArgument(call), parses: false };
  if (/^expo-file-system\.(StorageAccessFramework\.)?writeAsStringAsync$/.test(path)) return { kind: 'expo-file', call, key: keyArgument(call), parses: false };
  if (/^import:@capacitor\/preferences\.Preferences\.set$/.test(path)) return { kind: 'preferences', call, key: optionKey(call, binder), parses: false };
  return null;
}

interface KeyFacts {
  key: string;
  /** The key is one known string (a literal, or a const holding one). */
  constant: boolean;
  /** The key is a parameter of the function around it: a generic read/write helper. */
  parameter: boolean;
  /** File names spelled out in the key: `settings.json`. */
  fileNames: string[];
}

function keyFacts(node: TSESTree.Node, binder: Binder, source: string): KeyFacts {
  const key = pathKey(node, binder, source);
  let base = unwrapExpression(node);
  for (let i = 0; i < 8 && base.type === T.Identifier; i++) {
    const init = constInitializer(base, binder);
    if (!init) break;
    base = unwrapExpression(init);
  }
  const constant = stringValue(base) !== null;
  const parameter = base.type === T.Identifier && binder.variableOf(base)?.defs[0]?.type === 'Parameter';
  const fileNames = [...key.matchAll(/([\w.-]+\.(?:json5?|ya?ml|toml|ini|db|dat|txt|csv|md|sqlite|conf|cfg|xml|plist))\b/gi)].map((m) => m[1].toLowerCase());
  return { key, constant, parameter, fileNames };
}

/** A write of the state the read loads: same key or path, or — where keys cannot be told apart — the same store. */
function matchingWrite(read: StorageAccess, writes: StorageAccess[], binder: Binder, source: string): StorageAccess | null {
  const readKey = read.key ? keyFacts(read.key, binder, source) : null;
  let loose: StorageAccess | null = null;
  for (const write of writes) {
    if (write.kind !== read.kind) continue;
    // A temp file written on its way to a rename is matched through the rename.
    if (write.kind === 'file' && !write.renames && write.key && isTempPath(write.key, binder, source)) continue;
    const writeKey = write.key ? keyFacts(write.key, binder, source) : null;
    if (readKey && writeKey && readKey.key === writeKey.key) return write;
    // The same path built from parameters of two functions: `this.keyPath(key)` in get and set.
    if (readKey && writeKey && looseKey(readKey.key) === looseKey(writeKey.key) && isNamedStatePath(readKey.key)) return write;
    if (!readKey || !writeKey) {
      loose ??= write;
      continue;
    }
    if (readKey.fileNames.some((n) => writeKey.fileNames.includes(n))) {
      loose ??= write;
      continue;
    }
    if (read.kind === 'file') {
      // Files: only generic helpers (both keyed by a parameter) stand for "the same file".
      if (readKey.parameter && writeKey.parameter) loose ??= write;
      continue;
    }
    if (!(readKey.constant && writeKey.constant)) loose ??= write;
  }
  return loose;
}

// ------------------------------------------------------------------ reads that parse

function isParseCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === T.MemberExpression) {
    const method = propertyName(callee);
    const object = callee.object;
    const objectName = object.type === T.Identifier ? object.name : object.type === T.MemberExpression ? propertyName(object) : null;
    return !!method && !!objectName && PARSER_METHODS.test(method) && PARSER_OBJECTS.test(objectName);
  }
  if (callee.type === T.Identifier) return /^(parseJson|parseJSON|jsonParse|parse[A-Z]\w*State|deserialize|fromJSON|JSONparse)$/.test(callee.name);
  return false;
}

/** A parse call, or a call of a same-file function that parses (`this._deserialize(text)`). */
function isParsingCall(call: TSESTree.CallExpression, binder: Binder): boolean {
  if (isParseCall(call)) return true;
  const local = binder.localFunction(call.callee);
  if (!local?.body) return false;
  let found = false;
  walk(local.body, (n) => {
    if (n.type === T.CallExpression && isParseCall(n)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** The value a parse consumes, through `await`, `?? '{}'`, `.toString()`, `String(x)` and consts. */
function readBehind(node: TSESTree.Node, binder: Binder, scope: TSESTree.Node, depth = 0, budget = { steps: 200 }): StorageAccess | null {
  // Depth and a step budget: arguments and assignments fan out, and real files can be huge.
  if (depth > 6 || --budget.steps < 0) return null;
  const n = unwrapExpression(node);
  switch (n.type) {
    case T.CallExpression: {
      const read = storageRead(n, binder);
      if (read) return read;
      if (n.callee.type === T.MemberExpression && ['toString', 'trim', 'then'].includes(propertyName(n.callee) ?? '')) {
        return readBehind(n.callee.object, binder, scope, depth + 1, budget);
      }
      // decrypt(data), decompress(data), String(data): the content is still the stored state.
      for (const arg of n.arguments) {
        if (arg.type === T.SpreadElement) continue;
        const r = readBehind(arg, binder, scope, depth + 1, budget);
        if (r) return r;
      }
      return null;
    }
    case T.LogicalExpression:
      return readBehind(n.left, binder, scope, depth + 1, budget);
    case T.ConditionalExpression:
      return readBehind(n.consequent, binder, scope, depth + 1, budget) ?? readBehind(n.alternate, binder, scope, depth + 1, budget);
    case T.Identifier: {
      const variable = binder.variableOf(n);
      if (!variable) return null;
      for (const def of variable.defs) {
        if (def.type === 'Variable') {
          const init = (def.node as TSESTree.VariableDeclarator).init;
          if (init) {
            const r = readBehind(init, binder, scope, depth + 1, budget);
            if (r) return r;
          }
        }
      }
      for (const ref of variable.references) {
        if (ref.isWrite() && ref.writeExpr && ref.writeExpr.range[0] < n.range[0]) {
          const r = readBehind(ref.writeExpr as TSESTree.Node, binder, scope, depth + 1, budget);
          if (r) return r;
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** The first read of saved state that is parsed inside `block` (not in nested functions). */
function parsedReadIn(block: TSESTree.Node, binder: Binder, visiting: Set<TSESTree.Node> = new Set()): StorageAccess | null {
  // Recursive and mutually recursive loaders must not recurse forever.
  if (visiting.has(block) || visiting.size > 4) return null;
  visiting.add(block);
  let found: StorageAccess | null = null;
  walk(block, (node) => {
    if (found) return false;
    if (node !== block && (node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression || node.type === T.ClassBody)) return false;
    if (node.type !== T.CallExpression) return undefined;
    const read = storageRead(node, binder);
    if (read?.parses) {
      found = read;
      return false;
    }
    if (isParsingCall(node, binder) && node.arguments[0]) {
      const read = readBehind(node.arguments[0], binder, block);
      if (read) {
        found = { ...read, parse: node };
        return false;
      }
    }
    // `readFile(p, 'utf8').then(JSON.parse)`
    if (node.callee.type === T.MemberExpression && propertyName(node.callee) === 'then' && node.arguments.some(isParserReference)) {
      found = readBehind(node.callee.object, binder, block);
      if (found) return false;
    }
    // A same-file loader that reads and parses without catching: `state = loadState()`.
    const local = binder.localFunction(node.callee);
    if (local && local.body && !containsTry(local.body)) {
      const inner = parsedReadIn(local.body, binder, visiting);
      if (inner) {
        found = inner;
        return false;
      }
    }
    return undefined;
  });
  return found;
}

function containsTry(body: TSESTree.Node): boolean {
  let found = false;
  walk(body, (node) => {
    if (node.type === T.TryStatement || (node.type === T.CallExpression && node.callee.type === T.MemberExpression && propertyName(node.callee) === 'catch')) found = true;
    return found ? false : undefined;
  });
  return found;
}

function isParserReference(node: TSESTree.Node): boolean {
  if (node.type === T.MemberExpression) {
    const object = node.object;
    return object.type === T.Identifier && PARSER_OBJECTS.test(object.name) && PARSER_METHODS.test(propertyName(node) ?? '');
  }
  if (node.type === T.ArrowFunctionExpression || node.type === T.FunctionExpression) {
    let found = false;
    walk(node.body, (n) => {
      if (n.type === T.CallExpression && isParseCall(n)) found = true;
      return found ? false : undefined;
    });
    return found;
  }
  return false;
}

/** `read().then(JSON.parse)` / `readJson(p)` / `getItem(k).then((v) => JSON.parse(v))` — before a `.catch`. */
function parsedReadInChain(node: TSESTree.Node, binder: Binder): StorageAccess | null {
  let current = unwrapExpression(node);
  let parsed = false;
  for (let i = 0; i < 8; i++) {
    if (current.type !== T.CallExpression) return null;
    const read = storageRead(current, binder);
    if (read) return read.parses || parsed ? read : null;
    if (current.callee.type !== T.MemberExpression) return null;
    const method = propertyName(current.callee);
    if (method !== 'then' && method !== 'finally') return null;
    if (method === 'then' && current.arguments.length >= 2) return null;
    if (method === 'then' && current.arguments[0] && isParserReference(current.arguments[0])) parsed = true;
    current = unwrapExpression(current.callee.object);
  }
  return null;
}

// ------------------------------------------------------------------ the handler

interface EmptyDefault {
  kind: 'return' | 'assign';
  /** The statement to report. */
  node: TSESTree.Node;
  value: TSESTree.Node;
  target?: TSESTree.Node;
}

function emptyDefaultsIn(body: TSESTree.BlockStatement, binder: Binder): EmptyDefault[] {
  const out: EmptyDefault[] = [];
  walk(body, (node) => {
    if (node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression) return false;
    if (node.type === T.ReturnStatement && node.argument && isEmptyDefault(node.argument, binder)) {
      out.push({ kind: 'return', node, value: node.argument });
    }
    if (node.type === T.ExpressionStatement && node.expression.type === T.AssignmentExpression && node.expression.operator === '=' && isEmptyDefault(node.expression.right, binder)) {
      out.push({ kind: 'assign', node, value: node.expression.right, target: node.expression.left });
    }
    return undefined;
  });
  return out;
}

/** `{}`, `[]`, `null`, `new Map()`, `DEFAULT_SETTINGS`, `{ ...defaults }`, `structuredClone(initialState)`. */
export function isEmptyDefault(node: TSESTree.Node, binder: Binder, depth = 0): boolean {
  if (depth > 4) return false;
  const n = unwrapExpression(node);
  switch (n.type) {
    case T.ObjectExpression:
      return n.properties.every((p) =>
        p.type === T.SpreadElement ? isEmptyDefault(p.argument, binder, depth + 1) : p.type === T.Property && !p.computed && isEmptyValue(p.value, binder, depth + 1),
      );
    case T.ArrayExpression:
      return n.elements.length === 0;
    case T.Literal:
      return n.value === null || n.value === '' || n.value === '{}' || n.value === '[]';
    case T.Identifier:
      if (n.name === 'undefined') return true;
      return DEFAULT_NAME.test(n.name) || isConstEmpty(n, binder, depth);
    case T.MemberExpression: {
      const name = propertyName(n);
      return !!name && DEFAULT_NAME.test(name);
    }
    case T.UnaryExpression:
      return n.operator === 'void';
    case T.NewExpression:
      return n.callee.type === T.Identifier && /^(Map|Set|WeakMap|Array|Object)$/.test(n.callee.name) && n.arguments.length === 0;
    case T.CallExpression: {
      const callee = n.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (!name) return false;
      if ((DEFAULT_FACTORY.test(name) || EMPTY_OBJECT_FACTORY.test(name)) && n.arguments.length === 0) return true;
      // Object.create(null)
      if (name === 'create' && n.arguments.length === 1 && n.arguments[0].type === T.Literal && n.arguments[0].value === null) return true;
      if (CLONERS.test(name) || name === 'assign') return n.arguments.length > 0 && n.arguments.every((a) => a.type !== T.SpreadElement && isEmptyDefault(a, binder, depth + 1));
      // JSON.parse(JSON.stringify(DEFAULTS))
      if (name === 'parse' && n.arguments[0]?.type === T.CallExpression) {
        const inner = n.arguments[0];
        return inner.callee.type === T.MemberExpression && propertyName(inner.callee) === 'stringify' && !!inner.arguments[0] && inner.arguments[0].type !== T.SpreadElement && isEmptyDefault(inner.arguments[0], binder, depth + 1);
      }
      return false;
    }
    default:
      return false;
  }
}

/** Property values of an "empty" state object: literals, `[]`, `{}`, defaults. */
function isEmptyValue(node: TSESTree.Node, binder: Binder, depth: number): boolean {
  const n = unwrapExpression(node);
  if (n.type === T.Literal) return true;
  if (n.type === T.TemplateLiteral && n.expressions.length === 0) return true;
  if (n.type === T.UnaryExpression && n.argument.type === T.Literal) return true;
  return isEmptyDefault(n, binder, depth);
}

function isConstEmpty(id: TSESTree.Identifier, binder: Binder, depth: number): boolean {
  const def = binder.variableOf(id)?.defs[0];
  if (def?.type !== 'Variable') return false;
  const declaration = def.parent as TSESTree.VariableDeclaration | null;
  if (declaration?.kind !== 'const') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return !!init && init.type !== T.Identifier && isEmptyDefault(init, binder, depth + 1);
}

/**
 * The default is only produced for a missing file or key: it sits in the branch of a
 * not-found test, or after an `if (!notFound) throw` that lets nothing else through.
 */
function isNotFoundOnly(node: TSESTree.Node, handlerBody: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  while (current !== handlerBody && current.parent) {
    const parent: TSESTree.Node = current.parent;
    if ((parent.type === T.IfStatement || parent.type === T.ConditionalExpression) && parent.test !== current) {
      const polarity = notFoundPolarity(parent.test);
      if (polarity === 'positive' && parent.consequent === current) return true;
      if (polarity === 'negative' && parent.alternate === current) return true;
    }
    if (parent.type === T.BlockStatement || parent.type === T.SwitchCase) {
      const siblings = parent.type === T.BlockStatement ? parent.body : parent.consequent;
      for (const s of siblings) {
        if (s === current) break;
        if (s.type === T.IfStatement && notFoundPolarity(s.test) === 'negative' && exitsAbruptly(s.consequent)) return true;
      }
    }
    if (parent.type === T.SwitchCase && parent.test && NOT_FOUND.test(textOfTest(parent.test))) return true;
    current = parent;
  }
  return false;
}

function textOfTest(node: TSESTree.Node): string {
  if (node.type === T.Literal) return String(node.value);
  if (node.type === T.Identifier) return node.name;
  if (node.type === T.MemberExpression) return `${textOfTest(node.object)}.${propertyName(node) ?? ''}`;
  if (node.type === T.CallExpression) return `${textOfTest(node.callee)}(${node.arguments.map(textOfTest).join(',')})`;
  if (node.type === T.BinaryExpression || node.type === T.LogicalExpression) return `${textOfTest(node.left)} ${node.operator} ${textOfTest(node.right)}`;
  if (node.type === T.UnaryExpression) return `${node.operator}${textOfTest(node.argument)}`;
  if (node.type === T.ChainExpression) return textOfTest(node.expression);
  if (node.type === T.TSAsExpression || node.type === T.TSNonNullExpression) return textOfTest(node.expression);
  return '';
}

function notFoundPolarity(test: TSESTree.Node): 'positive' | 'negative' | null {
  const text = textOfTest(test);
  if (!NOT_FOUND.test(text)) return null;
  // `code === 'ENOENT' || name === 'SyntaxError'` also lets a corrupt file through.
  if (test.type === T.LogicalExpression && test.operator === '||') {
    const left = notFoundPolarity(test.left);
    const right = notFoundPolarity(test.right);
    return left === 'positive' && right === 'positive' ? 'positive' : null;
  }
  let negative = false;
  let n: TSESTree.Node = test;
  while (n.type === T.UnaryExpression && n.operator === '!') {
    negative = !negative;
    n = n.argument;
  }
  if (n.type === T.BinaryExpression && (n.operator === '!==' || n.operator === '!=')) negative = !negative;
  if (n.type === T.LogicalExpression && n.operator === '&&' && n.left.type === T.BinaryExpression && (n.left.operator === '!==' || n.left.operator === '!=')) negative = !negative;
  // `!existsSync(p)` → "missing" is the positive case; `existsSync(p)` is the negative one.
  if (/exists/i.test(text) && !/ENOENT|NotFound|not[_ -]?found|NoSuchKey|NOT_FOUND/i.test(text)) negative = !negative;
  return negative ? 'negative' : 'positive';
}

/** `handlePermissionError(error); return {}; // unreachable` — a same-file helper that always throws. */
function followsAlwaysThrowingCall(node: TSESTree.Node, binder: Binder): boolean {
  const parent = node.parent;
  if (parent?.type !== T.BlockStatement) return false;
  const index = parent.body.indexOf(node as TSESTree.Statement);
  for (let i = 0; i < index; i++) {
    const s = parent.body[i];
    if (s.type !== T.ExpressionStatement || s.expression.type !== T.CallExpression) continue;
    const fn = binder.localFunction(s.expression.callee);
    if (fn?.body?.type === T.BlockStatement && alwaysThrows(fn.body)) return true;
  }
  return false;
}

function alwaysThrows(body: TSESTree.BlockStatement): boolean {
  const last = body.body[body.body.length - 1];
  if (!last || last.type !== T.ThrowStatement) return false;
  let returns = false;
  walk(body, (n) => {
    if (n.type === T.FunctionDeclaration || n.type === T.FunctionExpression || n.type === T.ArrowFunctionExpression) return false;
    if (n.type === T.ReturnStatement) returns = true;
    return returns ? false : undefined;
  });
  return !returns;
}

function exitsAbruptly(node: TSESTree.Node): boolean {
  if (node.type === T.ThrowStatement || node.type === T.ReturnStatement) return node.type === T.ThrowStatement || !!node.argument;
  if (node.type === T.BlockStatement) return node.body.some((s) => s.type === T.ThrowStatement);
  return false;
}

/** The handler keeps the unreadable data: renames or copies it aside, or saves it under a backup key. */
function quarantines(body: TSESTree.Node, binder: Binder, source: string): boolean {
  let found = false;
  walk(body, (node) => {
    if (found) return false;
    if (node.type !== T.CallExpression) return undefined;
    const fc = fileCallOf(node, binder);
    if (fc && (fc.op === 'rename' || fc.op === 'copy')) found = true;
    if (MOBILE_MOVE_OR_COPY.test(binder.resolve(node.callee)?.join('.') ?? '')) found = true;
    const write = storageWrite(node, binder);
    if (write?.key && pathWords(write.key, binder, source).some((w) => QUARANTINE_WORDS.has(w))) found = true;
    const callee = node.callee;
    const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
    if (name && QUARANTINE_CALL.test(name)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** The handler throws, returns or breaks out: the variable's initial value is not what carries on. */
function rethrowsOrLeaves(body: TSESTree.BlockStatement): boolean {
  let found = false;
  walk(body, (node) => {
    if (node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression) return false;
    if (node.type === T.ThrowStatement || node.type === T.ReturnStatement || node.type === T.BreakStatement || node.type === T.ContinueStatement) found = true;
    // Reassigning anything means the handler does its own recovery.
    if (node.type === T.AssignmentExpression) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** `state = JSON.parse(read())` in the try, where `state` was declared with an empty default. */
function assignedWithEmptyInitial(block: TSESTree.BlockStatement, read: StorageAccess, binder: Binder): { target: TSESTree.Node; initial: TSESTree.Node } | null {
  let result: { target: TSESTree.Node; initial: TSESTree.Node } | null = null;
  walk(block, (node) => {
    if (result) return false;
    if (node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression) return false;
    if (node.type !== T.AssignmentExpression || node.operator !== '=' || !isInside(read.parse ?? read.call, node.right)) return undefined;
    const left = node.left;
    if (left.type === T.Identifier) {
      const def = binder.variableOf(left)?.defs[0];
      if (def?.type === 'Variable') {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (init && isEmptyDefault(init, binder)) result = { target: left, initial: init };
      }
    } else if (left.type === T.MemberExpression && left.object.type === T.ThisExpression) {
      const initial = classFieldInitial(left, binder);
      if (initial) result = { target: left, initial };
    }
    return undefined;
  });
  return result;
}

function classFieldInitial(member: TSESTree.MemberExpression, binder: Binder): TSESTree.Node | null {
  const name = propertyName(member);
  let current: TSESTree.Node | undefined = member.parent;
  while (current && current.type !== T.ClassBody) current = current.parent;
  if (!current || !name) return null;
  for (const element of current.body) {
    if (element.type === T.PropertyDefinition && !element.computed && element.key.type === T.Identifier && element.key.name === name && element.value) {
      return isEmptyDefault(element.value, binder) ? element.value : null;
    }
  }
  return null;
}

function isInside(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
