/**
 * Updating a file's ScopeManager after one function's body was re-parsed, or after a
 * declaration was renamed (see incremental-parse.ts), instead of analysing the whole
 * file again. The result must be
 * what a fresh `analyze` of the new tree gives, for everything anyone reads: the scopes
 * (in `scopes`, `childScopes`, `nodeToScope`), their variables, references and `through`
 * lists, `ref.resolved`, `variable.references`, `declaredVariables` — and the order of
 * every list, which rules read too (the first write of a variable, the first read).
 *
 * How. The function alone is analysed in a small program of its own: a plain expression
 * statement (a class method in a class expression, so it gets a method's scope; a
 * declaration as itself), with the strictness of the scope it sits in. Its scope subtree
 * — the function-expression-name scope, if any, the function scope and everything below —
 * replaces the old subtree; the references that leave the function (its `through`) are
 * resolved again against the scopes around it, exactly as `Scope#close` does, and those
 * of the old subtree are taken out of the outer variables' `references` and the outer
 * scopes' `through`.
 *
 * Order. In a full analysis every list of references (a scope's `references` and
 * `through`, a variable's `references`) is in the order the references were created,
 * and the references created while the analyser was inside the function are exactly
 * those of its scope subtree. (The one exception: the pseudo-reference to `React` made
 * at the first JSX element, which lands in the scope declaring `React` the moment it is
 * made; see below.) So every reference gets a position on one number line — its `$id`
 * from the full analysis, which counts up as references are made — and each function's
 * references occupy an interval of it that nothing else enters. The new references are
 * spread over the old function's interval, in the order the small analysis made them,
 * and then go into each outer list where that interval says. A grafted function
 * remembers its interval and the spacing of its references, so functions inside it can
 * be grafted later too.
 *
 * Whenever something does not fit, the caller analyses the whole file: a `with` statement
 * in or around the function (sloppy code only, and rare: not worth the risk), an implicit global assignment (sloppy mode) leaving it, a
 * function without any reference before the edit (no interval to place the new ones
 * in), a local `React`, a function that gains or loses its JSX while some scope declares
 * `React`, and a function's first reference to a `React` that already has the pseudo-
 * reference. (Direct `eval` needs no care: typescript-eslint's scope manager treats it as
 * an ordinary call.)
 */
import { visitorKeys } from './ast';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyze, type Reference, type ScopeManager, type Variable } from '@typescript-eslint/scope-manager';

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type Node = TSESTree.Node;

/** The fields this module rewrites; the library declares most of them read-only. */
interface MutableScope {
  type: string;
  block: Node;
  upper: MutableScope | null;
  childScopes: MutableScope[];
  references: Reference[];
  through: Reference[];
  set: Map<string, Variable>;
  variables: Variable[];
  variableScope: MutableScope;
  isStrict: boolean;
  isVariableScope(): boolean;
  isValidResolution(ref: Reference, variable: Variable): boolean;
  implicit?: { leftToBeResolved: Reference[] };
}

interface MutableManager {
  scopes: MutableScope[];
  globalScope: MutableScope | null;
  nodeToScope: WeakMap<Node, MutableScope[]>;
  declaredVariables: WeakMap<Node, Variable[]>;
  getDeclaredVariables(node: Node): Variable[];
}

interface MutableReference {
  resolved: Variable | null;
}

/** The interval of the number line a grafted function's references occupy, and their spacing. */
interface Region {
  lo: number;
  hi: number;
  unit: number;
}

/** Positions of the references made by grafts (the others are at their `$id`). */
const positions = new WeakMap<Reference, number>();
/** Grafted functions' top scopes → their region. */
const regions = new WeakMap<MutableScope, Region>();

function position(ref: Reference): number {
  return positions.get(ref) ?? ref.$id;
}

/** What the scope manager calls for JSX elements when nothing else is configured. */
const JSX_PRAGMA = 'React';

/**
 * Replaces `fn`'s scopes in `manager` (analysed before `fn`'s body was replaced) by those
 * of its new body. False when it cannot: then `manager` may be half updated and must be
 * dropped for a full analysis. `oldBody` is the body `fn` had; `jsx` whether the file was
 * parsed as JSX.
 */
