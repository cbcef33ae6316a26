/**
 * The incremental re-parse must give exactly the tree a full parse gives — same node
 * types, ranges and locations, consistent parents — and the scopes a full analysis
 * gives (every identifier bound to the same declaration, the same scopes, the same lists
 * in the same order), and so exactly the same findings.
 * Edits are generated (seeded, the same every run) inside and around function bodies
 * of real example files: keystrokes, deleted and added lines, new statements, broken
 * and repaired syntax, and edits outside any body that must fall back to a full parse.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Reference, Scope, ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { DocumentParser, lineStarts, type ParseStats } from '../../server/src/engine/incremental-parse';
import { isParseFailure, parseSource, type ParsedFile } from '../../server/src/engine/parse';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { generateFile } from '../lsp/bench-files';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = [
  ...fs.readdirSync(path.join(ROOT, 'examples/bad')).map((f) => path.join(ROOT, 'examples/bad', f)),
  ...fs.readdirSync(path.join(ROOT, 'examples/good')).map((f) => path.join(ROOT, 'examples/good', f)),
];

type Shape = {
  type: string;
  range: [number, number];
  loc: TSESTree.SourceLocation;
  fields: Record<string, unknown>;
  children: Record<string, Shape | Shape[] | null>;
};

/** Everything position- and structure-bearing, and every plain field (names, values, flags), without parents. */
function shape(node: TSESTree.Node): Shape {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'parent' && key !== 'type' && (value === null || (typeof value !== 'object' && typeof value !== 'function'))) fields[key] = value;
  }
  const children: Shape['children'] = {};
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) children[key] = value.map((c) => (c ? shape(c as TSESTree.Node) : (null as unknown as Shape)));
    else if (value && typeof value === 'object' && 'type' in value) children[key] = shape(value as TSESTree.Node);
    else children[key] = null;
  }
  return { type: node.type, range: [...node.range] as [number, number], loc: { start: { ...node.loc.start }, end: { ...node.loc.end } }, fields, children };
}

function assertParentsConsistent(ast: TSESTree.Program): void {
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && 'type' in child) {
          assert.equal((child as TSESTree.Node).parent, node, `parent of ${(child as TSESTree.Node).type} at ${(child as TSESTree.Node).range}`);
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}

type AnyIdentifier = TSESTree.Identifier | TSESTree.JSXIdentifier;

function rangeKey(node: { type: string; range: [number, number] } | null | undefined): string {
  return node ? `${node.type}@${node.range[0]}-${node.range[1]}` : 'none';
}

/** Identifiers and JSX identifiers by range, in traversal order (a shorthand property has two at one range). */
function identifiersByRange(ast: TSESTree.Program): Map<string, AnyIdentifier[]> {
  const found = new Map<string, AnyIdentifier[]>();
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Identifier' || node.type === 'JSXIdentifier') {
      const key = rangeKey(node);
      found.set(key, [...(found.get(key) ?? []), node]);
    }
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      const children = Array.isArray(value) ? value : [value];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child && typeof child === 'object' && 'type' in child) stack.push(child as TSESTree.Node);
      }
    }
  }
  return found;
}

/** The variable of each identifier, as the Binder finds it: the reference's, else the one it declares. */
function variableLookup(scopeManager: ScopeManager): (id: AnyIdentifier) => Variable | null {
  const referenceOf = new Map<AnyIdentifier, Reference>();
  const declared = new Map<AnyIdentifier, Variable>();
  for (const scope of scopeManager.scopes) {
    for (const ref of scope.references) referenceOf.set(ref.identifier, ref);
    for (const variable of scope.variables) for (const id of variable.identifiers) declared.set(id, variable);
  }
  return (id) => referenceOf.get(id)?.resolved ?? declared.get(id) ?? null;
}

function variableSummary(variable: Variable | null) {
  if (!variable) return null;
  return {
    name: variable.name,
    defs: variable.defs.map((d) => ({ type: d.type, name: rangeKey(d.name), node: rangeKey(d.node) })),
    writes: variable.references.filter((r) => r.isWrite()).length,
  };
}

/**
 * The oracle: every identifier resolves (as the Binder resolves it) to a variable of the
 * same name, definitions and number of writes, and the scopes are the same (type and block).
 */
