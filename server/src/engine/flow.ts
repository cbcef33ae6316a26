/**
 * The flow model: an abstract interpreter over each function's statements that knows
 * `await`, `return`, `throw`, `try/catch/finally`, loops with `break`/`continue`,
 * labels, promise chains (`.then(ok, err)`, `.catch`, `.finally`), `Promise.all`,
 * node-style `(err, …)` callbacks and response checks (`res.ok`, `res.status`).
 *
 * It answers, at every destructive call, which remote writes may be unconfirmed on a
 * path that reaches it — and records every classified call for the rules that judge
 * calls by their syntax (floating promises, swallowed errors, unchecked responses).
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T, visitorKeys } from './ast';
import type { Binder, FunctionNode } from './bind';
import { propertyName } from './bind';
import { classifyByName, classifyByVocabulary } from './classify';
import type { CallEffect } from './effects';
import type { DestroyFact, UnconfirmedReason } from './facts';
import { ABSENT, BAD, CONFIRMED, FAILED, FLOATING, FlowState, UNCHECKED, join, joinAll, sameState } from './flow-state';

type Root = FunctionNode | TSESTree.Program;

/** What a function does, for calls to it from the same file. */
export interface FunctionSummary {
  /** The function's remote write effect as seen by a caller, if it performs one. */
  write: CallEffect | null;
  /** It destroys local data. */
  destroy: CallEffect | null;
  /** It writes locally (for swallowed-error checks around calls to it). */
  localWrite: boolean;
  returnsPromise: boolean;
  /** No path out of it throws: a caller that drops its promise loses no failure. */
  neverRejects: boolean;
}

interface PromiseValue {
  /** Given the state when the promise is awaited, the states after it fulfils / rejects. */
  settle(state: FlowState): Settled;
  /** It can only reject (a timeout): known across functions, unlike its states. */
  neverFulfils?: boolean;
}

interface Settled {
  fulfilled: FlowState | null;
  rejected: FlowState | null;
  value?: Value;
}

interface Value {
  promise?: PromiseValue;
  /** The value is the HTTP response of this write (status not yet known). */
  response?: number;
  /** Promises collected in an array literal or by `.map(async …)`, for Promise.all. */
  promises?: PromiseValue[];
  /** The promise of this write (so handing it to someone else can be recognised). */
  writeId?: number;
  /** Results of `Promise.allSettled` over these writes (or values derived from them). */
  settledWrites?: number[];
}

interface FunctionOutcome {
  /** States at normal completion and `return` (for async functions: fulfilment). */
  exit: FlowState | null;
  /** States at `throw` / rejection. */
  thrown: FlowState | null;
  returned?: Value;
}

type AbruptKind = 'throw' | 'return' | 'break' | 'continue';

type Frame =
  | { kind: 'try'; catchEntries: FlowState[] }
  | { kind: 'finally'; pending: Array<{ kind: AbruptKind; label: string | null; state: FlowState; value?: Value }> }
  | { kind: 'loop'; labels: string[]; breaks: FlowState[]; continues: FlowState[] }
  | { kind: 'switch'; breaks: FlowState[] }
  | { kind: 'label'; label: string; breaks: FlowState[] };

interface FunctionContext {
  root: Root;
  frames: Frame[];
  returns: Array<{ state: FlowState; value?: Value }>;
  throws: FlowState[];
}

/** Array methods whose callbacks run synchronously, before the call returns. */
const INLINE_ITERATORS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight', 'sort']);
 /** Methods that run their callback before returning (Realm's write transaction). */
const SYNC_CALLBACK_METHODS = new Set(['write', 'runInAction']);
const ERR_PARAM = /^(e|err|error|ex|exc|exception|reason|failure|er)$/i;
const MAX_LOOP_PASSES = 3;

export interface WriteRecord {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  effect: CallEffect;
}

export class FlowAnalysis {
  /** Every classified call in the file, with its effects (a call of a project function may both write and destroy). */
  readonly callEffects = new Map<TSESTree.Node, CallEffect[]>();
  readonly destroyFacts = new Map<TSESTree.Node, DestroyFact>();

