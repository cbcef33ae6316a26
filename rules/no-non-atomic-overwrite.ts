/**
 * A state file rewritten in place. `writeFile` opens with O_TRUNC and then writes:
 * between the two, and for as long as the data sits in the page cache, the only copy
 * on disk is empty or partial. A crash, a power loss or ENOSPC there and the next start
 * reads an empty or truncated file — which the reading code usually turns into
 * "nothing saved" (see no-read-failure-as-empty). We only judge files the same module
 * reads back (read-modify-write), because those are the ones someone relies on.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import type { ReportSuggestion, RuleModule } from '../server/src/engine/rule-api';
import {
  fileCallOf,
  fsyncedWriteEdit,
  isBuildOutputPath,
  isDisposablePath,
  isGuardedByAbsence,
  isNonTruncatingFlag,
  isTempPath,
  opensForWriting,
  pathKey,
  stringValue,
  walk,
  isTestFile,
  isNamedStatePath,
  looseKey,
  isToolingFile,
  isRepositoryFile,
  writeFlag,
  type FileCall,
} from './file-state';
import { calleeText, lineOf, namesUiState } from './support';

export const noNonAtomicOverwrite: RuleModule<Record<string, never>> = {
  id: 'no-non-atomic-overwrite',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow overwriting a file in place that the same code reads back as state, instead of writing a temporary file and renaming it.',
      recommended: true,
    },
    messages: {
      overwrite:
        '`{{api}}` rewrites `{{file}}` in place, and this module reads it back as state (line {{line}}): a crash or a full disk mid-write leaves it empty or truncated, and the saved data is gone.',
      relatedRead: 'where the file is read back',
      relatedHelperCall: 'the call that has this helper overwrite `{{file}}`',
      suggestAtomic: 'Write a temporary file, fsync it and rename it over `{{file}}`',
    },
    schema: [{ type: 'object', properties: {}, additionalProperties: false }],
    hasSuggestions: true,
    defaultSeverity: 'warn',
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const { binder, source } = file;
    const reads = new Map<string, TSESTree.Node>();
    /**
     * The same path built from parameters of different functions: `getMeta(options)` and
     * `setMeta(options)` both use `path.join(options.dir, 'meta.json')`. We only trust that
     * when the path names a state file or goes through a same-file path helper.
     */
    const looseReads = new Map<string, TSESTree.Node>();
    const readOf = (key: string): TSESTree.Node | undefined => reads.get(key) ?? (isNamedStatePath(key) ? looseReads.get(looseKey(key)) : undefined);
    const addRead = (key: string, node: TSESTree.Node) => {
      if (!reads.has(key)) reads.set(key, node);
      if (!looseReads.has(looseKey(key))) looseReads.set(looseKey(key), node);
    };
    const writes: FileCall[] = [];
    /** Calls of same-file helpers that write the path they are given: `writeJson(file, data)`. */
    const helperWrites: Array<{ site: TSESTree.CallExpression; inner: FileCall; target: TSESTree.Node }> = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const fc = fileCallOf(node, binder);
        if (fc) {
          if (fc.op === 'read' && fc.target && !fc.viaHandle) {
            addRead(pathKey(fc.target, binder, source), node);
          } else if ((fc.op === 'overwrite' || (fc.op === 'open' && opensForWriting(fc))) && fc.target) {
            writes.push(fc);
          }
          return;
        }
        const jsonPath = requiredJson(node, binder, source);
        if (jsonPath) addRead(jsonPath, node);
        for (const use of pathParameterUses(node, binder)) {
          const argument = node.arguments[use.index];
          if (!argument || argument.type === T.SpreadElement) continue;
          if (use.inner.op === 'read') {
            addRead(pathKey(argument, binder, source), node);
          } else {
            helperWrites.push({ site: node, inner: use.inner, target: argument });
          }
        }
      },
      'Program:exit'() {
        // A fixture written by a test is recreated by the next run; nothing is lost.
        if (isTestFile(file.rolePath) || isToolingFile(file.rolePath)) return;
        for (const fc of writes) {
          const target = fc.target!;
          const key = pathKey(target, binder, source);
          const read = readOf(key);
          if (!read) continue;
          if (isNonTruncatingFlag(writeFlag(fc, binder))) continue;
          if (isTempPath(target, binder, source) || isBuildOutputPath(target, binder, source) || isDisposablePath(target, binder, source) || namesUiState(target, binder)) continue;
          if (isRepositoryFile(target, binder, source)) continue;
          // Creating a file that is not there yet overwrites nothing.
          if (isGuardedByAbsence(fc.call, key, binder, source)) continue;
          if (isInCatchOfRead(fc.call, key, binder, source)) continue;
          const data = { api: calleeText(source, fc.call), file: source.slice(target.range[0], target.range[1]).replace(/\s+/g, ' ').slice(0, 60), line: lineOf(read) };
          const suggest: ReportSuggestion[] = [];
          const edit = fsyncedWriteEdit(fc, file.ast, binder, source, { renameOnto: true });
          if (edit) suggest.push({ messageId: 'suggestAtomic', data, fix: edit });
          context.report({ node: fc.call, messageId: 'overwrite', data, suggest, related: [{ node: read, messageId: 'relatedRead', data }] });
        }
        for (const { site, inner, target } of helperWrites) {
          const key = pathKey(target, binder, source);
          const read = readOf(key);
          if (!read || read === site) continue;
          if (isNonTruncatingFlag(writeFlag(inner, binder))) continue;
          if (isTempPath(target, binder, source) || isBuildOutputPath(target, binder, source) || isDisposablePath(target, binder, source) || namesUiState(target, binder)) continue;
          if (isRepositoryFile(target, binder, source)) continue;
          if (isGuardedByAbsence(site, key, binder, source) || isInCatchOfRead(site, key, binder, source)) continue;
          const data = { api: calleeText(source, inner.call), file: source.slice(target.range[0], target.range[1]).replace(/\s+/g, ' ').slice(0, 60), line: lineOf(read) };
          context.report({
            node: inner.call,
            messageId: 'overwrite',
            data,
            related: [
              { node: site, messageId: 'relatedHelperCall', data },
              { node: read, messageId: 'relatedRead', data },
            ],
          });
        }
      },
    };
  },
};