export function reanalyzeFunctionScopes(scopeManager: ScopeManager, fn: FunctionNode, oldBody: TSESTree.BlockStatement, jsx: boolean): boolean {
  const manager = scopeManager as unknown as MutableManager;
  const oldTop = manager.nodeToScope.get(fn)?.find(isFunctionTop);
  const parent = oldTop?.upper;
  if (!oldTop || !parent) return false;
  for (let s: MutableScope | null = parent; s; s = s.upper) if (s.type === 'with') return false;
  const oldScopes = preorder(oldTop);
  if (oldScopes.some((s) => s.type === 'with')) return false;
  const region = regionOf(oldTop, oldScopes, parent);
  if (!region) return false;

  let synthetic: MutableManager;
  try {
    synthetic = analyze(programAround(fn), {
      sourceType: 'script',
      globalReturn: false,
      impliedStrict: parent.isStrict,
      lib: [],
      jsxPragma: null,
    }) as unknown as MutableManager;
  } catch {
    return false;
  }
  const newTop = synthetic.nodeToScope.get(fn)?.find(isFunctionTop);
  if (!newTop) return false;
  const newScopes = preorder(newTop);
  if (newScopes.some((s) => s.type === 'with')) return false;

  if (jsx) {
    // The pseudo-reference to `React` (made in the scope declaring it, at the first JSX
    // element that sees it) is left where it is: right only while this function declares
    // no `React` and keeps having JSX or not.
    if (oldScopes.some((s) => s.set.has(JSX_PRAGMA)) || newScopes.some((s) => s.set.has(JSX_PRAGMA))) return false;
    // Usually nothing declares React: asked first, it spares walking both bodies on each keystroke.
    if (manager.scopes.some((s) => s.set.has(JSX_PRAGMA)) && hasJsx(oldBody) !== hasJsx(fn.body as TSESTree.BlockStatement)) return false;
  }

  // The new references, spread over the old ones' interval in the order they were made.
  const newRefs = newScopes.flatMap((s) => s.references).sort((a, b) => a.$id - b.$id);
  const unit = (region.hi - region.lo) / (newRefs.length + 1);
  if (!(unit > Math.max(Math.abs(region.lo), Math.abs(region.hi)) * 1e-12)) return false;

  // --- Plan (nothing changes until everything fits) ---
  const oldOut = oldTop.through;
  const oldOutSet = new Set(oldOut);
  const throughEdits = new Map<MutableScope, { removed: number; added: Reference[] }>();
  const variableEdits = new Map<Variable, { removed: Reference[]; added: Reference[] }>();
  const throughEdit = (s: MutableScope) => {
    let edit = throughEdits.get(s);
    if (!edit) throughEdits.set(s, (edit = { removed: 0, added: [] }));
    return edit;
  };
  const variableEdit = (v: Variable) => {
    let edit = variableEdits.get(v);
    if (!edit) variableEdits.set(v, (edit = { removed: [], added: [] }));
    return edit;
  };
  const global = manager.globalScope;
  for (const ref of oldOut) {
    const variable = ref.resolved;
    if (!variable && ref.maybeImplicitGlobal) return false;
    const home = variable ? (variable.scope as unknown as MutableScope) : null;
    for (let s: MutableScope | null = parent; s && s !== home; s = s.upper) throughEdit(s).removed++;
    if (variable) variableEdit(variable).removed.push(ref);
  }
  const newOut = newTop.through;
  const targets: Array<Variable | null> = [];
  for (const ref of newOut) {
    let variable: Variable | null = null;
    for (let s: MutableScope | null = parent; s; s = s.upper) {
      variable = resolveIn(s, ref);
      if (variable) break;
      throughEdit(s).added.push(ref);
    }
    if (!variable && ref.maybeImplicitGlobal) return false;
    targets.push(variable);
    if (variable) variableEdit(variable).added.push(ref);
  }

  const throughAt = new Map<MutableScope, number>();
  for (const [s, edit] of throughEdits) {
    const at = firstAfter(s.through, region.lo);
    for (let k = 0; k < edit.removed; k++) if (!oldOutSet.has(s.through[at + k])) return false;
    throughAt.set(s, at);
  }
  const variableAt = new Map<Variable, number>();
  for (const [variable, edit] of variableEdits) {
    const refs = variable.references;
    let at: number;
    if (edit.removed.length > 0) {
      at = refs.indexOf(edit.removed[0]);
      for (let k = 0; k < edit.removed.length; k++) if (refs[at + k] !== edit.removed[k]) return false;
    } else {
      if (variable.name === JSX_PRAGMA && refs.some(isJsxPragmaReference)) return false;
      at = firstAfter(refs, region.lo);
    }
    variableAt.set(variable, at);
  }
  const scopeAt = manager.scopes.indexOf(oldTop);
  if (scopeAt < 0) return false;
  for (let k = 0; k < oldScopes.length; k++) if (manager.scopes[scopeAt + k] !== oldScopes[k]) return false;
  const childAt = parent.childScopes.indexOf(oldTop);
  if (childAt < 0) return false;

  // --- Apply ---
  newRefs.forEach((ref, k) => positions.set(ref, region.lo + (k + 1) * unit));
  regions.set(newTop, { lo: region.lo, hi: region.hi, unit });
  for (const [s, edit] of throughEdits) s.through.splice(throughAt.get(s)!, edit.removed, ...edit.added);
  for (const [variable, edit] of variableEdits) variable.references.splice(variableAt.get(variable)!, edit.removed.length, ...edit.added);
  newOut.forEach((ref, k) => ((ref as unknown as MutableReference).resolved = targets[k]));
  if (global?.implicit && throughEdits.has(global)) global.implicit.leftToBeResolved = [...global.through];

  manager.scopes.splice(scopeAt, oldScopes.length, ...newScopes);
  parent.childScopes[childAt] = newTop;
  newTop.upper = parent;
  if (!newTop.isVariableScope()) newTop.variableScope = parent.variableScope;
  // A node's scopes: those around the function first (a class field's initializer scope
  // has the field's arrow function as its block too), then the new ones in order.
  const oldSet = new Set(oldScopes);
  const byBlock = new Map<Node, MutableScope[]>();
  for (const s of newScopes) {
    let list = byBlock.get(s.block);
    if (!list) byBlock.set(s.block, (list = (manager.nodeToScope.get(s.block) ?? []).filter((x) => !oldSet.has(x))));
    list.push(s);
  }
  for (const [block, list] of byBlock) manager.nodeToScope.set(block, list);
  updateDeclaredVariables(manager, synthetic, oldScopes, newScopes, fn);
  return true;
}