  private readonly writeIds = new Map<TSESTree.Node, number>();
  private readonly writes: WriteRecord[] = [];
  private readonly destroyIds = new Map<TSESTree.Node, number>();
  private readonly destroys: Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; effect: CallEffect }> = [];

  /** Variable → write whose response it holds / whose error it receives. */
  private readonly responseOf = new Map<unknown, number>();
  private readonly errorOf = new Map<unknown, number>();
  /** Variable → promise it holds (`const p = upload()`), for a later `await p`. */
  private readonly promiseOf = new Map<unknown, PromiseValue>();
  /** Inline `(await fetch(...))` nodes → write id, for `(await fetch()).ok`. */
  private readonly nodeResponse = new Map<TSESTree.Node, number>();

  private readonly analyzedRoots = new Set<Root>();
  private readonly freshOutcomes = new Map<Root, FunctionOutcome>();
  private readonly summaries = new Map<Root, FunctionSummary | null>();
  private readonly summaryInProgress = new Set<Root>();
  private readonly contexts: FunctionContext[] = [];
  /** Handlers (catch bodies, .catch callbacks, err branches) we are inside, for "on the failure path". */
  private failureDepth = 0;
  private work = 0;
  private readonly workBudget: number;

  constructor(
    private readonly binder: Binder,
    private readonly program: TSESTree.Program,
    workBudget = 2_000_000,
  ) {
    this.workBudget = workBudget;
  }

  run(): void {
    this.analyzeFresh(this.program);
    // Functions not reached from a call site (handlers, exported functions, methods) start fresh.
    for (const fn of collectFunctions(this.program)) {
      if (!this.analyzedRoots.has(fn)) this.analyzeFresh(fn);
    }
  }

  writeRecord(node: TSESTree.Node): WriteRecord | undefined {
    const id = this.writeIds.get(node);
    return id === undefined ? undefined : this.writes[id];
  }

  // ---------------------------------------------------------------- functions

  private analyzeFresh(root: Root): FunctionOutcome {
    const cached = this.freshOutcomes.get(root);
    if (cached) return cached;
    const savedDepth = this.failureDepth;
    this.failureDepth = 0;
    try {
      const outcome = this.analyzeRoot(root, FlowState.empty);
      this.freshOutcomes.set(root, outcome);
      return outcome;
    } finally {
      this.failureDepth = savedDepth;
    }
  }

  private analyzeRoot(root: Root, entry: FlowState): FunctionOutcome {
    this.analyzedRoots.add(root);
    const ctx: FunctionContext = { root, frames: [], returns: [], throws: [] };
    this.contexts.push(ctx);
    try {
      let end: FlowState | null;
      let value: Value | undefined;
      if (root.type === T.Program) end = this.statements(root.body, entry);
      else if (!root.body) end = entry;
      else {
        if (root.body.type === T.BlockStatement) end = this.statements(root.body.body, entry);
        else {
          const r = this.expr(root.body, entry);
          end = r.state;
          value = r.value;
          if (end) ctx.returns.push({ state: end, value });
          end = null;
        }
      }
      let exit = end;
      let returned: Value | undefined = value;
      for (const r of ctx.returns) {
        let state: FlowState | null = r.state;
        // `return upload()` from an async function: the caller's await waits for the upload.
        if (r.value?.promise && root.type !== T.Program) {
          const settled = r.value.promise.settle(r.state);
          state = settled.fulfilled;
          ctx.throws.push(...nonNull(settled.rejected));
        }
        exit = join(exit, state);
        if (r.value) returned = r.value;
      }
      return { exit, thrown: joinAll(ctx.throws), returned };
    } finally {
      this.contexts.pop();
    }
  }

  /** Summary of a same-file function; null while it is being computed (recursion). */
  summaryOf(fn: FunctionNode): FunctionSummary | null {
    if (this.summaries.has(fn)) return this.summaries.get(fn)!;
    if (this.summaryInProgress.has(fn)) {
      this.localCycleEpoch++;
      return null;
    }
    this.summaryInProgress.add(fn);
    const epochBefore = this.cycleEpoch();
    try {
      const outcome = this.analyzeFresh(fn);
      const summary = this.summarize(fn, outcome);
      // A summary that saw a cycle cut depends on where the cycle was entered: keep it
      // only for this call, so the answer never depends on the order of analysis.
      if (this.cycleEpoch() === epochBefore) this.summaries.set(fn, summary);
      else this.freshOutcomes.delete(fn);
      return summary;
    } finally {
      this.summaryInProgress.delete(fn);
    }
  }

  private localCycleEpoch = 0;

  private cycleEpoch(): number {
    return this.localCycleEpoch + (this.binder.project?.cycleEpoch ?? 0);
  }

  private summarize(fn: FunctionNode, outcome: FunctionOutcome): FunctionSummary {
    const inner = this.callsInside(fn);
    const name = functionName(fn) ?? 'this function';
    const returnsPromise = fn.async || !!outcome.returned?.promise;
    let write: CallEffect | null = null;
    let destroy: CallEffect | null = null;
    let localWrite = false;
    const remoteWrites: WriteRecord[] = [];
    for (const call of inner) {
      for (const effect of this.callEffects.get(call) ?? []) {
        // A name is weak evidence: it may classify the call it names, but a summary built on it
        // would spread the guess to every caller up the chain.
        if (effect.class === 'remoteWrite' && !effect.serverScope && effect.source !== 'name') remoteWrites.push({ node: call as TSESTree.CallExpression, effect });
        // A function that first writes the data elsewhere and then deletes the original
        // (a split, a move, an export) preserves it; only a bare deletion is passed on.
        if (effect.class === 'destroy' && !effect.serverScope && !effect.disposable && !destroy && !writtenBefore(inner, call, this.callEffects)) {
          destroy = { ...effect, api: name, source: 'summary', because: { node: call, api: effect.api } };
        }
        if (effect.class === 'localWrite') localWrite = true;
      }
    }
    if (remoteWrites.length > 0) {
      const exit = outcome.exit;
      let worst: { bits: number; record: WriteRecord } | null = null;
      let anyConfirmed = false;
      for (const record of remoteWrites) {
        const id = this.writeIds.get(record.node);
        if (id === undefined) continue;
        const bits = exit ? exit.status(id) : CONFIRMED;
        if (bits & CONFIRMED) anyConfirmed = true;
        if (bits & BAD && (!worst || rank(bits) > rank(worst.bits))) worst = { bits, record };
      }
      const base = { class: 'remoteWrite' as const, completion: returnsPromise ? ('promise' as const) : ('sync' as const), api: name, noun: remoteWrites[0].effect.noun, source: 'summary' as const };
      if (worst) {
        const outcomeKind = worst.bits & FLOATING ? 'floatsInside' : worst.bits & FAILED ? 'swallows' : 'needsStatusCheck';
        write = { ...base, outcome: outcomeKind, because: { node: worst.record.node, api: worst.record.effect.api } };
      } else if (anyConfirmed || remoteWrites.length > 0) {
        write = { ...base, outcome: 'rejects', because: { node: remoteWrites[0].node, api: remoteWrites[0].effect.api } };
      }
    }
    if (write) {
      // A function whose writes are all local copies (or all server-side) passes that on.
      if (remoteWrites.every((r) => r.effect.localCopy)) write.localCopy = true;
      if (remoteWrites.every((r) => r.effect.serverScope)) write.serverScope = true;
    }
    const writes = inner.filter((c) => (this.callEffects.get(c) ?? []).some((e) => e.class === 'localWrite' || e.class === 'remoteWrite'));
    const neverRejects = writes.length > 0 && writes.every((c) => failureContained(c, fn)) && !throwsOutsideTry(fn);
    return { write, destroy, localWrite, returnsPromise, neverRejects };
  }

  private callsInside(fn: FunctionNode): TSESTree.Node[] {
    const calls: TSESTree.Node[] = [];
    const [start, end] = fn.range;
    for (const node of this.callEffects.keys()) {
      if (node.range[0] >= start && node.range[1] <= end && owningFunction(node) === fn) calls.push(node);
    }
    return calls;
  }

  // ---------------------------------------------------------------- statements

  private get ctx(): FunctionContext {
    return this.contexts[this.contexts.length - 1];
  }

  private statements(list: readonly TSESTree.Node[], state: FlowState | null): FlowState | null {
    for (const stmt of list) {
      if (!state) return null;
      state = this.statement(stmt, state);
    }
    return state;
  }

  private emit(kind: AbruptKind, label: string | null, state: FlowState | null, value?: Value): void {
    if (!state) return;
    const frames = this.ctx.frames;
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i];
      if (f.kind === 'try' && kind === 'throw') {
        f.catchEntries.push(state);
        return;
      }
      if (f.kind === 'finally') {
        f.pending.push({ kind, label, state, value });
        return;
      }
      if (f.kind === 'loop') {
        if (kind === 'break' && (label === null || f.labels.includes(label))) return void f.breaks.push(state);
        if (kind === 'continue' && (label === null || f.labels.includes(label))) return void f.continues.push(state);
      }
      if (f.kind === 'switch' && kind === 'break' && label === null) return void f.breaks.push(state);
      if (f.kind === 'label' && kind === 'break' && label === f.label) return void f.breaks.push(state);
    }
    if (kind === 'return') this.ctx.returns.push({ state, value });
    else if (kind === 'throw') this.ctx.throws.push(state);
  }

  private statement(node: TSESTree.Node, state: FlowState): FlowState | null {
    if (++this.work > this.workBudget) return state;
    switch (node.type) {
      case T.BlockStatement:
        return this.statements(node.body, state);
      case T.ExpressionStatement: {
        const r = this.expr(node.expression, state);
        // A promise nobody awaits still runs its callbacks later: analyse them for their own findings.
        if (r.value?.promise && r.state) r.value.promise.settle(r.state);
        return r.state;
      }
      case T.VariableDeclaration: {
        let current: FlowState | null = state;
        for (const d of node.declarations) {
          if (!current) return null;
          if (!d.init) continue;
          const r = this.expr(d.init, current);
          current = r.state;
          this.bindPattern(d.id, r.value);
        }
        return current;
      }
      case T.IfStatement: {
        const r = this.expr(node.test, state);
        if (!r.state) return null;
        let [whenTrue, whenFalse] = this.refine(node.test, r.state);
        const inErrBranch = this.isErrorTest(node.test);
        if (inErrBranch) this.failureDepth++;
        const afterThen = whenTrue ? this.statement(node.consequent, whenTrue) : null;
        if (inErrBranch) this.failureDepth--;
        // `if (failed.length > 0) throw …` over allSettled results: past a branch that
        // leaves, the results were looked at and every write succeeded.
        const settled = this.settledWritesIn(node.test);
        if (settled.length > 0 && whenTrue && afterThen === null && whenFalse) {
          whenFalse = whenFalse.mapWrites(settled, (bits) => (bits & (CONFIRMED | FAILED) ? CONFIRMED : bits));
        }
        const afterElse = node.alternate ? (whenFalse ? this.statement(node.alternate, whenFalse) : null) : whenFalse;
        return join(afterThen, afterElse);
      }
      case T.ReturnStatement: {
        if (node.argument) {
          const r = this.expr(node.argument, state);
          this.emit('return', null, r.state, r.value);
        } else this.emit('return', null, state);
        return null;
      }
      case T.ThrowStatement: {
        const r = this.expr(node.argument, state);
        this.emit('throw', null, r.state);
        return null;
      }
      case T.TryStatement:
        return this.tryStatement(node, state);
      case T.WhileStatement:
      case T.DoWhileStatement:
      case T.ForStatement:
      case T.ForInStatement:
      case T.ForOfStatement:
        return this.loop(node, state, []);
      case T.LabeledStatement:
        return this.labeled(node, state);
      case T.BreakStatement:
        this.emit('break', node.label?.name ?? null, state);
        return null;
      case T.ContinueStatement:
        this.emit('continue', node.label?.name ?? null, state);
        return null;
      case T.SwitchStatement:
        return this.switchStatement(node, state);
      case T.FunctionDeclaration:
      case T.ClassDeclaration:
      case T.TSInterfaceDeclaration:
      case T.TSTypeAliasDeclaration:
      case T.TSEnumDeclaration:
      case T.TSModuleDeclaration:
      case T.TSDeclareFunction:
      case T.ImportDeclaration:
      case T.EmptyStatement:
      case T.DebuggerStatement:
        return state;
      case T.ExportNamedDeclaration:
        return node.declaration ? this.statement(node.declaration, state) : state;
      case T.ExportDefaultDeclaration: {
        const decl = node.declaration;
        if (decl.type === T.FunctionDeclaration || decl.type === T.ClassDeclaration) return state;
        return this.expr(decl as TSESTree.Expression, state).state;
      }
      default:
        return this.children(node, state);
    }
  }

  private tryStatement(node: TSESTree.TryStatement, state: FlowState): FlowState | null {
    const finallyFrame = node.finalizer ? ({ kind: 'finally', pending: [] } as Extract<Frame, { kind: 'finally' }>) : null;
    if (finallyFrame) this.ctx.frames.push(finallyFrame);
    const tryFrame = node.handler ? ({ kind: 'try', catchEntries: [] } as Extract<Frame, { kind: 'try' }>) : null;
    if (tryFrame) this.ctx.frames.push(tryFrame);
    let normal = this.statement(node.block, state);
    if (tryFrame) {
      this.ctx.frames.pop();
      const entry = joinAll(tryFrame.catchEntries);
      if (entry && node.handler) {
        this.bindCatchParam(node.handler);
        this.failureDepth++;
        const afterCatch = this.statement(node.handler.body, entry);
        this.failureDepth--;
        normal = join(normal, afterCatch);
      }
    }
    if (!finallyFrame || !node.finalizer) return normal;
    this.ctx.frames.pop();
    const abrupt = finallyFrame.pending;
    if (abrupt.length > 0) {
      // Once with every path for its own findings (a destroy in `finally` runs after failures too)…
      this.failureDepth++;
      this.statement(node.finalizer, joinAll([normal, ...abrupt.map((p) => p.state)])!);
      this.failureDepth--;
      for (const p of abrupt) this.emit(p.kind, p.label, p.state, p.value);
    }
    // …and once with the normal paths only, for what follows the statement.
    return normal ? this.statement(node.finalizer, normal) : null;
  }

  private bindCatchParam(_handler: TSESTree.CatchClause): void {
    /* the error object carries no write status: a catch entry is already a failure path */
  }

  private loop(node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement, state: FlowState, labels: string[]): FlowState | null {
    if (node.type === T.ForStatement && node.init) {
      const r = node.init.type === T.VariableDeclaration ? this.statement(node.init, state) : this.expr(node.init, state).state;
      if (!r) return null;
      state = r;
    }
    if (node.type === T.ForInStatement || node.type === T.ForOfStatement) {
      const r = this.expr(node.right, state);
      if (!r.state) return null;
      state = r.state;
    }
    const frame: Extract<Frame, { kind: 'loop' }> = { kind: 'loop', labels, breaks: [], continues: [] };
    let head: FlowState | null = state;
    let exits: FlowState | null = null;
    const neverExitsByTest = isConstantTrueTest(node);
    for (let pass = 0; pass < MAX_LOOP_PASSES; pass++) {
      frame.breaks = [];
      frame.continues = [];
      this.ctx.frames.push(frame);
      let bodyEntry: FlowState | null = head;
      let testFalse: FlowState | null = null;
      if (node.type === T.WhileStatement || (node.type === T.ForStatement && node.test)) {
        const test = (node as TSESTree.WhileStatement | TSESTree.ForStatement).test!;
        const r = this.expr(test, head!);
        const [t, f] = r.state ? this.refine(test, r.state) : [null, null];
        bodyEntry = t;
        testFalse = neverExitsByTest ? null : f;
      } else if (node.type === T.ForInStatement || node.type === T.ForOfStatement) {
        testFalse = head; // zero iterations, or the last one finished
      }
      let bodyEnd = bodyEntry ? this.statement(node.body, bodyEntry) : null;
      this.ctx.frames.pop();
      bodyEnd = join(bodyEnd, joinAll(frame.continues));
      if (node.type === T.DoWhileStatement) {
        if (bodyEnd) {
          const r = this.expr(node.test, bodyEnd);
          const [t, f] = r.state ? this.refine(node.test, r.state) : [null, null];
          testFalse = neverExitsByTest ? null : f;
          bodyEnd = t;
        }
      } else if (node.type === T.ForStatement && node.update && bodyEnd) {
        bodyEnd = this.expr(node.update, bodyEnd).state;
      }
      if (node.type === T.ForInStatement || node.type === T.ForOfStatement) testFalse = join(testFalse, bodyEnd);
      exits = join(testFalse, joinAll(frame.breaks));
      const nextHead = join(head, bodyEnd);
      if (sameState(nextHead, head)) break;
      head = nextHead;
    }
    return exits;
  }

  private labeled(node: TSESTree.LabeledStatement, state: FlowState): FlowState | null {
    const labels = [node.label.name];
    let body: TSESTree.Node = node.body;
    while (body.type === T.LabeledStatement) {
      labels.push(body.label.name);
      body = body.body;
    }
    if (isLoop(body)) return this.loop(body, state, labels);
    const frame: Extract<Frame, { kind: 'label' }> = { kind: 'label', label: labels[0], breaks: [] };
    this.ctx.frames.push(frame);
    const end = this.statement(body, state);
    this.ctx.frames.pop();
    return join(end, joinAll(frame.breaks));
  }

  private switchStatement(node: TSESTree.SwitchStatement, state: FlowState): FlowState | null {
    const r = this.expr(node.discriminant, state);
    if (!r.state) return null;
    const frame: Extract<Frame, { kind: 'switch' }> = { kind: 'switch', breaks: [] };
    this.ctx.frames.push(frame);
    let fallthrough: FlowState | null = null;
    let hasDefault = false;
    const statusOf = this.switchedResponse(node.discriminant);
    for (const c of node.cases) {
      if (!c.test) hasDefault = true;
      let matched: FlowState | null = r.state;
      // `switch (res.status) { case 200: … }`: inside a case the status is known.
      if (statusOf !== undefined && c.test?.type === T.Literal && typeof c.test.value === 'number' && matched && matched.status(statusOf) & (UNCHECKED | CONFIRMED | FAILED)) {
        const value = c.test.value;
        matched = matched.with(statusOf, (value >= 200 && value < 300) || value === 409 ? CONFIRMED : FAILED);
      }
      let entry = join(matched, fallthrough);
      if (c.test) entry = entry ? this.expr(c.test, entry).state : null;
      fallthrough = this.statements(c.consequent, entry);
    }
    this.ctx.frames.pop();
    return joinAll([fallthrough, ...frame.breaks, hasDefault ? null : r.state]);
  }

  private switchedResponse(discriminant: TSESTree.Node): number | undefined {
    if (discriminant.type !== T.MemberExpression) return undefined;
    const prop = propertyName(discriminant);
    if (prop !== 'status' && prop !== 'statusCode') return undefined;
    return this.responseIdOf(discriminant.object);
  }

  private children(node: TSESTree.Node, state: FlowState | null): FlowState | null {
    for (const child of childNodes(node)) {
      if (!state) return null;
      if (isFunction(child)) continue;
      state = isStatementLike(child) ? this.statement(child, state) : this.expr(child as TSESTree.Expression, state).state;
    }
    return state;
  }

  // ---------------------------------------------------------------- expressions

  private expr(node: TSESTree.Node, state: FlowState): { state: FlowState | null; value?: Value } {
    if (++this.work > this.workBudget) return { state };
    switch (node.type) {
      case T.AwaitExpression:
        return this.awaitExpr(node, state);
      case T.CallExpression:
        return this.call(node, state);
      case T.NewExpression:
        return this.newExpr(node, state);
      case T.ChainExpression:
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
      case T.TSInstantiationExpression:
        return this.expr(node.expression, state);
      case T.Identifier: {
        const variable = this.binder.variableOf(node);
        const promise = variable ? this.promiseOf.get(variable) : undefined;
        const response = variable ? this.responseOf.get(variable) : undefined;
        const settledWrites = variable ? this.settledOf.get(variable) : undefined;
        return { state, value: promise || response !== undefined || settledWrites ? { promise, response, settledWrites } : undefined };
      }
      case T.ArrayExpression: {
        const promises: PromiseValue[] = [];
        let s: FlowState | null = state;
        for (const el of node.elements) {
          if (!el || !s) continue;
          const r = this.expr(el.type === T.SpreadElement ? el.argument : el, s);
          s = r.state;
          if (r.value?.promise) promises.push(r.value.promise);
          if (r.value?.promises) promises.push(...r.value.promises);
        }
        return { state: s, value: promises.length > 0 ? { promises } : undefined };
      }
      case T.ConditionalExpression: {
        const t = this.expr(node.test, state);
        if (!t.state) return { state: null };
        const [whenTrue, whenFalse] = this.refine(node.test, t.state);
        const a = whenTrue ? this.expr(node.consequent, whenTrue) : { state: null };
        const b = whenFalse ? this.expr(node.alternate, whenFalse) : { state: null };
        return { state: join(a.state, b.state), value: a.value ?? b.value };
      }
      case T.LogicalExpression: {
        const left = this.expr(node.left, state);
        if (!left.state) return { state: null };
        const [whenTrue, whenFalse] = this.refine(node.left, left.state);
        const evaluateRight = node.operator === '&&' ? whenTrue : node.operator === '||' ? whenFalse : left.state;
        const right = evaluateRight ? this.expr(node.right, evaluateRight) : { state: null };
        const shortCircuit = node.operator === '&&' ? whenFalse : node.operator === '||' ? whenTrue : left.state;
        return { state: join(shortCircuit, right.state), value: right.value ?? left.value };
      }
      case T.SequenceExpression: {
        let s: FlowState | null = state;
        let value: Value | undefined;
        for (const e of node.expressions) {
          if (!s) return { state: null };
          const r = this.expr(e, s);
          s = r.state;
          value = r.value;
        }
        return { state: s, value };
      }
      case T.AssignmentExpression: {
        const r = this.expr(node.right, state);
        if (node.left.type === T.Identifier) this.bindPattern(node.left, r.value);
        else if (r.state && node.left.type === T.MemberExpression) return { state: this.expr(node.left.object, r.state).state, value: r.value };
        return r;
      }
      case T.ArrowFunctionExpression:
      case T.FunctionExpression:
      case T.ClassExpression:
        return { state };
      case T.JSXElement:
      case T.JSXFragment:
        return { state: this.children(node, state) };
      default:
        return { state: this.children(node, state) };
    }
  }

  private awaitExpr(node: TSESTree.AwaitExpression, state: FlowState): { state: FlowState | null; value?: Value } {
    const r = this.expr(node.argument, state);
    if (!r.state) return r;
    let promise = r.value?.promise;
    if (!promise && r.value?.promises) promise = allOf(r.value.promises);
    if (!promise) return { state: r.state, value: r.value };
    const settled = promise.settle(r.state);
    this.emit('throw', null, settled.rejected);
    const value = settled.value ?? (r.value?.response !== undefined ? { response: r.value.response } : undefined);
    if (value?.response !== undefined) this.nodeResponse.set(node, value.response);
    return { state: settled.fulfilled, value };
  }

  private newExpr(node: TSESTree.NewExpression, state: FlowState): { state: FlowState | null; value?: Value } {
    const executor = node.arguments[0];
    if (node.callee.type === T.Identifier && node.callee.name === 'Promise' && isFunction(executor)) {
      // `new Promise((resolve, reject) => copy(a, b, (err) => err ? reject(err) : resolve()))`:
      // the executor runs now; the promise fulfils in the states where `resolve` is called.
      const resolved: FlowState[] = [];
      const rejected: FlowState[] = [];
      const [resolveParam, rejectParam] = executor.params;
      if (resolveParam?.type === T.Identifier) this.resolvers.set(this.binder.variableOf(resolveParam), resolved);
      if (rejectParam?.type === T.Identifier) this.resolvers.set(this.binder.variableOf(rejectParam), rejected);
      const outcome = this.analyzeInline(executor, state);
      const fulfilled = joinAll(resolved as Array<FlowState | null>);
      const failed = join(joinAll(rejected as Array<FlowState | null>), outcome.thrown);
      // An executor that never names `resolve` (`(_, reject) => setTimeout(reject, ms)`) can
      // never fulfil; one that hands `resolve` on is judged by its end state.
      const neverFulfils = !resolveParam || (resolveParam.type === T.Identifier && (this.binder.variableOf(resolveParam)?.references.length ?? 0) === 0);
      const promise: PromiseValue = { settle: (at) => ({ fulfilled: neverFulfils ? null : fulfilled ?? at, rejected: failed ?? at }), neverFulfils };
      return { state, value: { promise } };
    }
    let s: FlowState | null = state;
    for (const arg of node.arguments) {
      if (!s) return { state: null };
      if (isFunction(arg)) {
        this.analyzeInline(arg, s);
        continue;
      }
      s = this.expr(arg, s).state;
    }
    const effects = this.classifyNew(node);
    if (effects.length > 0) this.callEffects.set(node, effects);
    return { state: s };
  }

  private classifyNew(node: TSESTree.NewExpression): CallEffect[] {
    const byVocabulary = classifyByVocabulary(node, this.binder);
    return byVocabulary ? [byVocabulary.effect] : [];
  }

  /** `resolve`/`reject` parameters of `new Promise` executors → the states they are called in. */
  private readonly resolvers = new Map<unknown, Array<FlowState | null>>();

  private call(node: TSESTree.CallExpression, state: FlowState): { state: FlowState | null; value?: Value } {
    const callee = node.callee;
    let receiverDone = false;
    // Promise chains.
    if (callee.type === T.MemberExpression) {
      const method = propertyName(callee);
      if (method === 'then' || method === 'catch' || method === 'finally') {
        const receiver = this.expr(callee.object, state);
        if (!receiver.state) return receiver;
        // Anything with `.then` is a promise; an untracked one settles without news about writes.
        const base = receiver.value?.promise ?? (receiver.value?.promises ? allOf(receiver.value.promises) : passthrough());
        return { state: receiver.state, value: { promise: this.chain(base, method, node) } };
      }
      if (callee.object.type === T.Identifier && callee.object.name === 'Promise' && this.binder.isGlobalReference(callee.object)) {
        const combinator = propertyName(callee);
        if (combinator === 'all' || combinator === 'allSettled' || combinator === 'race' || combinator === 'any') {
          const arg = node.arguments[0];
          const r = arg ? this.expr(arg, state) : { state };
          const promises = r.value?.promises ?? (r.value?.promise ? [r.value.promise] : []);
          const combined = combinator === 'all' ? allOf(promises) : combinator === 'allSettled' ? settledOf(promises) : raceOf(promises);
          return { state: r.state, value: { promise: combined } };
        }
        if (combinator === 'resolve' || combinator === 'reject') {
          const arg = node.arguments[0];
          return arg ? this.expr(arg, state) : { state };
        }
      }
    }

    // Evaluate the receiver and the non-function arguments, in order.
    let s: FlowState | null = state;
    let receiverValue: Value | undefined;
    if (callee.type === T.Identifier) {
      const resolver = this.resolvers.get(this.binder.variableOf(callee));
      if (resolver) resolver.push(s);
    }
    if (receiverDone) {
      /* evaluated above */
    } else if (callee.type === T.MemberExpression) {
      const r = this.expr(callee.object, s);
      s = r.state;
      receiverValue = r.value;
    }
    else if (!isFunction(callee)) s = this.expr(callee, s).state;
    const functionArgs: FunctionNode[] = [];
    const argValues: Array<Value | undefined> = [];
    for (const arg of node.arguments) {
      if (!s) return { state: null };
      if (isFunction(arg)) {
        functionArgs.push(arg);
        argValues.push(undefined);
        continue;
      }
      const r = this.expr(arg.type === T.SpreadElement ? arg.argument : arg, s);
      s = r.state;
      argValues.push(r.value);
    }
    if (!s) return { state: null };
    s = this.checkedByHelper(node, argValues, s);

    // An immediately invoked function runs now.
    if (isFunction(callee)) {
      const outcome = this.analyzeInline(callee, s);
      this.emit('throw', null, outcome.thrown);
      return { state: outcome.exit, value: outcome.returned };
    }

    const effects = this.classify(node);
    if (effects.length > 0) this.callEffects.set(node, effects);
    const local = effects.length === 0 ? this.binder.localFunction(callee) : null;
    if (effects.length === 0 && !local) {
      // `event.waitUntil(upload())`, `queue.add(save())`: the promise is someone else's to
      // watch now; whether they wait for it is unknown, so stop judging it here.
      for (const v of argValues) if (v?.writeId !== undefined && s.status(v.writeId) & FLOATING) s = s.with(v.writeId, ABSENT);
    }
    // Any call may throw before its effects: that state reaches an enclosing catch.
    this.emit('throw', null, s);

    let value: Value | undefined;
    for (const effect of effects) {
      if (!s) break;
      if (effect.class === 'destroy') {
        // A project function that uploads and then deletes was judged inside: its deletion
        // concerns the data of its own upload, not whatever else the caller sent.
        const selfContained = effect.source === 'summary' && effects.some((e) => e.class === 'remoteWrite');
        if (!selfContained) s = this.destroy(node, effect, s);
        if (effect.completion === 'promise') value = { promise: passthrough() };
      } else if (effect.class === 'remoteWrite') {
        const r = this.remoteWrite(node, effect, s, functionArgs);
        s = r.state;
        value = r.value;
      } else if (effect.class === 'localWrite' && (effect.completion === 'promise' || effect.completion === 'unknown')) {
        value = value ?? { promise: passthrough() };
      }
    }
    if (effects.some((e) => e.completion === 'callback')) return { state: s, value };

    // Callbacks given to other calls.
    for (const fn of functionArgs) {
      if (!s) break;
      const method = callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (method && SYNC_CALLBACK_METHODS.has(method)) {
        s = this.analyzeInline(fn, s).exit ?? s;
      } else if (method && INLINE_ITERATORS.has(method)) {
        const outcome = this.analyzeInline(fn, s);
        if (method === 'forEach' && fn.async) {
          // forEach drops the async callback's promise: its writes are still running afterwards.
          s = s.mapWrites(this.writeIdsInside(fn), (bits) => (bits & ~ABSENT) !== 0 ? FLOATING : bits);
        } else if (method === 'map' || method === 'flatMap') {
          value = { promises: [this.functionPromise(fn)] };
        } else if (!fn.async) s = join(s, outcome.exit);
      } else if (isDirectlyAwaited(node) && !value) {
        // `await withRetry(() => upload())`, `await db.transaction('rw', …, async () => …)`: assume the helper runs the callback and passes its outcome on.
        value = { promise: this.functionPromise(fn) };
      } else {
        // Event handlers, timers, subscriptions: they run later, but not before this point.
        this.analyzeInline(fn, s);
      }
    }
    if (!value && local) {
      // The function's own returned promise, when it has one we understand (a timeout that
      // never fulfils, say); otherwise an opaque one.
      // States captured inside another function mean nothing here; only "it never fulfils" carries over.
      const returned = this.freshOutcomes.get(local)?.returned;
      if (returned?.promise?.neverFulfils) value = { promise: { settle: (at) => ({ fulfilled: null, rejected: at }), neverFulfils: true } };
      else if (local.async || returned?.promise || this.summaryOf(local)?.returnsPromise) value = { promise: passthrough() };
    }
    if (!value && receiverValue?.settledWrites) value = { settledWrites: receiverValue.settledWrites };
    return { state: s, value };
  }

  private classify(node: TSESTree.CallExpression): CallEffect[] {
    const existing = this.callEffects.get(node);
    if (existing) return existing;
    const byVocabulary = classifyByVocabulary(node, this.binder);
    if (byVocabulary) return [byVocabulary.effect];
    const local = this.binder.localFunction(node.callee);
    if (local) return effectsOfSummary(this.summaryOf(local), functionName(local) ?? 'function', undefined);
    const external = this.binder.externalFunction(node.callee);
    if (external) {
      const summary = external.module === null ? this.summaryOf(external.fn) : this.binder.project!.summaryOf(external);
      return effectsOfSummary(summary, external.name, external.module?.file);
    }
    const byName = classifyByName(node, this.binder);
    return byName ? [byName] : [];
  }

  private destroy(node: TSESTree.CallExpression | TSESTree.NewExpression, effect: CallEffect, state: FlowState, selfCovered = false): FlowState {
    if (effect.disposable) return state;
    if (effect.serverScope && !this.hasAnyWrite(state)) return state;
    let id = this.destroyIds.get(node);
    if (id === undefined) {
      id = this.destroys.length;
      this.destroyIds.set(node, id);
      this.destroys.push({ node, effect });
    }
    let fact = this.destroyFacts.get(node);
    if (!fact) {
      fact = { call: node, effect, unconfirmed: [], onFailurePath: this.failureDepth > 0 };
      this.destroyFacts.set(node, fact);
    }
    let covered = false;
    for (const [writeId, bits] of state.writes) {
      const write = this.writes[writeId];
      if (write.node === node) continue;
      // A local copy backs up its source only: deleting anything else (its destination
      // after a failed copy, say) is not a move.
      if (write.effect.localCopy && !sameTarget(node, write.node)) continue;
      if (bits & BAD) {
        const reason: UnconfirmedReason = bits & FAILED ? (this.failureDepth > 0 ? 'failurePath' : 'swallowed') : bits & UNCHECKED ? 'unchecked' : 'floating';
        addUnconfirmed(fact, write, reason);
      } else if (bits & CONFIRMED) covered = true;
    }
    if (!covered && !selfCovered && !effect.serverScope) return state.withUncovered(id);
    return state;
  }

  private hasAnyWrite(state: FlowState): boolean {
    for (const bits of state.writes.values()) if (bits & ~ABSENT) return true;
    return false;
  }

  private remoteWrite(node: TSESTree.CallExpression, effect: CallEffect, state: FlowState, callbacks: FunctionNode[]): { state: FlowState | null; value?: Value } {
    if (effect.notBackup) return { state, value: effect.completion === 'promise' || isDirectlyAwaited(node) ? { promise: passthrough() } : undefined };
    const id = this.writeIdOf(node, effect);
    // A destroy that ran with nothing confirmed, followed by an upload: it destroyed first.
    // A name is too weak to say a deletion came before "the" backup: only known uploads count.
    if (!effect.serverScope && !effect.localCopy && effect.source !== 'name' && state.uncoveredDestroys.size > 0) {
      for (const d of state.uncoveredDestroys) {
        const destroy = this.destroys[d];
        const fact = this.destroyFacts.get(destroy.node);
        if (fact) addUnconfirmed(fact, this.writes[id], 'precedes');
      }
      state = new FlowState(state.writes, new Set());
    }
    switch (effect.completion) {
      case 'sync':
      case 'queued':
        this.emit('throw', null, state.with(id, FAILED));
        return { state: state.with(id, effect.outcome === 'swallows' ? CONFIRMED | FAILED : effect.outcome === 'floatsInside' ? FLOATING : effect.outcome === 'needsStatusCheck' ? UNCHECKED : CONFIRMED) };
      case 'callback': {
        const cb = callbacks[callbacks.length - 1];
        if (cb) {
          const errParam = cb.params[0];
          if (errParam && errParam.type === T.Identifier) this.errorOf.set(this.binder.variableOf(errParam), id);
          this.analyzeInline(cb, state.with(id, CONFIRMED | FAILED));
        }
        return { state: state.with(id, FLOATING) };
      }
      case 'unknown':
        // Named like an upload but of unknown shape: only an `await` tells us it completed.
        return { state, value: isDirectlyAwaited(node) ? { promise: this.writePromise(id, effect), response: undefined } : undefined };
      case 'request':
      case 'promise':
      default:
        return { state: state.with(id, FLOATING), value: { promise: this.writePromise(id, effect), response: effect.outcome === 'needsStatusCheck' ? id : undefined, writeId: id } };
    }
  }

  private writeIdOf(node: TSESTree.CallExpression | TSESTree.NewExpression, effect: CallEffect): number {
    let id = this.writeIds.get(node);
    if (id === undefined) {
      id = this.writes.length;
      this.writeIds.set(node, id);
      this.writes.push({ node, effect });
    }
    return id;
  }

  private writePromise(id: number, effect: CallEffect): PromiseValue {
    const fulfilledBits =
      effect.outcome === 'needsStatusCheck' ? UNCHECKED : effect.outcome === 'swallows' ? CONFIRMED | FAILED : effect.outcome === 'floatsInside' ? FLOATING : CONFIRMED;
    return {
      settle: (s) => ({
        fulfilled: s.with(id, fulfilledBits),
        rejected: s.with(id, FAILED),
        value: effect.outcome === 'needsStatusCheck' ? { response: id } : undefined,
      }),
    };
  }

  private writeIdsInside(fn: FunctionNode): number[] {
    const ids: number[] = [];
    for (const [node, id] of this.writeIds) if (node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1]) ids.push(id);
    return ids;
  }

  /** The promise a callback returns when called with the state at the time it is awaited. */
  private functionPromise(fn: FunctionNode): PromiseValue {
    return {
      settle: (s) => {
        const outcome = this.analyzeInline(fn, s);
        return { fulfilled: outcome.exit, rejected: outcome.thrown, value: outcome.returned };
      },
    };
  }

  private analyzeInline(fn: FunctionNode, entry: FlowState): FunctionOutcome {
    return this.analyzeRoot(fn, entry);
  }

  /** `.then(ok, err)`, `.catch(h)`, `.finally(h)` on a promise we track. */
  private chain(base: PromiseValue, method: 'then' | 'catch' | 'finally', node: TSESTree.CallExpression): PromiseValue {
    const [first, second] = node.arguments;
    const run = (handler: TSESTree.Node | undefined, entry: FlowState | null, onFailure: boolean, param: 'response' | 'none', settledValue?: Value): Settled | null => {
      if (!entry || !handler) return null;
      if (!isFunction(handler)) {
        // `.then(checkStatus)`: a function given the response is its check, as when called with it.
        if (param === 'response' && settledValue?.response !== undefined && entry.status(settledValue.response) & UNCHECKED) {
          return { fulfilled: entry.with(settledValue.response, CONFIRMED), rejected: entry.with(settledValue.response, FAILED) };
        }
        return { fulfilled: entry, rejected: null };
      }
      const p = handler.params[0];
      if (param === 'response' && p && p.type === T.Identifier && settledValue?.response !== undefined) {
        this.responseOf.set(this.binder.variableOf(p), settledValue.response);
      }
      if (onFailure) this.failureDepth++;
      const outcome = this.analyzeInline(handler, entry);
      if (onFailure) this.failureDepth--;
      return { fulfilled: outcome.exit, rejected: outcome.thrown, value: outcome.returned };
    };
    return {
      settle: (s) => {
        const b = base.settle(s);
        if (method === 'then') {
          const ok = first && !(first.type === T.Literal) ? run(first, b.fulfilled, false, 'response', b.value) : { fulfilled: b.fulfilled, rejected: null, value: b.value };
          const err = second ? run(second, b.rejected, true, 'none') : null;
          return {
            fulfilled: join(ok?.fulfilled ?? null, err?.fulfilled ?? null),
            rejected: second ? join(ok?.rejected ?? null, err?.rejected ?? null) : join(b.rejected, ok?.rejected ?? null),
            value: ok?.value,
          };
        }
        if (method === 'catch') {
          const handled = run(first, b.rejected, true, 'none');
          return { fulfilled: join(b.fulfilled, handled ? handled.fulfilled : null), rejected: first ? handled?.rejected ?? null : b.rejected, value: b.value };
        }
        // finally: runs on both paths; the original outcome passes through.
        this.failureDepth++;
        run(first, join(b.fulfilled, b.rejected), false, 'none');
        this.failureDepth--;
        return { fulfilled: b.fulfilled, rejected: b.rejected, value: b.value };
      },
    };
  }

  /** `await checkStatus(res)` / `assertOk(res)`: a helper given the response is its check. */
  private checkedByHelper(node: TSESTree.CallExpression, args: Array<Value | undefined>, state: FlowState): FlowState {
    const callee = node.callee;
    if (callee.type === T.MemberExpression) {
      const object = callee.object;
      if (object.type === T.Identifier && (object.name === 'console' || this.responseVariable(object) !== undefined)) return state;
    }
    for (const v of args) if (v?.response !== undefined && state.status(v.response) & UNCHECKED) state = state.with(v.response, CONFIRMED);
    // `assert(res.ok)`, `invariant(res.ok, …)`
    const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
    if (name && /^(assert|invariant|ok|strictEqual|equal)$/.test(name) && node.arguments[0]) {
      const [whenTrue, whenFalse] = this.refine(node.arguments[0], state);
      this.emit('throw', null, whenFalse);
      return whenTrue ?? state;
    }
    return state;
  }

  private responseVariable(id: TSESTree.Identifier): number | undefined {
    return this.responseOf.get(this.binder.variableOf(id));
  }

  private bindPattern(pattern: TSESTree.Node, value: Value | undefined): void {
    if (!value) return;
    if (pattern.type === T.Identifier) {
      const variable = this.binder.variableOf(pattern);
      if (!variable) return;
      if (value.settledWrites) this.settledOf.set(variable, value.settledWrites);
      if (value.promise) this.promiseOf.set(variable, value.promise);
      else if (value.promises) this.promiseOf.set(variable, allOf(value.promises));
      if (value.response !== undefined) this.responseOf.set(variable, value.response);
      return;
    }
    // `const { ok, status } = await fetch(...)`
    if (pattern.type === T.ObjectPattern && value.response !== undefined) {
      for (const p of pattern.properties) {
        if (p.type !== T.Property || p.computed || p.key.type !== T.Identifier) continue;
        if ((p.key.name === 'ok' || p.key.name === 'status') && p.value.type === T.Identifier) {
          this.responseOf.set(this.binder.variableOf(p.value), value.response);
          this.okFlags.add(this.binder.variableOf(p.value));
        }
      }
    }
  }

  private readonly okFlags = new Set<unknown>();
  /** Variable → the writes whose `Promise.allSettled` results it holds (or filters). */
  private readonly settledOf = new Map<unknown, number[]>();

  // ---------------------------------------------------------------- conditions

  /** Splits a state by a condition: [state where it is true, state where it is false]. */
  private refine(test: TSESTree.Node, state: FlowState): [FlowState | null, FlowState | null] {
    switch (test.type) {
      case T.UnaryExpression:
        if (test.operator === '!') {
          const [t, f] = this.refine(test.argument, state);
          return [f, t];
        }
        break;
      case T.LogicalExpression: {
        const [lt, lf] = this.refine(test.left, state);
        if (test.operator === '&&') {
          const [rt, rf] = lt ? this.refine(test.right, lt) : [null, null];
          return [rt, join(lf, rf)];
        }
        if (test.operator === '||') {
          const [rt, rf] = lf ? this.refine(test.right, lf) : [null, null];
          return [join(lt, rt), rf];
        }
        break;
      }
      case T.ChainExpression:
      case T.TSNonNullExpression:
      case T.TSAsExpression:
        return this.refine(test.expression, state);
    }
    const check = this.statusCheck(test);
    if (!check) return [state, state];
    const current = state.status(check.id);
    if (!(current & (UNCHECKED | CONFIRMED | FAILED))) return [state, state];
    const apply = (bits: number | null) => (bits === null ? state : state.with(check.id, bits));
    return [apply(check.whenTrue), apply(check.whenFalse)];
  }

  private settledWritesIn(test: TSESTree.Node): number[] {
    const ids: number[] = [];
    const stack: TSESTree.Node[] = [test];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === T.Identifier) {
        const bound = this.settledOf.get(this.binder.variableOf(node));
        if (bound) ids.push(...bound);
        continue;
      }
      for (const child of childNodes(node)) if (!isFunction(child)) stack.push(child);
    }
    return ids;
  }

  private isErrorTest(test: TSESTree.Node): boolean {
    const inner = test.type === T.UnaryExpression ? null : test;
    if (!inner) return false;
    const check = this.statusCheck(inner);
    return !!check && check.whenTrue === FAILED;
  }

  /** An atomic test on a response's status or a callback's error. */
  private statusCheck(test: TSESTree.Node): { id: number; whenTrue: number | null; whenFalse: number | null } | null {
    if (test.type === T.Identifier) {
      const variable = this.binder.variableOf(test);
      const err = this.errorOf.get(variable);
      if (err !== undefined) return { id: err, whenTrue: FAILED, whenFalse: CONFIRMED };
      if (this.okFlags.has(variable)) {
        const id = this.responseOf.get(variable)!;
        return { id, whenTrue: CONFIRMED, whenFalse: FAILED };
      }
      return null;
    }
    if (test.type === T.MemberExpression) {
      const id = this.responseIdOf(test.object);
      if (id === undefined) return null;
      const prop = propertyName(test);
      if (prop === 'ok') return { id, whenTrue: CONFIRMED, whenFalse: FAILED };
      return null;
    }
    if (test.type === T.BinaryExpression) {
      const [subject, literal, flipped] =
        test.right.type === T.Literal ? [test.left, test.right, false] : test.left.type === T.Literal ? [test.right, test.left, true] : [null, null, false];
      if (!subject || !literal || subject.type !== T.MemberExpression) return null;
      const id = this.responseIdOf(subject.object);
      if (id === undefined) return null;
      const prop = propertyName(subject);
      const op = flipped ? flipOperator(test.operator) : test.operator;
      if (prop === 'ok' && typeof literal.value === 'boolean') {
        const positive = (op === '===' || op === '==') === literal.value;
        return positive ? { id, whenTrue: CONFIRMED, whenFalse: FAILED } : { id, whenTrue: FAILED, whenFalse: CONFIRMED };
      }
      if ((prop === 'status' || prop === 'statusCode') && typeof literal.value === 'number') {
        return statusComparison(id, op, literal.value);
      }
    }
    return null;
  }

  private responseIdOf(node: TSESTree.Node): number | undefined {
    if (node.type === T.Identifier) return this.responseVariable(node);
    const inner = node.type === T.ChainExpression || node.type === T.TSNonNullExpression ? node.expression : node;
    return this.nodeResponse.get(inner);
  }
}

