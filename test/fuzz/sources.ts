/**
 * Inputs for the fuzz properties: real files taken apart and put back wrong, and the
 * inputs DESIGN.md §9 promises to survive (binary, invalid UTF-8, BOMs, CRLF, empty
 * files, minified lines, 10,000-deep nesting). Starting from real code matters: a
 * random string almost never gets past the parser, while a real file with one token
 * dropped reaches the analysis with an AST nobody wrote a test for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

export const repoRoot = path.resolve(__dirname, '../../..');

const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export interface Seed {
  name: string;
  text: string;
  /** Tokens with the whitespace between them kept, so that joining them gives `text` back. */
  tokens: string[];
}

export interface FuzzCase {
  /** What made the input, for the counterexample report. */
  kind: string;
  text: string;
  filePath: string;
}

function listCodeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCodeFiles(full));
    else if (CODE_FILE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const TOKEN =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|[A-Za-z_$][\w$]*|\d[\w.]*|=>|===?|!==?|\?\?=?|\?\.|\.\.\.|&&|\|\||[^\s]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function loadSeeds(): Seed[] {
  const files = [...listCodeFiles(path.join(repoRoot, 'examples')), ...listCodeFiles(path.join(repoRoot, 'test/fixtures/tuning'))];
  return files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { name: path.relative(repoRoot, file), text, tokens: tokenize(text) };
  });
}

/** Where a fuzzed file lives decides its dialect (JSX, CommonJS) and role (application, test, tooling). */
function filePathFor(name: string, extension: string): string {
  return path.posix.join('src', path.basename(name).replace(CODE_FILE, '') + extension);
}

const anyExtension = fc.constantFrom(...EXTENSIONS);
const folder = fc.constantFrom('src/', 'src/app/', 'src/__tests__/', 'scripts/', '');

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** Text that makes parsers and position mappings work: surrogates, line separators, NUL, BOM, combining marks. */
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\r', '\n', '\r\n', '\u2028', '\u2029', '\uFEFF', '\u0301', '\t', '`', '${', '}', '/*', '*/', '//', '<', '>', '"', "'", '\\'),
    loneSurrogate,
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

type Mutation =
  | { op: 'rename'; at: number; other: number }
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'transplant'; at: number; from: number }
  | { op: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Mostly edits that keep the file parsing, so the analysis sees new code rather than a parse error.
  { arbitrary: fc.record({ op: fc.constant('rename' as const), at: fc.nat(), other: fc.nat() }), weight: 4 },
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('transplant' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: awkwardText }),
);

export function mutate(tokens: readonly string[], mutations: readonly Mutation[]): string {
  const out = [...tokens];
  const names = () => out.flatMap((token, i) => (/^[A-Za-z_$]/.test(token) ? [i] : []));
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    switch (m.op) {
      case 'rename': {
        // One name where another was: a call on the wrong object, an await dropped into a parameter name.
        const candidates = names();
        if (candidates.length === 0) break;
        out[candidates[m.at % candidates.length]] = out[candidates[m.other % candidates.length]];
        break;
      }
      case 'delete':
        out.splice(at, m.count);
        break;
      case 'duplicate':
        out.splice(at, 0, ...out.slice(at, at + m.count));
        break;
      case 'swap': {
        const other = m.other % out.length;
        [out[at], out[other]] = [out[other], out[at]];
        break;
      }
      case 'transplant':
        out.splice(at, 0, out[m.from % out.length]);
        break;
      case 'insert':
        out.splice(at, 0, m.text);
        break;
    }
  }
  return out.join('');
}

/** Decodes as the CLI reads files: invalid sequences become U+FFFD. */
function decode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

function mutatedSeed(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      seed: fc.constantFrom(...seeds),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
      extension: fc.option(anyExtension, { freq: 4 }),
    })
    .map(({ seed, mutations, extension }) => ({
      kind: `mutated ${seed.name} ${JSON.stringify(mutations)}`,
      text: mutate(seed.tokens, mutations),
      filePath: filePathFor(seed.name, extension ?? path.extname(seed.name)),
    }));
}

/** Statements moved, dropped and repeated whole: the order of a write and a clear changes, the code still parses. */
function shuffledLines(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  const op = fc.record({ op: fc.constantFrom('delete', 'duplicate', 'swap', 'move'), at: fc.nat(), other: fc.nat() });
  return fc.record({ seed: fc.constantFrom(...seeds), ops: fc.array(op, { minLength: 1, maxLength: 4 }) }).map(({ seed, ops }) => {
    const lines = seed.text.split('\n');
    for (const { op, at, other } of ops) {
      const i = at % lines.length;
      const j = other % lines.length;
      if (op === 'delete') lines.splice(i, 1);
      else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
      else if (op === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
      else lines.splice(j, 0, ...lines.splice(i, 1));
      if (lines.length === 0) break;
    }
    return { kind: `lines ${seed.name} ${JSON.stringify(ops)}`, text: lines.join('\n'), filePath: filePathFor(seed.name, path.extname(seed.name)) };
  });
}

/** Real code with bytes overwritten, then decoded: U+FFFD inside identifiers, strings and comments. */
function corruptedSeed(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      seed: fc.constantFrom(...seeds),
      writes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 10 }),
    })
    .map(({ seed, writes }) => {
      const bytes = Buffer.from(seed.text, 'utf8');
      for (const [at, value] of writes) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return { kind: `corrupted ${seed.name} ${JSON.stringify(writes)}`, text: decode(bytes), filePath: filePathFor(seed.name, path.extname(seed.name)) };
    });
}

/** Lone surrogates can only come from an editor buffer (the server), never from a decoded file. */
function surrogates(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({ seed: fc.constantFrom(...seeds), at: fc.array(fc.tuple(fc.nat(), loneSurrogate), { minLength: 1, maxLength: 6 }) })
    .map(({ seed, at }) => {
      let text = seed.text;
      for (const [offset, surrogate] of at) {
        const i = offset % (text.length + 1);
        text = text.slice(0, i) + surrogate + text.slice(i);
      }
      return { kind: `surrogates ${seed.name} ${JSON.stringify(at)}`, text, filePath: filePathFor(seed.name, path.extname(seed.name)) };
    });
}

const randomBytes: fc.Arbitrary<FuzzCase> = fc
  .record({ bytes: fc.uint8Array({ maxLength: 2048 }), extension: anyExtension })
  .map(({ bytes, extension }) => ({ kind: `bytes ${Buffer.from(bytes).toString('base64')}`, text: decode(bytes), filePath: `src/binary${extension}` }));

const randomText: fc.Arbitrary<FuzzCase> = fc
  .record({ text: fc.string({ unit: 'binary', maxLength: 400 }), extension: anyExtension })
  .map(({ text, extension }) => ({ kind: 'random text', text, filePath: `src/random${extension}` }));

const nearlyEmpty: fc.Arbitrary<FuzzCase> = fc
  .record({ text: fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\uFEFF', '\uFEFF\n', '\t\t', '\u2028', ';', '//', '/*', '`', '\u0000'), extension: anyExtension })
  .map(({ text, extension }) => ({ kind: 'nearly empty', text, filePath: `src/empty${extension}` }));