/** Names the scope manager treats specially: never renamed in place. */
const SPECIAL_VARIABLES = new Set([JSX_PRAGMA, 'arguments', 'eval', 'undefined']);

/**
 * Renames the variables `identifier` declares to `name`, in place, as a fresh analysis of
 * the renamed text would have them. The uses of the old name lose the variable: each
 * resolves to the next variable of that name further up, or leaves every scope up to the
 * global one unresolved (in creation order, as `Scope#close` passes references up). The
 * uses of the new name that reached the declaring scope unresolved now stop there. Only
 * for a declaration that is its variable's only one (no overloads, no merged
 * declarations), when no other variable has the new name, and never where a reference
 * could become or stop being an implicit global (sloppy-mode assignments). A class has
 * two variables (around it and inside it); both are renamed. False when it does not
 * fit, with nothing changed. The caller renames the identifier itself.
 */
export function renameDeclaration(scopeManager: ScopeManager, identifier: TSESTree.Identifier, name: string): boolean {
  const manager = scopeManager as unknown as MutableManager;
  const oldName = identifier.name;
  if (SPECIAL_VARIABLES.has(name) || SPECIAL_VARIABLES.has(oldName)) return false;
  const self = identifier as never;
  const declared: Array<{ scope: MutableScope; variable: Variable }> = [];
  for (const scope of manager.scopes) {
    if (scope.type === 'with') return false;
    for (const ref of scope.references) if (ref.identifier.name === name && ref.maybeImplicitGlobal) return false;
    for (const variable of scope.variables) {
      // Another variable with the new name: a redeclaration or a shadowing, left to a full analysis.
      if (variable.name === name && variable.identifiers.length > 0) return false;
      if (!variable.identifiers.includes(self)) continue;
      if (variable.identifiers.length !== 1 || variable.defs.length !== 1) return false;
      if (variable.references.some((ref) => ref.identifier !== self && ref.maybeImplicitGlobal)) return false;
      declared.push({ scope, variable });
    }
  }
  if (declared.length === 0 || declared.some(({ scope, variable }) => scope.set.get(oldName) !== variable)) return false;
  // Inner scopes first: inside a class, its own name is the class scope's variable.
  const innerFirst = [...declared].reverse();
  // The uses of the new name each variable will take: unresolved so far, so passing every
  // scope from the declaring one up (anything else and the lists are not what this expects).
  const captured = new Set<Reference>();
  const captures = innerFirst.map(({ scope, variable }) => {
    const refs = scope.through.filter((ref) => ref.identifier.name === name && !captured.has(ref) && canResolveTo(scope, ref, variable));
    for (const ref of refs) captured.add(ref);
    return refs;
  });
  for (const ref of captured) {
    if (ref.resolved) return false;
    for (let s: MutableScope | null = ref.from as unknown as MutableScope; s; s = s.upper) if (!s.through.includes(ref)) return false;
  }

  for (const { scope, variable } of declared) {
    (variable as unknown as { name: string }).name = name;
    // Same entries in the same order, one key changed.
    const entries = [...scope.set];
    scope.set.clear();
    for (const [key, value] of entries) scope.set.set(key === oldName ? name : key, value);
  }
  const global = manager.globalScope;
  const pending = global?.implicit?.leftToBeResolved;
  innerFirst.forEach(({ scope, variable }, k) => {
    // The declaration's own initialising write keeps its variable; every other use loses it.
    const lost = variable.references.filter((ref) => ref.identifier !== self);
    if (lost.length > 0) variable.references.splice(0, variable.references.length, ...variable.references.filter((ref) => ref.identifier === self));
    for (const ref of lost) {
      (ref as unknown as MutableReference).resolved = null;
      let target: Variable | null = null;
      for (let s: MutableScope | null = scope; s; s = s.upper) {
        target = s === scope ? null : resolveIn(s, ref);
        if (target) {
          (ref as unknown as MutableReference).resolved = target;
          insertInOrder(target.references, ref);
          break;
        }
        insertInOrder(s.through, ref);
      }
      // The global scope's list of what reached it: also what it resolves itself.
      if (pending && (!target || target.scope === (global as unknown)) && !pending.includes(ref)) insertInOrder(pending, ref);
    }
    for (const ref of captures[k]) {
      for (let s: MutableScope | null = scope; s; s = s.upper) s.through.splice(s.through.indexOf(ref), 1);
      if (pending && scope !== global && pending.includes(ref)) pending.splice(pending.indexOf(ref), 1);
      (ref as unknown as MutableReference).resolved = variable;
      insertInOrder(variable.references, ref);
    }
  });
  return true;
}