function statusComparison(id: number, op: string, value: number): { id: number; whenTrue: number | null; whenFalse: number | null } | null {
  // 409 Conflict from an idempotent upload means the server already has the data.
  const success = (value >= 200 && value < 300) || value === 409;
  switch (op) {
    case '===':
    case '==':
      return success ? { id, whenTrue: CONFIRMED, whenFalse: FAILED } : { id, whenTrue: FAILED, whenFalse: null };
    case '!==':
    case '!=':
      return success ? { id, whenTrue: FAILED, whenFalse: CONFIRMED } : { id, whenTrue: null, whenFalse: FAILED };
    case '>=':
      return value >= 300 ? { id, whenTrue: FAILED, whenFalse: CONFIRMED } : null;
    case '>':
      return value >= 299 ? { id, whenTrue: FAILED, whenFalse: CONFIRMED } : null;
    case '<':
      return value <= 400 && value > 200 ? { id, whenTrue: CONFIRMED, whenFalse: FAILED } : null;
    case '<=':
      return value < 400 && value >= 200 ? { id, whenTrue: CONFIRMED, whenFalse: FAILED } : null;
    default:
      return null;
  }
}

function flipOperator(op: string): string {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}

/** `unlink(src)` after `copyFile(src, dest)`: the same first argument, by text. */
function sameTarget(destroy: TSESTree.CallExpression | TSESTree.NewExpression, copy: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const a = destroy.arguments[0];
  const b = copy.arguments[0];
  return !!a && !!b && sameExpression(a, b);
}

