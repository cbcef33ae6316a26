/**
 * Write-temp-then-rename is only atomic against crashes of the process. After a power
 * loss, the rename (a metadata change the file system may journal first) can be on disk
 * while the temp file's data is not: the "atomically replaced" file is then empty or
 * zero-filled and the previous version is gone. ext4 with `data=ordered` and
 * `auto_da_alloc` hides this for rename-over-existing, XFS, btrfs (before 4.x), F2FS,
 * APFS and network file systems do not. Hence `fsync` on the temp file before renaming.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import type { TextEdit } from '../server/src/engine/types';
import { indentationAt, isReferenceableName, lineEnding } from '../server/src/engine/source-edits';
import {
  fileCallOf,
  fsyncedWriteEdit,
  isInside,
  opensForWriting,
  optionsObject,
  ownerOf,
  pathKey,
  propertyValue,
  siblingCaller,
  stringValue,
  walk,
  isTestFile,
  isToolingFile,
  isDisposablePath,
  type FileCall,
} from './file-state';
import { calleeText, lineOf } from './support';

export const noRenameWithoutFsync: RuleModule<Record<string, never>> = {
  id: 'no-rename-without-fsync',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a temporary file to be flushed to disk (fsync) before it is renamed over the real file.',
      recommended: true,
    },
    messages: {
      noFsync:
        '`{{rename}}` puts `{{temp}}` (written on line {{line}}) in place of `{{target}}` before its data is flushed to disk: after a power loss the renamed file can be empty or partial while the previous version is already gone.',
      flushIgnored:
        '`flush: true` has no effect here: `writeFileSync` skips it when a string is written with an explicit utf8 encoding (nodejs/node#60552), so `{{rename}}` can put an unflushed, possibly empty file in place of `{{target}}`.',
      relatedWrite: 'the write that is not flushed',
      suggestFsync: 'Open the temporary file, write, fsync and close it before the rename',
      suggestFlush: 'Add `flush: true` to the write (Node 20.10 and later)',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    fixable: 'code',
    hasSuggestions: true,
    defaultSeverity: 'warn',
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const { binder, source } = file;
    const fileCalls: FileCall[] = [];
    const otherCalls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const fc = fileCallOf(node, binder);
        if (fc) fileCalls.push(fc);
        else otherCalls.push(node);
      },
      'Program:exit'() {
        // A fixture written by a test is recreated by the next run; nothing is lost.
        if (isTestFile(file.rolePath) || isToolingFile(file.rolePath)) return;
        for (const rename of fileCalls) {
          if (rename.op !== 'rename' || !rename.target) continue;
          const destination = rename.call.arguments[1];
          if (!destination || destination.type === T.SpreadElement) continue;
          // A cache or lock file is rebuilt, not restored.
          if (isDisposablePath(destination, binder, source)) continue;
          const sourceKey = pathKey(rename.target, binder, source);
          const write = lastWriteBefore(rename, sourceKey, fileCalls, binder, source);
          if (!write) continue;
          const flush = flushOption(write, binder);
          const data = {
            rename: calleeText(source, rename.call),
            temp: shorten(source, rename.target),
            target: shorten(source, destination),
            line: lineOf(write.call),
          };
          const related = [{ node: write.call as TSESTree.Node, messageId: 'relatedWrite', data }];
          if (flush === 'honoured') continue;
          if (flush === 'ignored') {
            context.report({ node: rename.call, messageId: 'flushIgnored', data, related, fix: dropUtf8Encoding(write, binder, source) ?? undefined });
            continue;
          }
          if (hasFsyncBetween(write, rename, fileCalls, otherCalls, binder)) continue;
          const fix = write.op === 'open' ? fsyncBeforeClose(write, rename, fileCalls, file.ast, binder, source) : null;
          const suggest: ReportSuggestion[] = [];
          if (!fix) {
            const rewrite = fsyncedWriteEdit(write, file.ast, binder, source, { renameOnto: false });
            if (rewrite) suggest.push({ messageId: 'suggestFsync', data, fix: rewrite });
            const flushEdit = addFlushOption(write, source);
            if (flushEdit) suggest.push({ messageId: 'suggestFlush', data, fix: flushEdit });
          }
          context.report({ node: rename.call, messageId: 'noFsync', data, related, fix: fix?.edit, suggest });
        }
      },
    };
  },
};

function shorten(source: string, node: TSESTree.Node): string {
  const text = source.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

/** The write of the renamed file that runs before the rename in the same function (or one enclosing it). */
function lastWriteBefore(rename: FileCall, sourceKey: string, calls: FileCall[], binder: Binder, source: string): FileCall | null {
  let best: FileCall | null = null;
  for (const fc of calls) {
    if (fc.call.range[0] >= rename.call.range[0] || !fc.target || fc.viaHandle) continue;
    if (fc.op !== 'overwrite' && !(fc.op === 'open' && opensForWriting(fc))) continue;
    if (!isInside(rename.call, ownerOf(fc.call))) continue;
    if (pathKey(fc.target, binder, source) !== sourceKey) continue;
    if (!best || fc.call.range[0] > best.call.range[0]) best = fc;
  }
  return best;
}