function assertSameBinding(incremental: ParsedFile, full: ParsedFile, message: string): void {
  const lookupIncremental = variableLookup(incremental.scopeManager);
  const lookupFull = variableLookup(full.scopeManager);
  const idsIncremental = identifiersByRange(incremental.ast);
  const idsFull = identifiersByRange(full.ast);
  assert.deepEqual([...idsIncremental.keys()].sort(), [...idsFull.keys()].sort(), `${message}: identifiers`);
  for (const [key, ids] of idsFull) {
    const other = idsIncremental.get(key)!;
    assert.equal(other.length, ids.length, `${message}: identifiers at ${key}`);
    ids.forEach((id, i) => {
      assert.deepEqual(variableSummary(lookupIncremental(other[i])), variableSummary(lookupFull(id)), `${message}: variable of ${id.name} at ${key}`);
    });
  }
  const scopeSet = (m: ScopeManager) => m.scopes.map((s) => `${s.type} ${rangeKey(s.block)}`).sort();
  assert.deepEqual(scopeSet(incremental.scopeManager), scopeSet(full.scopeManager), `${message}: scopes`);
}

/**
 * Stricter than the oracle: the whole scope manager, list by list and in order — scopes,
 * their links, variables, definitions, references (flags, targets, written values),
 * `through`, implicit globals, and the lookups by node (`acquire`, `getDeclaredVariables`).
 */
function scopeManagerShape(scopeManager: ScopeManager): unknown {
  const scopes = scopeManager.scopes;
  const scopeIndex = new Map<Scope, number>(scopes.map((s, i) => [s, i]));
  const index = (s: Scope | null) => (s ? (scopeIndex.get(s) ?? 'outside') : null);
  const variableKey = (v: Variable | null) => (v ? `${index(v.scope as Scope)}:${v.name}:${v.identifiers.map(rangeKey).join(',')}` : null);
  const refShape = (r: Reference) => ({
    id: rangeKey(r.identifier),
    from: index(r.from as Scope),
    read: r.isRead(),
    write: r.isWrite(),
    type: r.isTypeReference,
    value: r.isValueReference,
    init: r.init ?? null,
    writeExpr: rangeKey(r.writeExpr as TSESTree.Node | null),
    implicit: r.maybeImplicitGlobal ? rangeKey(r.maybeImplicitGlobal.pattern) : null,
    resolved: variableKey(r.resolved),
  });
  const variableShape = (v: Variable) => ({
    key: variableKey(v),
    defs: v.defs.map((d) => ({ type: d.type, name: rangeKey(d.name), node: rangeKey(d.node), parent: rangeKey(d.parent as TSESTree.Node | null) })),
    references: v.references.map(refShape),
    declaredBy: [...new Set(v.defs.flatMap((d) => [d.node, d.parent]).filter((n) => n))].map((n) =>
      scopeManager.getDeclaredVariables(n as TSESTree.Node).map(variableKey),
    ),
  });
  const global = scopeManager.globalScope as unknown as { implicit: { variables: Variable[]; leftToBeResolved: Reference[] } } | null;
  return {
    scopes: scopes.map((s) => ({
      type: s.type,
      block: rangeKey(s.block),
      upper: index(s.upper),
      variableScope: index(s.variableScope),
      strict: s.isStrict,
      functionExpressionScope: s.functionExpressionScope,
      children: s.childScopes.map(index),
      set: [...s.set.keys()],
      variables: s.variables.map(variableShape),
      references: s.references.map(refShape),
      through: s.through.map(refShape),
      acquire: [index(scopeManager.acquire(s.block)), index(scopeManager.acquire(s.block, true))],
    })),
    implicit: global && { variables: global.implicit.variables.map(variableShape), left: global.implicit.leftToBeResolved.map(refShape) },
  };
}

function assertSameScopes(incremental: ParsedFile, full: ParsedFile, message: string): void {
  assertSameBinding(incremental, full, message);
  assert.deepEqual(scopeManagerShape(incremental.scopeManager), scopeManagerShape(full.scopeManager), `${message}: scope manager`);
}

/** Offsets strictly inside some function body of `text` (where the fast path applies). */
function bodyOffsets(parsed: ParsedFile): number[] {
  const offsets: number[] = [];
  const stack: TSESTree.Node[] = [parsed.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') && node.body.type === 'BlockStatement') {
      for (let o = node.body.range[0] + 1; o < node.body.range[1]; o += 7) offsets.push(o);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && 'type' in child) stack.push(child as TSESTree.Node);
    }
  }
  return offsets;
}