function sameExpression(a: TSESTree.Node, b: TSESTree.Node): boolean {
  if (a.type !== b.type) return false;
  if (a.type === T.Identifier && b.type === T.Identifier) return a.name === b.name;
  if (a.type === T.Literal && b.type === T.Literal) return a.value === b.value;
  if (a.type === T.MemberExpression && b.type === T.MemberExpression) {
    return propertyName(a) === propertyName(b) && sameExpression(a.object, b.object);
  }
  if (a.type === T.ThisExpression) return true;
  if (a.type === T.CallExpression && b.type === T.CallExpression) {
    return sameExpression(a.callee, b.callee) && a.arguments.length === b.arguments.length && a.arguments.every((arg, i) => sameExpression(arg, b.arguments[i]));
  }
  if (a.type === T.TemplateLiteral && b.type === T.TemplateLiteral) {
    return a.quasis.length === b.quasis.length && a.quasis.every((q, i) => q.value.raw === b.quasis[i].value.raw) && a.expressions.every((e, i) => sameExpression(e, b.expressions[i]));
  }
  if (a.type === T.BinaryExpression && b.type === T.BinaryExpression) {
    return a.operator === b.operator && sameExpression(a.left, b.left) && sameExpression(a.right, b.right);
  }
  return false;
}

/**
 * A summarised function as its callers see it. Its own order was judged inside it, so
 * its write counts first: its own deletion is not taken for one that precedes it.
 */