/** Whether `scope` would resolve `ref` to `variable` if the variable had the reference's name (`Scope#close`). */
function canResolveTo(scope: MutableScope, ref: Reference, variable: Variable): boolean {
  if (!scope.isValidResolution(ref, variable)) return false;
  return (ref.isTypeReference && variable.isTypeVariable) || (ref.isValueReference && variable.isValueVariable);
}

/** Puts `ref` into a list kept in number-line order. */
function insertInOrder(list: Reference[], ref: Reference): void {
  list.splice(firstAfter(list, position(ref)), 0, ref);
}

/** The outermost scope a function makes: its expression-name scope, or its function scope. */
function isFunctionTop(scope: MutableScope): boolean {
  return scope.type === 'function-expression-name' || scope.type === 'function';
}

/** Where a reference leaving a scope below resolves in `scope`, as `Scope#close` decides it. */
function resolveIn(scope: MutableScope, ref: Reference): Variable | null {
  const variable = scope.set.get(ref.identifier.name);
  return variable && canResolveTo(scope, ref, variable) ? variable : null;
}

/**
 * The old function's interval of the number line: from its stored region when it was
 * grafted itself; otherwise around its references (half a spacing of the enclosing
 * region beyond the first and the last; a function grafted inside counts with its own
 * interval). Null when it has no reference at all: nothing says where it lies.
 */