/** Minified bundles, embedded assets, and long generated lines. */
function longLines(seeds: Seed[]): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      seed: fc.constantFrom(...seeds),
      shape: fc.constantFrom('joined', 'string', 'comment', 'array', 'concat'),
      length: fc.integer({ min: 1_000, max: 120_000 }),
    })
    .map(({ seed, shape, length }) => {
      let text: string;
      switch (shape) {
        case 'joined': {
          // The whole file on one line, repeated: what a minifier emits (minus renaming).
          const line = seed.text.replace(/\/\/[^\n]*/g, '').replace(/\s*\n\s*/g, ' ');
          text = line.repeat(Math.max(1, Math.ceil(length / Math.max(1, line.length))));
          break;
        }
        case 'string':
          text = `export const asset = "${'QUJD'.repeat(length / 4)}";\n${seed.text}`;
          break;
        case 'comment':
          text = `// ${'x'.repeat(length)}\n${seed.text}`;
          break;
        case 'array':
          text = `export const table = [${Array.from({ length: length / 4 }, (_, i) => i % 997).join(',')}];\n${seed.text}`;
          break;
        default:
          text = `${seed.text}\nexport const joined = ${Array.from({ length: length / 8 }, (_, i) => `'p${i % 100}'`).join(' + ')};\n`;
      }
      return { kind: `long line ${shape} ${length} ${seed.name}`, text, filePath: filePathFor(seed.name, path.extname(seed.name)) };
    });
}

/**
 * Deep trees. Brackets are what the engine's depth guard counts, so most shapes here
 * nest without them: else-if ladders, operator chains and arrow chains build ASTs as
 * deep as bracket nesting does while the bracket depth stays at one.
 */
const NESTING_SHAPES = [
  'parens',
  'arrays',
  'blocks',
  'calls',
  'unbalanced',
  'else-if',
  'binary',
  'ternary',
  'unary',
  'arrows',
  'members',
  'awaits',
  'templates',
  'jsx',
] as const;