function effectsOfSummary(summary: FunctionSummary | null, name: string, filePath: string | undefined): CallEffect[] {
  if (!summary) return [];
  const withFile = (e: CallEffect): CallEffect => (filePath && e.because ? { ...e, because: { ...e.because, filePath } } : e);
  const effects: CallEffect[] = [];
  const neverRejects = summary.neverRejects ? { neverRejects: true } : {};
  if (summary.write) effects.push(withFile({ ...summary.write, api: name, ...neverRejects }));
  if (summary.destroy) effects.push(withFile({ ...summary.destroy, api: name }));
  if (!summary.write && !summary.destroy && summary.localWrite) {
    effects.push({ class: 'localWrite', completion: summary.returnsPromise ? 'promise' : 'sync', outcome: 'rejects', api: name, noun: 'save', source: 'summary', ...neverRejects });
  }
  return effects;
}

/** The call sits in a `try` whose `catch` does not throw again (within `fn`). */
function failureContained(call: TSESTree.Node, fn: FunctionNode): boolean {
  let current: TSESTree.Node = call;
  while (current.parent && current !== fn) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === T.TryStatement && parent.block === current && parent.handler && !containsThrow(parent.handler.body)) return true;
    current = parent;
  }
  return false;
}

function throwsOutsideTry(fn: FunctionNode): boolean {
  const stack: TSESTree.Node[] = fn.body ? [fn.body] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === T.ThrowStatement) return true;
    if (node.type === T.TryStatement) continue;
    for (const child of childNodes(node)) if (!isFunction(child)) stack.push(child);
  }
  return false;
}

