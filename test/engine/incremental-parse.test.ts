/**
 * The incremental re-parse must give exactly the tree a full parse gives — same node
 * types, ranges and locations, consistent parents — and so exactly the same findings.
 * Edits are generated (seeded, the same every run) inside and around function bodies
 * of real example files: keystrokes, deleted and added lines, new statements, broken
 * and repaired syntax, and edits outside any body that must fall back to a full parse.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { DocumentParser, lineStarts } from '../../server/src/engine/incremental-parse';
import { isParseFailure, parseSource, type ParsedFile } from '../../server/src/engine/parse';
import { lintText } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/default-config';
import { generateFile } from '../lsp/bench-files';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = [
  ...fs.readdirSync(path.join(ROOT, 'examples/bad')).map((f) => path.join(ROOT, 'examples/bad', f)),
  ...fs.readdirSync(path.join(ROOT, 'examples/good')).map((f) => path.join(ROOT, 'examples/good', f)),
];

type Shape = { type: string; range: [number, number]; loc: TSESTree.SourceLocation; children: Record<string, Shape | Shape[] | null> };

/** Everything position- and structure-bearing, without parents. */
function shape(node: TSESTree.Node): Shape {
  const children: Shape['children'] = {};
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) children[key] = value.map((c) => (c ? shape(c as TSESTree.Node) : (null as unknown as Shape)));
    else if (value && typeof value === 'object' && 'type' in value) children[key] = shape(value as TSESTree.Node);
    else children[key] = null;
  }
  return { type: node.type, range: [...node.range] as [number, number], loc: { start: { ...node.loc.start }, end: { ...node.loc.end } }, children };
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
            }
            incrementalRuns += parser.stats.incremental;
          },
        ),
        { seed: Number(process.env.INCREMENTAL_SEED ?? 20261128), numRuns: Number(process.env.INCREMENTAL_RUNS ?? 40) },
      );
      assert.ok(incrementalRuns > 5, `the fast path was taken (${incrementalRuns} times)`);
    });
  }

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
    assert.ok(!isParseFailure(result));
    const full = parseSource(edited, file);
    assert.ok(!isParseFailure(full));
    assert.deepEqual(shape(result.ast), shape(full.ast));
  });

  it('falls back to a full parse for an edit outside any function body', () => {
    const file = '/project/src/a.ts';
    const parser = new DocumentParser(file);
    parser.parse('import { a } from "a";\nfunction f() {\n  a();\n}\n');
    parser.parse('import { a, b } from "a";\nfunction f() {\n  a();\n}\n');
    assert.deepEqual(parser.stats, { full: 2, incremental: 0 });
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

  it('counts line breaks as the parser does', () => {
    assert.deepEqual(lineStarts('a\r\nb\rc\nd\u2028e\u2029f'), [0, 3, 5, 7, 9, 11]);
  });
});