/**
 * `flush: true` on the write. `writeFileSync` ignores it when a string is written
 * with an explicit `encoding: 'utf8'` (its C++ fast path never fsyncs); we checked this
 * on Node 20.20 by counting `fsyncSync` calls.
 */
function flushOption(write: FileCall, binder: Binder): 'honoured' | 'ignored' | null {
  if (write.op !== 'overwrite') return null;
  const options = optionsObject(write, binder);
  if (!options) return null;
  const flush = propertyValue(options, 'flush');
  if (!flush || flush.type !== T.Literal || flush.value !== true) return null;
  if (write.method === 'writeFileSync' || write.method === 'outputFileSync') {
    const encoding = stringValue(propertyValue(options, 'encoding'))?.toLowerCase();
    const payload = write.call.arguments[1];
    const isBuffer = !!payload && payload.type !== T.SpreadElement && isBinaryPayload(payload);
    if ((encoding === 'utf8' || encoding === 'utf-8') && !isBuffer) return 'ignored';
  }
  return 'honoured';
}

function isBinaryPayload(node: TSESTree.Node): boolean {
  if (node.type === T.NewExpression) return true;
  if (node.type === T.CallExpression && node.callee.type === T.MemberExpression && node.callee.object.type === T.Identifier && node.callee.object.name === 'Buffer') return true;
  return false;
}

const FSYNC_NAME = /fsync|fdatasync|flushToDisk|syncToDisk/i;

/** An fsync of any kind between the write and the rename, in the write's function (callbacks included). */
function hasFsyncBetween(write: FileCall, rename: FileCall, fileCalls: FileCall[], otherCalls: TSESTree.CallExpression[], binder: Binder): boolean {
  const owner = ownerOf(write.call);
  const between = (node: TSESTree.Node) => node.range[0] > write.call.range[0] && node.range[0] < rename.call.range[0] && isInside(node, owner);
  for (const fc of fileCalls) {
    if (fc.op === 'fsync' && between(fc.call)) return true;
  }
  // `fs.fsync(stream.fd)` in a stream's 'finish' handler may be written after the rename's
  // callback text, so any fsync inside the write's own callbacks counts as well.
  for (const fc of fileCalls) {
    if (fc.op === 'fsync' && isInside(fc.call, owner) && isInside(rename.call, ownerOf(fc.call))) return true;
  }
  for (const call of otherCalls) {
    if (!between(call)) continue;
    const callee = call.callee;
    const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
    if (!name) continue;
    // FileHandle#sync / #datasync when the handle's origin is not visible (a parameter).
    if ((name === 'sync' || name === 'datasync') && callee.type === T.MemberExpression && call.arguments.length === 0) return true;
    if (FSYNC_NAME.test(name)) return true;
    const local = binder.localFunction(callee);
    if (local && containsFsync(local, binder)) return true;
  }
  return false;
}