function containsThrow(node: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === T.ThrowStatement) return true;
    for (const child of childNodes(current)) if (!isFunction(child)) stack.push(child);
  }
  return false;
}

function writtenBefore(calls: TSESTree.Node[], at: TSESTree.Node, effects: ReadonlyMap<TSESTree.Node, CallEffect[]>): boolean {
  return calls.some((c) => c.range[1] <= at.range[0] && (effects.get(c) ?? []).some((e) => e.class === 'localWrite' || e.class === 'remoteWrite'));
}

function rank(bits: number): number {
  return bits & FLOATING ? 3 : bits & FAILED ? 2 : bits & UNCHECKED ? 1 : 0;
}

function addUnconfirmed(fact: DestroyFact, write: WriteRecord, reason: UnconfirmedReason): void {
  if (fact.unconfirmed.some((u) => u.write === write.node && u.reason === reason)) return;
  fact.unconfirmed.push({ write: write.node, effect: write.effect, reason });
}

/** A promise that settles without changing any write's status (a local write, a destroy). */
function passthrough(): PromiseValue {
  return { settle: (s) => ({ fulfilled: s, rejected: s }) };
}

function allOf(promises: PromiseValue[]): PromiseValue {
  return {
    settle: (s) => {
      let fulfilled: FlowState | null = s;
      let rejected: FlowState | null = null;
      for (const p of promises) {
        if (!fulfilled) break;
        const r = p.settle(fulfilled);
        rejected = join(rejected, r.rejected);
        fulfilled = r.fulfilled;
      }
      return { fulfilled, rejected };
    },
  };
}