function regionOf(top: MutableScope, subtree: MutableScope[], parent: MutableScope): Region | null {
  const own = regions.get(top);
  if (own) return own;
  let unit = 1;
  for (let s: MutableScope | null = parent; s; s = s.upper) {
    const enclosing = regions.get(s);
    if (enclosing) {
      unit = enclosing.unit;
      break;
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  const inner = new Set<MutableScope>();
  for (const s of subtree) {
    if (s.upper && inner.has(s.upper)) {
      inner.add(s);
      continue;
    }
    const grafted = s === top ? undefined : regions.get(s);
    if (grafted) {
      inner.add(s);
      lo = Math.min(lo, grafted.lo);
      hi = Math.max(hi, grafted.hi);
      continue;
    }
    for (const ref of s.references) {
      const at = position(ref);
      lo = Math.min(lo, at - unit / 2);
      hi = Math.max(hi, at + unit / 2);
    }
  }
  return lo < hi ? { lo, hi, unit } : null;
}

/** The first index whose reference lies after `at` (the list is in number-line order). */
function firstAfter(refs: Reference[], at: number): number {
  let low = 0;
  let high = refs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (position(refs[mid]) <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `React` as the scope manager references it for JSX: a read of its own declaration. */
function isJsxPragmaReference(ref: Reference): boolean {
  return ref.identifier.name === JSX_PRAGMA && !ref.isWrite() && ref.resolved?.identifiers[0] === ref.identifier;
}

/** A scope and everything below it, in the order the analysis made them. */
function preorder(top: MutableScope): MutableScope[] {
  const out: MutableScope[] = [];
  const stack = [top];
  while (stack.length > 0) {
    const s = stack.pop()!;
    out.push(s);
    for (let i = s.childScopes.length - 1; i >= 0; i--) stack.push(s.childScopes[i]);
  }
  return out;
}

/**
 * The variables each declaring node declares: the new subtree's replace the old one's,
 * after those declared outside (a function declaration's name, before its parameters).
 */
function updateDeclaredVariables(manager: MutableManager, synthetic: MutableManager, oldScopes: MutableScope[], newScopes: MutableScope[], fn: FunctionNode): void {
  const oldVariables = new Set(oldScopes.flatMap((s) => s.variables));
  const newVariables = new Set(newScopes.flatMap((s) => s.variables));
  const keys = new Set<Node>([fn]);
  for (const variable of newVariables) {
    for (const def of variable.defs) {
      keys.add(def.node as Node);
      if (def.parent) keys.add(def.parent as Node);
    }
  }
  for (const key of keys) {
    const kept = (manager.declaredVariables.get(key) ?? []).filter((v) => !oldVariables.has(v));
    const added = synthetic.getDeclaredVariables(key).filter((v) => newVariables.has(v));
    if (kept.length + added.length > 0) manager.declaredVariables.set(key, [...kept, ...added]);
    else manager.declaredVariables.delete(key);
  }
}

/**
 * A program that holds just `fn`, visited as the analysis of the whole file visits it: a
 * class method's function through a class (a method's scope is strict and its parameter
 * decorators belong to the class), a declaration as a statement, anything else as an
 * expression statement.
 */
function programAround(fn: FunctionNode): TSESTree.Program {
  const at = { range: fn.range, loc: fn.loc };
  const parent = fn.parent as Node | undefined;
  let statement: unknown;
  if (fn.type === 'FunctionDeclaration') {
    statement = fn;
  } else if (parent?.type === 'MethodDefinition' && parent.value === fn) {
    const key = { type: 'Identifier', name: 'm', decorators: [], optional: false, typeAnnotation: undefined, ...at };
    const method = { type: 'MethodDefinition', key, computed: false, static: false, kind: 'method', value: fn, decorators: [], override: false, optional: false, ...at };
    const body = { type: 'ClassBody', body: [method], ...at };
    const cls = { type: 'ClassExpression', id: null, superClass: null, body, decorators: [], implements: [], abstract: false, declare: false, ...at };
    statement = { type: 'ExpressionStatement', expression: cls, ...at };
  } else {
    statement = { type: 'ExpressionStatement', expression: fn, ...at };
  }
  return { type: 'Program', body: [statement], sourceType: 'script', comments: [], tokens: [], ...at } as unknown as TSESTree.Program;
}

function hasJsx(root: Node): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') return true;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && 'type' in child) stack.push(child as Node);
      } else if (value && typeof value === 'object' && 'type' in value) {
        stack.push(value as Node);
      }
    }
  }
  return false;
}