const INSERTS = [' ', 'x', '\n', '\r\n', ';', 'await save();\n', 'const a = 1;', '{', '}', '(', '/* c */', '`', "'", 'return;', 'localStorage.clear();\n', '\u2028', '😀'];

interface Edit { at: number; remove: number; insert: string }

function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
}

/**
 * Sources with what is hard to get right when only one function's scopes are analysed
 * again: sloppy and strict code, hoisting, `arguments`, named function expressions,
 * class methods, fields and static blocks, default parameters, decorators, type
 * references, JSX (and the scope manager's reference to `React`), outer variables
 * written inside functions, names declared after their use.
 */
const SCRIPT = `var shared;
let counter = 0;
function outer(a, b = () => a + counter) {
  var hoisted = 1;
  counter = counter + 1;
  const named = function inner(n) {
    return n ? inner(n - 1) : arguments.length + hoisted;
  };
  const arrow = (x) => {
    shared = x;
    return () => {
      'use strict';
      return x + counter;
    };
  };
  function declared() {
    return typeof undeclared === 'undefined';
  }
  class K {
    field = () => {
      return this.m(counter);
    };
    m(v) {
      return v + shared;
    }
    static {
      counter++;
    }
  }
  return named(2) + arrow(1)() + declared() + new K().m(1) + b();
}
function strictOne() {
  'use strict';
  return counter + later;
}
const obj = {
  method() {
    return shared;
  },
  get g() {
    return counter;
  },
};
function empty() {}
var later = outer(1);
with (obj) {
  var viaWith = function () {
    return method() + shared + counter;
  };
}
module.exports = obj;
`;

const TYPED = `import { api, type Item } from './api';
import * as storage from './storage';

export let current: Item | undefined;
let writes = 0;
enum Mode { A, B }

function Logged(): MethodDecorator {
  return () => undefined;
}

function Inject(token: string): ParameterDecorator {
  return () => undefined;
}

export class Repo<T extends Item> {
  private cache = new Map<string, T>();
  constructor(@Inject(api.token) private readonly token: string, @Inject(storage.key) key = () => writes) {
    writes = key();
  }
  @Logged()
  async save(item: T, mode: Mode = Mode.A): Promise<T> {
    writes++;
    current = item;
    const copy = <T>{ ...item };
    const list = await api.get<T[]>(\`/items\`, () => {
      return storage.read<T>(item.id);
    });
    interface Local { id: string }
    type Pair = [Local, T];
    const pair: Pair = [{ id: item.id }, copy];
    return pair[1] ?? list[mode];
  }
  load = async (id: string): Promise<T | undefined> => {
    const found = this.cache.get(id);
    if (found) return found;
    return (await api.get<T>(id)) as T;
  };
}

export function counter(): number {
  let local = writes;
  for (const key of Object.keys(storage)) {
    local += key.length;
  }
  return local;
}

export default function (): void {
  current = undefined;
}
`;

const VIEW = `import React, { useState } from 'react';
import { save } from './api';

export function List({ items }: { items: string[] }) {
  const [open, setOpen] = useState<boolean>(() => false);
  return (
    <ul onClick={() => setOpen(!open)}>
      {items.map((item) => (
        <Row key={item} value={item} />
      ))}
    </ul>
  );
}

function Row(props: { value: string }) {
  return <li>{props.value}</li>;
}

export function plain(value: string) {
  save(value);
  return value.length;
}
`;

const NO_REACT = `export function Hello() {
  return <div>hi</div>;
}

function helper(n: number) {
  return n + 1;
}
`;

const TRICKY: Array<[string, string]> = [
  ['/project/src/legacy.js', SCRIPT],
  ['/project/src/legacy.cjs', SCRIPT],
  ['/project/src/typed.ts', TYPED],
  ['/project/src/view.tsx', VIEW],
  ['/project/src/hello.tsx', NO_REACT],
];

const TRICKY_INSERTS = [
  ' ', 'x', '\n', ';', '{', '}', 'counter', 'counter = 2;', 'shared;', 'arguments;', 'var v = counter;',
  'function h() { return counter; }', 'undeclared2 = 1;', 'let counter = 1;', 'React;', '<div/>;',
  '<Row value="" />;', 'inner;', 'with (obj) { shared; }', 'eval("x");', 'const t: Item = null as any;',
  'type Q = Item;', '() => {}', 'function e() {}', 'this;', 'later;', 'writes++;', 'current = undefined;',
  'const React = 1;', 'save;', 'Mode.B;', 'class L { m() { return writes; } }', 'item', 'open',
];