export function nested(shape: (typeof NESTING_SHAPES)[number], depth: number): string {
  const repeat = (s: string, n = depth) => s.repeat(n);
  switch (shape) {
    case 'parens':
      return `export const x = ${repeat('(')}1${repeat(')')};\n`;
    case 'arrays':
      return `export const x = ${repeat('[')}${repeat(']')};\n`;
    case 'blocks':
      return `export function f() {\n${repeat('{')}localStorage.clear();${repeat('}')}\n}\n`;
    case 'calls':
      return `export const x = ${repeat('f(')}1${repeat(')')};\n`;
    case 'unbalanced':
      return `export function f() {\n${repeat('{ if (a) ')}\n`;
    case 'else-if':
      return `export function f(a: number) {\n  if (a === 0) localStorage.clear();\n${Array.from({ length: depth }, (_, i) => `  else if (a === ${i + 1}) localStorage.removeItem('k${i}');\n`).join('')}}\n`;
    case 'binary':
      return `export const x = ${Array.from({ length: depth }, (_, i) => `'s${i % 10}'`).join(' + ')};\n`;
    case 'ternary':
      return `export const x = (a: number) => ${Array.from({ length: depth }, (_, i) => `a === ${i} ? ${i} : `).join('')}-1;\n`;
    case 'unary':
      return `export const x = ${repeat('!')}true;\n`;
    case 'arrows':
      return `export const x = ${Array.from({ length: depth }, (_, i) => `(a${i}: number) => `).join('')}0;\n`;
    case 'members':
      return `export const x = window${repeat('.a')};\n`;
    case 'awaits':
      return `export async function f() {\n  return ${repeat('await ')}fetch('/x');\n}\n`;
    case 'templates':
      return `export const x = ${repeat('`${')}1${repeat('}`')};\n`;
    case 'jsx':
      return `export const X = () => ${repeat('<div>')}x${repeat('</div>')};\n`;
  }
}

function deepNesting(maxDepth: number): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      shape: fc.constantFrom(...NESTING_SHAPES),
      // Half below the depths where parsers give up, so the analysis gets the deep trees that do parse.
      depth: fc.oneof(fc.integer({ min: 1, max: Math.min(maxDepth, 1200) }), fc.integer({ min: 1, max: maxDepth })),
      extension: fc.constantFrom('.ts', '.tsx', '.js') })
    .map(({ shape, depth, extension }) => ({
      kind: `nested ${shape} ${depth}`,
      text: nested(shape, depth),
      filePath: `src/nested-${shape}${shape === 'jsx' ? '.tsx' : extension}`,
    }));
}

/** Line endings and BOMs as Windows editors and old tools leave them. */
function withEncodingNoise(arbitrary: fc.Arbitrary<FuzzCase>): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      base: arbitrary,
      endings: fc.constantFrom('keep', 'keep', 'keep', 'crlf', 'cr', 'mixed', 'u2028'),
      bom: fc.constantFrom('none', 'none', 'none', 'start', 'twice', 'inside'),
    })
    .map(({ base, endings, bom }) => {
      let text = base.text;
      if (endings === 'crlf') text = text.replace(/\r?\n/g, '\r\n');
      else if (endings === 'cr') text = text.replace(/\r?\n/g, '\r');
      else if (endings === 'mixed') text = text.replace(/\r?\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : offset % 3 === 1 ? '\n' : '\r'));
      else if (endings === 'u2028') text = text.replace(/\n/g, '\u2028');
      if (bom === 'start') text = '\uFEFF' + text;
      else if (bom === 'twice') text = '\uFEFF\uFEFF' + text;
      else if (bom === 'inside') text = text.slice(0, text.length >> 1) + '\uFEFF' + text.slice(text.length >> 1);
      const noise = [endings === 'keep' ? '' : endings, bom === 'none' ? '' : `bom:${bom}`].filter(Boolean).join(' ');
      return { ...base, kind: noise ? `${base.kind} [${noise}]` : base.kind, text };
    });
}

/** Mutated real code dominates: it is what reaches the analysis rather than stopping in the parser. */
export function fuzzCase(seeds: Seed[], options: { maxDepth?: number } = {}): fc.Arbitrary<FuzzCase> {
  const arbitrary = fc.oneof(
    { arbitrary: mutatedSeed(seeds), weight: 7 },
    { arbitrary: shuffledLines(seeds), weight: 4 },
    { arbitrary: corruptedSeed(seeds), weight: 2 },
    { arbitrary: surrogates(seeds), weight: 2 },
    { arbitrary: randomBytes, weight: 1 },
    { arbitrary: randomText, weight: 1 },
    { arbitrary: nearlyEmpty, weight: 1 },
    { arbitrary: longLines(seeds), weight: 1 },
    { arbitrary: deepNesting(options.maxDepth ?? 10_000), weight: 2 },
  );
  return fc
    .tuple(withEncodingNoise(arbitrary), folder)
    .map(([c, dir]) => ({ ...c, filePath: dir && c.filePath.startsWith('src/') ? dir + c.filePath.slice(4) : c.filePath }));
}