/** Per analysis (keyed by its binder): a document's tree is reused, edited, by the next one. */
const parameterUsesByAnalysis = new WeakMap<Binder, Map<TSESTree.Node, Array<{ index: number; inner: FileCall }>>>();

/**
 * A same-file function that reads or overwrites the path it receives as a parameter:
 * `function writeJson(file, data) { fs.writeFileSync(file, …) }`. Its calls are reads and
 * writes of their argument.
 */
function pathParameterUses(call: TSESTree.CallExpression, binder: Binder): Array<{ index: number; inner: FileCall }> {
  const fn = binder.localFunction(call.callee);
  if (!fn?.body) return [];
  let parameterUses = parameterUsesByAnalysis.get(binder);
  if (!parameterUses) parameterUsesByAnalysis.set(binder, (parameterUses = new Map()));
  let uses = parameterUses.get(fn);
  if (uses) return uses;
  uses = [];
  parameterUses.set(fn, uses);
  const params = fn.params.map((p) => (p.type === T.Identifier ? binder.variableOf(p) : p.type === T.AssignmentPattern && p.left.type === T.Identifier ? binder.variableOf(p.left) : null));
  const found = uses;
  walk(fn.body, (node) => {
    if (node.type !== T.CallExpression) return undefined;
    const fc = fileCallOf(node, binder);
    if (!fc || fc.viaHandle || !fc.target || fc.target.type !== T.Identifier) return undefined;
    const isWrite = fc.op === 'overwrite' || (fc.op === 'open' && opensForWriting(fc));
    if (fc.op !== 'read' && !isWrite) return undefined;
    const variable = binder.variableOf(fc.target);
    // `filepath = path.join(tmpdir(), …)` before the write: no longer the caller's file.
    if (!variable || variable.references.some((ref) => ref.isWrite())) return undefined;
    const index = params.indexOf(variable);
    if (index >= 0) found.push({ index, inner: fc });
    return undefined;
  });
  return uses;
}

/** `require('./settings.json')` / `require(configPath)` where the path is a JSON file. */
function requiredJson(call: TSESTree.CallExpression, binder: Binder, source: string): string | null {
  if (call.callee.type !== T.Identifier || call.callee.name !== 'require' || !binder.isGlobalReference(call.callee)) return null;
  const arg = call.arguments[0];
  if (!arg || arg.type === T.SpreadElement) return null;
  const literal = stringValue(arg);
  const key = pathKey(arg, binder, source);
  if (literal !== null ? !literal.endsWith('.json') : !/\.json\b/.test(key)) return null;
  return key;
}

/** `try { read(p) } catch { writeFileSync(p, defaults) }`: first-run creation of a missing file. */
function isInCatchOfRead(node: TSESTree.Node, key: string, binder: Binder, source: string): boolean {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === T.CatchClause && parent.parent?.type === T.TryStatement) {
      const block = parent.parent.block;
      let found = false;
      visitCalls(block, (call) => {
        const fc = fileCallOf(call, binder);
        if (fc && (fc.op === 'read' || fc.op === 'exists') && fc.target && pathKey(fc.target, binder, source) === key) found = true;
      });
      if (found) return true;
    }
    if (parent.type === T.FunctionDeclaration || parent.type === T.FunctionExpression || parent.type === T.ArrowFunctionExpression) return false;
    current = parent;
  }
  return false;
}

function visitCalls(root: TSESTree.Node, visit: (call: TSESTree.CallExpression) => void): void {
  walk(root, (n) => {
    if (n.type === T.CallExpression) visit(n);
  });
}