/** allSettled: resolves whether or not each write succeeded; its results tell which. */
function settledOf(promises: PromiseValue[]): PromiseValue {
  return {
    settle: (s) => {
      let state: FlowState | null = s;
      for (const p of promises) {
        if (!state) break;
        const r = p.settle(state);
        state = join(r.fulfilled, r.rejected);
      }
      const changed: number[] = [];
      if (state) for (const [id, bits] of state.writes) if (bits !== s.status(id)) changed.push(id);
      return { fulfilled: state, rejected: null, value: { settledWrites: changed } };
    },
  };
}

/**
 * race/any: fulfils as soon as one element does, with the others still running. An
 * element that can never fulfil (a timeout that only rejects) cannot win.
 */
function raceOf(promises: PromiseValue[]): PromiseValue {
  return {
    settle: (s) => {
      let fulfilled: FlowState | null = null;
      let rejected: FlowState | null = null;
      for (const p of promises) {
        const r = p.settle(s);
        fulfilled = join(fulfilled, r.fulfilled);
        rejected = join(rejected, r.rejected);
      }
      return { fulfilled, rejected };
    },
  };
}

function nonNull<V>(v: V | null): V[] {
  return v === null ? [] : [v];
}

export function isFunction(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return !!node && (node.type === T.ArrowFunctionExpression || node.type === T.FunctionExpression || node.type === T.FunctionDeclaration);
}