function containsFsync(fn: TSESTree.Node, binder: Binder): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === T.CallExpression) {
      const fc = fileCallOf(node, binder);
      if (fc?.op === 'fsync') found = true;
      const callee = node.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (name && FSYNC_NAME.test(name)) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * `const fd = openSync(tmp, 'w'); writeSync(fd, …); closeSync(fd); renameSync(tmp, f)`:
 * insert `fsyncSync(fd)` before the close. Mechanical, and it only adds a flush.
 */
function fsyncBeforeClose(
  open: FileCall,
  rename: FileCall,
  fileCalls: FileCall[],
  program: TSESTree.Program,
  binder: Binder,
  source: string,
): { edit: TextEdit; fsync: string } | null {
  const declarator = open.call.parent?.type === T.AwaitExpression ? open.call.parent.parent : open.call.parent;
  if (declarator?.type !== T.VariableDeclarator || declarator.id.type !== T.Identifier) return null;
  const handleName = declarator.id.name;
  if (!isReferenceableName(handleName)) return null;
  const variable = binder.variableOf(declarator.id);
  if (!variable) return null;
  const close = fileCalls.find(
    (fc) =>
      fc.op === 'close' &&
      fc.call.range[0] > open.call.range[0] &&
      fc.call.range[0] < rename.call.range[0] &&
      refersTo(fc.viaHandle ? fc.receiver : fc.call.arguments[0], variable, binder),
  );
  if (!close) return null;
  const statementExpr = close.call.parent?.type === T.AwaitExpression ? close.call.parent : close.call;
  const statement = statementExpr.parent;
  if (statement?.type !== T.ExpressionStatement || statement.expression !== statementExpr) return null;
  if (statement.parent?.type !== T.BlockStatement && statement.parent?.type !== T.Program) return null;
  let text: string;
  if (close.viaHandle) {
    if (close.call.parent?.type !== T.AwaitExpression) return null;
    text = `await ${handleName}.sync();`;
  } else if (close.style === 'sync') {
    const fsyncCall = siblingName(close, 'fsyncSync', program, binder, source);
    if (!fsyncCall) return null;
    text = `${fsyncCall}(${handleName});`;
  } else {
    return null;
  }
  const eol = lineEnding(source);
  const indent = indentationAt(source, statement.range[0]);
  return { edit: { range: [statement.range[0], statement.range[0]], text: `${text}${eol}${indent}` }, fsync: text };
}

function refersTo(node: TSESTree.Node | null | undefined, variable: NonNullable<ReturnType<Binder['variableOf']>>, binder: Binder): boolean {
  return !!node && node.type === T.Identifier && binder.variableOf(node) === variable;
}

function siblingName(fc: FileCall, method: string, program: TSESTree.Program, binder: Binder, source: string): string | null {
  return siblingCaller(fc, program, binder, source, [method])?.(method) ?? null;
}

/** `writeFile(tmp, data)` → `writeFile(tmp, data, { flush: true })` for the APIs that honour it. */
function addFlushOption(write: FileCall, source: string): TextEdit | null {
  if (write.op !== 'overwrite' || write.viaHandle) return null;
  const honours = (write.method === 'writeFile' && write.style !== 'sync') || write.method === 'createWriteStream';
  if (!honours) return null;
  const args = write.call.arguments;
  const optionsIndex = write.method === 'createWriteStream' ? 1 : 2;
  const options = args[optionsIndex];
  if (!options) {
    if (write.method === 'writeFile' && write.style === 'callback') return null; // the callback sits where the options go
    const last = args[optionsIndex - 1];
    if (!last) return null;
    return { range: [last.range[1], last.range[1]], text: ', { flush: true }' };
  }
  if (options.type === T.Literal && typeof options.value === 'string') {
    return { range: [options.range[0], options.range[1]], text: `{ encoding: ${source.slice(options.range[0], options.range[1])}, flush: true }` };
  }
  if (options.type === T.ObjectExpression) {
    if (options.properties.some((p) => p.type === T.SpreadElement)) return null;
    if (options.properties.length === 0) return { range: [options.range[0], options.range[1]], text: '{ flush: true }' };
    const last = options.properties[options.properties.length - 1];
    return { range: [last.range[1], last.range[1]], text: ', flush: true' };
  }
  return null;
}

/**
 * `{ encoding: 'utf8', flush: true }` → `{ flush: true }`: utf8 is the default for string
 * data, and without an explicit encoding `writeFileSync` takes the path that honours `flush`.
 */
function dropUtf8Encoding(write: FileCall, binder: Binder, source: string): TextEdit | null {
  const options = optionsObject(write, binder);
  if (!options || options !== write.call.arguments[2]) return null;
  const index = options.properties.findIndex(
    (p) => p.type === T.Property && !p.computed && ((p.key.type === T.Identifier && p.key.name === 'encoding') || (p.key.type === T.Literal && p.key.value === 'encoding')),
  );
  if (index < 0) return null;
  const property = options.properties[index];
  const next = options.properties[index + 1];
  if (next) return { range: [property.range[0], next.range[0]], text: '' };
  const previous = options.properties[index - 1];
  if (!previous) return null;
  return { range: [previous.range[1], property.range[1]], text: '' };
}