/**
 * Applies the edits one by one to a `DocumentParser` and, after each, checks its tree
 * (shape, parents) and scopes against a fresh full parse and analysis of the same text.
 */
function applyEditsAndCompare(file: string, original: string, edits: readonly Edit[]): ParseStats {
  const parser = new DocumentParser(file);
  let text = original;
  parser.parse(text);
  for (const edit of edits) {
    text = applyEdit(text, { ...edit, at: Math.min(edit.at, text.length) });
    const incremental = parser.parse(text);
    const full = parseSource(text, file);
    assert.equal(isParseFailure(incremental), isParseFailure(full), 'both parse or both fail');
    if (isParseFailure(incremental) || isParseFailure(full)) continue;
    assert.deepEqual(shape(incremental.ast), shape(full.ast));
    assertParentsConsistent(incremental.ast);
    assertSameScopes(incremental, full, `${path.basename(file)} after ${JSON.stringify(edit)}`);
  }
  return parser.stats;
}

describe('incremental re-parse', function () {
  this.timeout(120_000);
  const config = defaultConfig();

  for (const file of SAMPLES) {
    it(`gives a full parse's tree and findings after edits: ${path.relative(ROOT, file)}`, () => {
      const original = fs.readFileSync(file, 'utf8');
      const first = parseSource(original, file);
      assert.ok(!isParseFailure(first));
      const offsets = bodyOffsets(first);
      assert.ok(offsets.length > 0, 'the sample has function bodies');
      let incrementalRuns = 0;
      let incrementalScopes = 0;
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              // Mostly inside bodies (the fast path); sometimes anywhere (the fallback).
              at: fc.oneof(fc.constantFrom(...offsets), fc.nat(original.length)),
              remove: fc.oneof(fc.constant(0), fc.nat(12)),
              insert: fc.constantFrom(...INSERTS),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          (edits) => {
            const stats = applyEditsAndCompare(file, original, edits);
            incrementalRuns += stats.incremental;
            incrementalScopes += stats.incrementalScopes;
          },
        ),
        { seed: Number(process.env.INCREMENTAL_SEED ?? 20261128), numRuns: Number(process.env.INCREMENTAL_RUNS ?? 40) },
      );
      assert.ok(incrementalRuns > 5, `the fast path was taken (${incrementalRuns} times)`);
      assert.ok(incrementalScopes > 5, `the scopes were updated in place (${incrementalScopes} times)`);
    });
  }

  for (const [file, original] of TRICKY) {
    it(`gives a full analysis' scopes after edits in hard places: ${path.basename(file)}`, () => {
      const first = parseSource(original, file);
      assert.ok(!isParseFailure(first), `${file} parses`);
      const offsets = bodyOffsets(first);
      let incrementalScopes = 0;
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              at: fc.oneof(fc.constantFrom(...offsets), fc.constantFrom(...offsets), fc.nat(original.length)),
              remove: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(6)),
              insert: fc.constantFrom(...TRICKY_INSERTS),
            }),
            { minLength: 1, maxLength: 16 },
          ),
          (edits) => {
            incrementalScopes += applyEditsAndCompare(file, original, edits).incrementalScopes;
          },
        ),
        { seed: Number(process.env.INCREMENTAL_SEED ?? 20261128), numRuns: Number(process.env.INCREMENTAL_RUNS ?? 40) * 2 },
      );
      assert.ok(incrementalScopes > 5, `the scopes were updated in place (${incrementalScopes} times)`);
    });
  }

  it('keeps the order of outer lists through grafts of functions inside grafted functions', () => {
    const file = '/project/src/nested.ts';
    const parts = [
      'let total = 0;\ntotal = 1;\n',
      'export function a(xs: number[]) {\n  total += 1;\n  return xs.map((x) => {\n    return xs.filter((y) => {\n      return y > x;\n    });\n  });\n}\n',
      'total = 2;\nexport const b = () => total;\n',
    ];
    let text = parts.join('');
    const parser = new DocumentParser(file);
    parser.parse(text);
    const spots = ['return y > x;', 'return xs.filter', 'total += 1;', 'return y > x;', 'return xs.filter', 'return y > x;'];
    for (let round = 0; round < 4; round++) {
      for (const spot of spots) {
        // A write to `total` inside, then another reference, then remove the first: the
        // function's references to `total` come and go between the outer ones.
        for (const insert of ['total = 3;\n', 'total;\n']) {
          text = applyEdit(text, { at: text.indexOf(spot), remove: 0, insert });
          const incremental = parser.parse(text);
          const full = parseSource(text, file);
          assert.ok(!isParseFailure(incremental) && !isParseFailure(full));
          assertSameScopes(incremental, full, `after inserting ${JSON.stringify(insert)} before ${spot}`);
        }
        if (round % 2 === 1) {
          text = text.replace('total = 3;\n', '');
          const incremental = parser.parse(text);
          const full = parseSource(text, file);
          assert.ok(!isParseFailure(incremental) && !isParseFailure(full));
          assertSameScopes(incremental, full, `after removing a write before ${spot}`);
        }
      }
    }
    assert.equal(parser.stats.full, 1);
    assert.equal(parser.stats.incrementalScopes, parser.stats.incremental);
  });

  it('analyses the whole file again where grafting one function would not be exact', () => {
    const cases: Array<{ file: string; text: string; edit: Edit; why: string }> = [
      { file: '/project/src/a.js', text: 'var o = {};\nfunction f() {\n  o;\n}\n', edit: { at: 27, remove: 0, insert: 'with (o) { p; }\n' }, why: 'a with statement' },
      { file: '/project/src/a.js', text: 'function f() {\n  g();\n}\n', edit: { at: 17, remove: 0, insert: 'leak = 1;\n' }, why: 'an implicit global' },
      { file: '/project/src/a.ts', text: 'let a = 1;\nfunction f() {}\n', edit: { at: 25, remove: 0, insert: 'a;' }, why: 'no reference before the edit' },
      { file: '/project/src/a.tsx', text: 'import React from "react";\nfunction f() {\n  g();\n}\n', edit: { at: 44, remove: 0, insert: '<div/>;\n' }, why: 'the first JSX' },
      { file: '/project/src/a.tsx', text: 'function f() {\n  g();\n}\n', edit: { at: 17, remove: 0, insert: 'const React = 1;\n' }, why: 'a local React' },
      {
        file: '/project/src/a.tsx',
        text: 'import React from "react";\nfunction f() {\n  const g = () => {\n    h();\n  };\n  return <div onClick={g} />;\n}\n',
        edit: { at: 66, remove: 0, insert: 'React;\n' },
        why: 'a first reference to React, before the JSX that references it',
      },
    ];
    for (const { file, text, edit, why } of cases) {
      const parser = new DocumentParser(file);
      parser.parse(text);
      const edited = applyEdit(text, edit);
      assert.ok(edited.slice(edit.at).startsWith(edit.insert));
      const incremental = parser.parse(edited);
      const full = parseSource(edited, file);
      assert.ok(!isParseFailure(incremental) && !isParseFailure(full), why);
      assert.deepEqual(parser.stats, { full: 1, incremental: 1, incrementalScopes: 0, spacesOnly: 0, namesOnly: 0 }, why);
      assertSameScopes(incremental, full, why);
    }
  });

  it('reports the same findings as a fresh analysis, edit after edit', () => {
    for (const file of SAMPLES.filter((f) => f.includes(`${path.sep}bad${path.sep}`))) {
      const original = fs.readFileSync(file, 'utf8');
      const first = parseSource(original, file);
      assert.ok(!isParseFailure(first));
      const offsets = bodyOffsets(first);
      const parser = new DocumentParser(file);
      let text = original;
      lintText(text, file, { config, parser });
      for (let i = 0; i < 30; i++) {
        const at = offsets[(i * 7919) % offsets.length];
        text = applyEdit(text, { at: Math.min(at, text.length), remove: i % 3 === 0 ? 1 : 0, insert: INSERTS[i % INSERTS.length] });
        const withParser = lintText(text, file, { config, parser });
        const fresh = lintText(text, file, { config });
        assert.deepEqual(withParser.messages, fresh.messages, `${path.basename(file)} after edit ${i}`);
      }
      assert.ok(parser.stats.incremental > 0, `${path.basename(file)}: the fast path was taken`);
    }
  });

  it('re-parses only the edited body of a big file', () => {
    const file = '/project/src/big.ts';
    const text = generateFile(3000, 1);
    const parser = new DocumentParser(file);
    parser.parse(text);
    const at = text.indexOf('{\n', text.length >> 1) + 2;
    const edited = applyEdit(text, { at, remove: 0, insert: 'x;' });
    const result = parser.parse(edited);
    assert.equal(parser.stats.incremental, 1);
    assert.equal(parser.stats.incrementalScopes, 1, 'the scopes of the edited function only were analysed');
    assert.ok(!isParseFailure(result));
    const full = parseSource(edited, file);
    assert.ok(!isParseFailure(full));
    assert.deepEqual(shape(result.ast), shape(full.ast));
    assertSameScopes(result, full, 'big file');
  });

  it('falls back to a full parse for an edit outside any function body', () => {
    const file = '/project/src/a.ts';
    const parser = new DocumentParser(file);
    parser.parse('import { a } from "a";\nfunction f() {\n  a();\n}\n');
    parser.parse('import { a, b } from "a";\nfunction f() {\n  a();\n}\n');
    assert.deepEqual(parser.stats, { full: 2, incremental: 0, incrementalScopes: 0, spacesOnly: 0, namesOnly: 0 });
  });

  it('gives the syntax error of a full parse, and recovers on the next good text', () => {
    const file = '/project/src/a.ts';
    const parser = new DocumentParser(file);
    const good = 'function f() {\n  save();\n}\nfunction g() {\n  load();\n}\n';
    parser.parse(good);
    const broken = parser.parse(good.replace('save();', 'save(;'));
    const expected = parseSource(good.replace('save();', 'save(;'), file);
    assert.ok(isParseFailure(broken) && isParseFailure(expected));
    assert.deepEqual(broken, expected);
    const repaired = parser.parse(good.replace('load();', 'load(1);'));
    assert.ok(!isParseFailure(repaired));
    assert.equal(parser.stats.incremental, 1, 'the repaired text is spliced into the last good tree');
  });

  it('an edit that makes a body too deep to analyse gives the notice a fresh analysis gives', () => {
    const file = '/project/src/a.ts';
    const parser = new DocumentParser(file);
    const config = defaultConfig();
    const good = 'export function f(a: number) {\n  return a;\n}\n';
    lintText(good, file, { config, parser });
    for (const terms of [700, 5000, 20000]) {
      const deep = good.replace('return a;', `return ${Array.from({ length: terms }, () => 'a').join(' + ')};`);
      assert.deepEqual(lintText(deep, file, { config, parser }).messages, lintText(deep, file, { config }).messages, `${terms} terms`);
    }
    assert.deepEqual(lintText(good, file, { config, parser }).messages, []);
  });

  it('spaces typed between tokens move positions only; inside strings, templates and JSX, or splitting a token, they do not', () => {
    const file = '/project/src/a.tsx';
    const text = "export function f(a: number) {\n  const s = 'x y';\n  return <b>{a} c</b>;\n}\nexport const t = `p q`;\n";
    const cases: Array<{ at: number; insert: string; spacesOnly: boolean }> = [
      { at: text.indexOf('{\n'), insert: ' ', spacesOnly: true },
      { at: text.indexOf('\n  const') , insert: '  \t', spacesOnly: true },
      { at: text.indexOf('= ') + 1, insert: ' ', spacesOnly: true },
      { at: text.indexOf('x y') + 1, insert: ' ', spacesOnly: false },
      { at: text.indexOf(' c<') + 1, insert: ' ', spacesOnly: false },
      { at: text.indexOf('p q') + 1, insert: ' ', spacesOnly: false },
      { at: text.indexOf('return') + 3, insert: ' ', spacesOnly: false },
    ];
    for (const { at, insert, spacesOnly } of cases) {
      const parser = new DocumentParser(file);
      parser.parse(text);
      const edited = applyEdit(text, { at, remove: 0, insert });
      const incremental = parser.parse(edited);
      const full = parseSource(edited, file);
      assert.equal(parser.stats.spacesOnly, spacesOnly ? 1 : 0, JSON.stringify(edited.slice(at - 5, at + 5)));
      assert.equal(isParseFailure(incremental), isParseFailure(full));
      if (isParseFailure(incremental) || isParseFailure(full)) continue;
      assert.deepEqual(shape(incremental.ast), shape(full.ast));
      assertSameScopes(incremental, full, 'spaces');
    }
  });

  it('a property name or a declaration\'s name edited in place is renamed, not re-parsed; a reference, a merged or overloaded declaration, a name in use or a keyword is re-parsed', () => {
    const file = '/project/src/a.ts';
    const text = [
      'interface Row { title: string; load(): void }',
      'export class Store {',
      '  private items = new Map<string, Row>();',
      '  get size() { return this.items.size; }',
      '  constructor() {}',
      '  [computed]() {}',
      '  open(): Row[] {',
      '    const o = { name: 1, items };',
      '    return [...this.items.values()];',
      '  }',
      '}',
      'enum Mode { On }',
      'const { title: heading } = { title: "" };',
      'export class Unused { m() { return new Map(); } }',
      'class Used {}',
      'new Used();',
      'interface Merged { a: 1 }',
      'interface Merged { b: 1 }',
      'function over(a: string): void;',
      'function over(a: unknown) {}',
      'export function lonely() { const spare = 1; let counted = 0; counted++; }',
      'type Alias = Row;',
      'class Mapx {}',
      'let typed: Row | undefined = undefined, optional2: number;',
      'const shadow = 1;',
      'function inner() { const shadow = 2; return shadow + shadow; }',
      'class Self { static make() { return new Self(); } }',
      'const made = Self.make(), lone = lonely;',
      'class Againx { static make() { return new Again(); } }',
      'Again.make();',
      '',
    ].join('\n');
    const after = (needle: string, k = 0) => text.indexOf(needle) + k;
    const cases: Array<{ at: number; remove?: number; insert: string; namesOnly: boolean; why: string }> = [
      { at: after('items =', 5), insert: 'x', namesOnly: true, why: 'class field name, typed at its end' },
      { at: after('items =', 0), insert: 'x', namesOnly: true, why: 'class field name, typed at its start' },
      { at: after('this.items.size', 7), remove: 1, insert: '', namesOnly: true, why: 'property read, a letter deleted' },
      { at: after('open()', 4), insert: 'Now', namesOnly: true, why: 'method name' },
      { at: after('title: string', 5), insert: '2', namesOnly: true, why: 'interface member' },
      { at: after('load()', 4), insert: 'All', namesOnly: true, why: 'interface method' },
      { at: after('name: 1', 4), insert: 'd', namesOnly: true, why: 'object literal key' },
      { at: after('title: heading', 5), insert: 's', namesOnly: true, why: 'destructuring key' },
      { at: after('items };', 5), insert: 'x', namesOnly: false, why: 'shorthand property: also a reference' },
      { at: after('[computed]', 9), insert: 'x', namesOnly: false, why: 'computed key: a reference' },
      { at: after('Store {', 5), insert: 'x', namesOnly: true, why: 'an exported class nothing in the file uses' },
      { at: after('On }', 2), insert: 'x', namesOnly: false, why: 'an enum member is a variable' },
      { at: after('size()', 4), insert: 'x', namesOnly: true, why: 'an accessor name' },
      { at: after('get size', 3), insert: 'x', namesOnly: false, why: 'the accessor keyword itself' },
      { at: after('constructor()', 11), insert: 'x', namesOnly: false, why: 'constructor becomes a method' },
      { at: after('open()', 0), insert: 'get ', namesOnly: false, why: 'a keyword typed before a name' },
      { at: after('open()', 4), insert: ' x', namesOnly: false, why: 'a second token' },
      { at: after('open()', 4), insert: 'é', namesOnly: false, why: 'a name beyond ASCII is parsed' },
      { at: after('this.items.size', 5), remove: 6, insert: 'count', namesOnly: false, why: 'an edit across two tokens' },
      { at: after('Unused {', 6), insert: 'x', namesOnly: true, why: 'a class nothing uses' },
      { at: after('Row {', 3), insert: 'x', namesOnly: true, why: 'an interface types refer to' },
      { at: after('Used {}', 4), insert: 'x', namesOnly: true, why: 'a class that is used: its use stops resolving' },
      { at: after('Merged { a', 6), insert: 'x', namesOnly: false, why: 'a merged declaration' },
      { at: after('over(a: string)', 4), insert: 'x', namesOnly: false, why: 'an overloaded function' },
      { at: after('lonely()', 6), insert: 'x', namesOnly: true, why: 'a function used once' },
      { at: after('spare = 1', 5), insert: 'x', namesOnly: true, why: 'a variable only its initialiser writes' },
      { at: after('counted = 0', 7), insert: 'x', namesOnly: true, why: 'a variable that is used' },
      { at: after('Alias =', 5), insert: 'x', namesOnly: true, why: 'a type alias nothing uses' },
      { at: after('Mapx {}', 3), remove: 1, insert: '', namesOnly: true, why: 'the new name is used (new Map()): that use now resolves to it' },
      { at: after('const shadow = 2', 11), insert: 's', namesOnly: true, why: 'an inner variable: its uses now resolve to the outer one' },
      { at: after('Self {', 4), insert: 'ie', namesOnly: true, why: 'a class used inside and outside itself' },
      { at: after('Againx {', 5), remove: 1, insert: '', namesOnly: true, why: 'a class typed back to the name its uses inside and outside it have' },
      { at: after('lonely()', 0), remove: 6, insert: 'lone', namesOnly: false, why: 'the new name is a variable already' },
      { at: after('typed:', 5), insert: 'Row', namesOnly: true, why: 'a variable with a type annotation (its node spans the annotation)' },
      { at: after('typed:', 0), insert: 'un', namesOnly: true, why: 'typed at the start of an annotated name' },
      { at: after('optional2:', 9), insert: 'x', namesOnly: true, why: 'typed at the end of an annotated name' },
      { at: after('optional2:', 8), remove: 2, insert: '3', namesOnly: false, why: 'an edit that reaches the annotation' },
      { at: after('Unused {', 0), remove: 6, insert: 'Row', namesOnly: false, why: 'the new name is declared already' },
    ];
    const config = defaultConfig();
    for (const { at, remove = 0, insert, namesOnly, why } of cases) {
      const parser = new DocumentParser(file);
      lintText(text, file, { config, parser });
      const edited = applyEdit(text, { at, remove, insert });
      const messages = lintText(edited, file, { config, parser }).messages;
      assert.equal(parser.stats.namesOnly, namesOnly ? 1 : 0, why);
      assert.deepEqual(messages, lintText(edited, file, { config }).messages, why);
      // The same text again: the tree the analysis just used.
      const incremental = parser.parse(edited);
      const full = parseSource(edited, file);
      assert.equal(isParseFailure(incremental), isParseFailure(full), why);
      if (isParseFailure(incremental) || isParseFailure(full)) continue;
      assert.deepEqual(shape(incremental.ast), shape(full.ast), why);
      assertSameScopes(incremental, full, why);
    }
  });

  it('decorators written before export (outside the export statement) are kept: every one-character edit gives a fresh parse', () => {
    const file = '/project/src/user.ts';
    const text = "import { Entity, Other } from 'x';\n\n@Entity('users  table', { a: 1 })\n@Other()\nexport default class User {\n  id = 1;\n}\n\nconsole.log(User);\n";
    let compared = 0;
    for (let at = 1; at < text.length - 1; at++) {
      for (const edit of [{ at, remove: 0, insert: ' ' }, { at, remove: 0, insert: 'x' }, { at, remove: 1, insert: '' }]) {
        const parser = new DocumentParser(file);
        parser.parse(text);
        const edited = applyEdit(text, edit);
        const incremental = parser.parse(edited);
        const full = parseSource(edited, file);
        const why = `${JSON.stringify(edit)} → ${JSON.stringify(edited.slice(at - 8, at + 8))}`;
        assert.equal(isParseFailure(incremental), isParseFailure(full), why);
        if (isParseFailure(incremental) || isParseFailure(full)) continue;
        assert.deepEqual(shape(incremental.ast), shape(full.ast), why);
        assertSameScopes(incremental, full, why);
        compared++;
      }
    }
    assert.ok(compared > 150, `${compared} edits compared`);
  });

  it('a declaration whose uses could become implicit globals once renamed is re-parsed', () => {
    const file = '/project/src/b.cjs';
    const text = 'var total = 1;\nfunction f() { total = 2; return total; }\nmodule.exports = f;\n';
    const config = defaultConfig();
    const parser = new DocumentParser(file);
    lintText(text, file, { config, parser });
    const edited = text.replace('var total', 'var totals');
    assert.deepEqual(lintText(edited, file, { config, parser }).messages, lintText(edited, file, { config }).messages);
    assert.equal(parser.stats.namesOnly, 0);
    const incremental = parser.parse(edited);
    const full = parseSource(edited, file);
    assert.ok(!isParseFailure(incremental) && !isParseFailure(full));
    assertSameScopes(incremental, full, 'sloppy');
  });

  it('counts line breaks as the parser does', () => {
    assert.deepEqual(lineStarts('a\r\nb\rc\nd\u2028e\u2029f'), [0, 3, 5, 7, 9, 11]);
  });
});