function isLoop(node: TSESTree.Node): node is TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement {
  return node.type === T.WhileStatement || node.type === T.DoWhileStatement || node.type === T.ForStatement || node.type === T.ForInStatement || node.type === T.ForOfStatement;
}

function isConstantTrueTest(node: TSESTree.Node): boolean {
  if (node.type === T.ForStatement) return !node.test || (node.test.type === T.Literal && !!node.test.value);
  if (node.type === T.WhileStatement || node.type === T.DoWhileStatement) {
    return node.test.type === T.Literal && !!node.test.value;
  }
  return false;
}

function isStatementLike(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration') || node.type === T.SwitchCase || node.type === T.CatchClause;
}

/**
 * `node` seen through the wrappers that do not change its value (`?.` chains, `as`,
 * `!`): the expression whose parent decides what happens to it.
 */
export function throughValueWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && (current.parent.type === T.ChainExpression || current.parent.type === T.TSAsExpression || current.parent.type === T.TSNonNullExpression)) {
    current = current.parent;
  }
  return current;
}

export function isDirectlyAwaited(node: TSESTree.Node): boolean {
  const current = throughValueWrappers(node);
  const parent = current.parent;
  return !!parent && (parent.type === T.AwaitExpression || parent.type === T.ReturnStatement || (parent.type === T.ArrowFunctionExpression && parent.body === current));
}

/** A node's children in source order (visitor keys: no `parent`, no positions). */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const keys = visitorKeys[node.type] ?? [];
  const out: TSESTree.Node[] = [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (v && typeof v === 'object' && 'type' in v) out.push(v as TSESTree.Node);
    } else if (value && typeof value === 'object' && 'type' in value) out.push(value as TSESTree.Node);
  }
  return out;
}

/** Every function in the file, outermost first. Iterative, so deep nesting cannot overflow the stack. */
export function collectFunctions(program: TSESTree.Program): FunctionNode[] {
  const out: FunctionNode[] = [];
  const stack: TSESTree.Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunction(node)) out.push(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** Registering a listener runs nothing now: the callback runs on a later event, or never. */
const LISTENER_REGISTRATIONS = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener', 'subscribe']);

function registersListener(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return call.type === T.CallExpression && call.callee.type === T.MemberExpression && LISTENER_REGISTRATIONS.has(propertyName(call.callee) ?? '');
}

/**
 * The function whose work a call is part of: callbacks handed to calls (`items.map(…)`,
 * `.then(…)`, `new Promise(…)`) belong to the function that hands them over; a listener
 * (`peer.on('signal', …)`) does not — its writes happen on events, not as part of the call.
 */
function owningFunction(node: TSESTree.Node): FunctionNode | null {
  let fn = innermostFunction(node);
  while (fn && (fn.parent?.type === T.CallExpression || fn.parent?.type === T.NewExpression) && (fn.parent.arguments as TSESTree.Node[]).includes(fn) && !registersListener(fn.parent)) {
    const outer = innermostFunction(fn);
    if (!outer) return fn;
    fn = outer;
  }
  return fn;
}

export function innermostFunction(node: TSESTree.Node): FunctionNode | null {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return null;
}

export function functionName(fn: FunctionNode): string | null {
  if (fn.type === T.FunctionDeclaration && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if ((parent.type === T.MethodDefinition || parent.type === T.PropertyDefinition || parent.type === T.Property) && parent.key.type === T.Identifier) return parent.key.name;
  if (fn.type === T.FunctionExpression && fn.id) return fn.id.name;
  return null;
}
