/**
 * Reading and editing configuration written as object literals: the props of an
 * infrastructure resource, driver options, ORM settings. The configuration rules
 * judge only values they can read for certain (a literal, a `const` bound to one, a
 * well-known enum member); anything computed is the author's call and stays silent.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import type { Binder } from '../server/src/engine/bind';
import { propertyName } from '../server/src/engine/bind';
import { indentationAt, lineEnding } from '../server/src/engine/source-edits';
import type { TextEdit } from '../server/src/engine/types';

const MAX_DEPTH = 6;

/** The name of a non-computed property key (`a`, `'a'`, `1`). */
export function keyName(prop: TSESTree.Property): string | null {
  if (prop.computed) {
    return prop.key.type === T.Literal && typeof prop.key.value === 'string' ? prop.key.value : null;
  }
  if (prop.key.type === T.Identifier) return prop.key.name;
  if (prop.key.type === T.Literal) return String(prop.key.value);
  return null;
}

/** Strips wrappers that do not change a value (`x as const`, `x!`, `(x)`, `x satisfies T`). */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === T.TSAsExpression ||
    current.type === T.TSNonNullExpression ||
    current.type === T.TSSatisfiesExpression ||
    current.type === T.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** The initialiser of a `const` an identifier refers to, when there is exactly one. */
export function constInitializer(id: TSESTree.Identifier, binder: Binder): TSESTree.Expression | null {
  const variable = binder.variableOf(id);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const declaration = declarator.parent as TSESTree.VariableDeclaration | undefined;
  if (declaration?.kind !== 'const' || declarator.id.type !== T.Identifier || !declarator.init) return null;
  return declarator.init;
}

/** Follows `const x = <value>` so `{ removalPolicy }` reads the same as `{ removalPolicy: RemovalPolicy.DESTROY }`. */
export function resolveConst(node: TSESTree.Node, binder: Binder, depth = 0): TSESTree.Node {
  const value = unwrap(node);
  if (value.type === T.Identifier && depth < MAX_DEPTH) {
    const init = constInitializer(value, binder);
    if (init) return resolveConst(init, binder, depth + 1);
  }
  return value;
}

export type Literal = boolean | number | string | null;

/** The literal a value certainly is, through consts; undefined when it is computed. */
export function literalValue(node: TSESTree.Node, binder: Binder): Literal | undefined {
  const value = resolveConst(node, binder);
  if (value.type === T.Literal) {
    const v = value.value;
    if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' || v === null) return v;
    return undefined;
  }
  if (value.type === T.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? undefined;
  if (value.type === T.UnaryExpression && value.operator === '-' && value.argument.type === T.Literal && typeof value.argument.value === 'number') {
    return -value.argument.value;
  }
  return undefined;
}

/** Text of a string literal, an expression-free template literal, or a `+` chain of them. */
export function stringOf(node: TSESTree.Node): string | null {
  // SQL is often split over lines with `+`: `'INSERT INTO a ' + 'SELECT … FROM b'`.
  // Iterative over the left-leaning chain: generated code chains thousands of `+`.
  const parts: string[] = [];
  let current: TSESTree.Node = node;
  while (current.type === T.BinaryExpression && current.operator === '+') {
    const right = stringPart(current.right);
    if (right === null) return null;
    parts.push(right);
    current = current.left;
  }
  const first = stringPart(current);
  if (first === null) return null;
  parts.push(first);
  return parts.reverse().join('');
}

function stringPart(node: TSESTree.Node): string | null {
  if (node.type === T.Literal && typeof node.value === 'string') return node.value;
  if (node.type === T.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}

/** `RemovalPolicy.DESTROY`, `cdk.RemovalPolicy.DESTROY` → ['RemovalPolicy', 'DESTROY'] (the last two names as written). */
export function memberTail(node: TSESTree.Node, binder: Binder): [string, string] | null {
  const value = resolveConst(node, binder);
  if (value.type !== T.MemberExpression) return null;
  const prop = propertyName(value);
  const object = value.object;
  const objectName = object.type === T.Identifier ? object.name : object.type === T.MemberExpression ? propertyName(object) : null;
  return prop && objectName ? [objectName, prop] : null;
}

export interface PropertyEntry {
  prop: TSESTree.Property;
  /** The object literal the property is written in. */
  owner: TSESTree.ObjectExpression;
}

export interface ObjectProps {
  entries: Map<string, PropertyEntry>;
  /** A spread or computed key we could not read may set any property. */
  open: boolean;
  /** The literal written at the call site, where a fix can add a property. */
  literal: TSESTree.ObjectExpression | null;
}

/**
 * The properties an options argument certainly has: object literals, `const`s bound
 * to them, and spreads of those. Later properties win, as at run time.
 */
export function objectProps(node: TSESTree.Node | undefined, binder: Binder): ObjectProps | null {
  if (!node) return null;
  const direct = unwrap(node);
  const resolved = resolveConst(direct, binder);
  if (resolved.type !== T.ObjectExpression) return null;
  const result: ObjectProps = { entries: new Map(), open: false, literal: direct.type === T.ObjectExpression ? direct : null };
  collect(resolved, binder, result, 0);
  return result;
}

function collect(object: TSESTree.ObjectExpression, binder: Binder, into: ObjectProps, depth: number): void {
  for (const p of object.properties) {
    if (p.type === T.SpreadElement) {
      const spread = depth < MAX_DEPTH ? resolveConst(p.argument, binder) : null;
      if (spread && spread.type === T.ObjectExpression) collect(spread, binder, into, depth + 1);
      else into.open = true;
      continue;
    }
    const name = keyName(p);
    if (name === null) {
      into.open = true;
      continue;
    }
    into.entries.set(name, { prop: p, owner: object });
  }
}

export function isLiteral(node: TSESTree.Node, binder: Binder, expected: Literal): boolean {
  return literalValue(node, binder) === expected;
}

// ------------------------------------------------------------------ guards

const NON_PRODUCTION_NAME = /^(is|in|use|enable)?_?(dev|development|local|test|testing|debug|e2e|ci|sandbox|demo)(env|environment|mode|build|stage)?$/i;
const PRODUCTION_NAME = /^(is|in)?_?(prod|production|live|release)(env|environment|mode|build|stage)?$/i;
const NON_PRODUCTION_VALUE = /^(dev|development|local|test|testing|e2e|ci|sandbox|demo)$/i;
const PRODUCTION_VALUE = /^(prod|production|live)$/i;

/**
 * True when `test` holding means "not production": `process.env.NODE_ENV !== 'production'`,
 * `NODE_ENV === 'development'`, `__DEV__`, `isDev`, `!isProd`, `import.meta.env.DEV`.
 * False when it means "production"; null when it says neither.
 */
export function nonProductionMeaning(test: TSESTree.Node): boolean | null {
  const node = unwrap(test);
  switch (node.type) {
    case T.UnaryExpression:
      if (node.operator === '!') {
        const inner = nonProductionMeaning(node.argument);
        return inner === null ? null : !inner;
      }
      return null;
    case T.Identifier:
    case T.MemberExpression: {
      const name = node.type === T.Identifier ? node.name : propertyName(node);
      if (!name) return null;
      if (name === '__DEV__' || name === 'DEV' || NON_PRODUCTION_NAME.test(name)) return true;
      if (name === 'PROD' || PRODUCTION_NAME.test(name)) return false;
      if (name === 'isPackaged') return false;
      return null;
    }
    case T.BinaryExpression: {
      const equal = node.operator === '===' || node.operator === '==';
      const notEqual = node.operator === '!==' || node.operator === '!=';
      if (!equal && !notEqual) return null;
      const text = stringOf(node.right) ?? stringOf(node.left);
      if (text === null) return null;
      let meansNonProd: boolean | null = null;
      if (PRODUCTION_VALUE.test(text)) meansNonProd = false;
      else if (NON_PRODUCTION_VALUE.test(text)) meansNonProd = true;
      if (meansNonProd === null) return null;
      return equal ? meansNonProd : !meansNonProd;
    }
    case T.LogicalExpression: {
      const left = nonProductionMeaning(node.left);
      const right = nonProductionMeaning(node.right);
      if (node.operator === '||') return left === true && right === true ? true : left === false && right === false ? false : left === true || right === true ? true : null;
      if (node.operator === '&&') return left === true || right === true ? true : null;
      return null;
    }
    case T.CallExpression: {
      // `isDev()`, `config.isProduction()`
      const callee = node.callee;
      const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? propertyName(callee) : null;
      if (!name) return null;
      if (NON_PRODUCTION_NAME.test(name)) return true;
      if (PRODUCTION_NAME.test(name)) return false;
      return null;
    }
    default:
      return null;
  }
}

/** Whether `node` only runs, or is only chosen, when a non-production condition holds. */
export function insideNonProductionGuard(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === T.IfStatement || parent.type === T.ConditionalExpression) {
      const meaning = nonProductionMeaning(parent.test);
      if (meaning !== null && child !== parent.test) {
        if (child === parent.consequent && meaning) return true;
        if (child === parent.alternate && !meaning) return true;
      }
    }
    if (parent.type === T.LogicalExpression && parent.operator === '&&' && child === parent.right && nonProductionMeaning(parent.left) === true) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

const TEST_PATH = /(^|[\\/])(test|tests|__tests__|__mocks__|spec|specs|e2e|integ|integration-tests?|fixtures?)([\\/])|[.\-_](test|spec|e2e|integ)\.[cm]?[jt]sx?$|(^|[\\/])integ\.[^\\/]+$/i;

export function isTestFile(filePath: string): boolean {
  return TEST_PATH.test(filePath);
}

/** Synthesised infrastructure output (`cdk.out/`, integ-test `*.snapshot/` assets): bundles of code that lives elsewhere. */
const GENERATED_OUTPUT = /(^|[\\/])(cdk\.out|[^\\/]+\.snapshot)[\\/]/;

export function isGeneratedOutput(filePath: string): boolean {
  return GENERATED_OUTPUT.test(filePath);
}

// ------------------------------------------------------------------ edits

export function replaceNode(node: TSESTree.Node, text: string): TextEdit {
  return { range: [node.range[0], node.range[1]], text };
}

/** Adds `text` (e.g. `versioned: true`) as the last property of an object literal, in its style. */
export function insertProperty(source: string, object: TSESTree.ObjectExpression, text: string): TextEdit {
  const props = object.properties;
  if (props.length === 0) {
    const inner = source.slice(object.range[0] + 1, object.range[1] - 1);
    if (inner.trim() === '') return { range: [object.range[0], object.range[1]], text: `{ ${text} }` };
    return { range: [object.range[0] + 1, object.range[0] + 1], text: ` ${text},` };
  }
  const last = props[props.length - 1];
  const afterLast = source.slice(last.range[1], object.range[1] - 1);
  const trailingComma = /^\s*,/.test(afterLast);
  const commaEnd = trailingComma ? last.range[1] + afterLast.indexOf(',') + 1 : last.range[1];
  let lineEnd = last.range[1];
  while (lineEnd < source.length && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
  const rest = source.slice(last.range[1], Math.min(lineEnd, object.range[1] - 1));
  const multiline = source.slice(object.range[0], last.range[0]).includes('\n') && lineEnd < object.range[1] - 1;
  if (!multiline) {
    return trailingComma ? { range: [commaEnd, commaEnd], text: ` ${text},` } : { range: [last.range[1], last.range[1]], text: `, ${text}` };
  }
  // One property per line: keep whatever follows the last one on its line (a comma, a comment) where it is.
  const eol = lineEnding(source);
  const indent = indentationAt(source, last.range[0]);
  if (trailingComma) return { range: [lineEnd, lineEnd], text: `${eol}${indent}${text},` };
  return { range: [last.range[1], lineEnd], text: `,${rest}${eol}${indent}${text}` };
}

/** Removes a property with its comma (and its line, when it has one to itself). */
export function removeProperty(source: string, object: TSESTree.ObjectExpression, prop: TSESTree.Property): TextEdit {
  const index = object.properties.indexOf(prop as TSESTree.ObjectLiteralElement);
  const next = object.properties[index + 1];
  const previous = object.properties[index - 1];
  let start = prop.range[0];
  let end = prop.range[1];
  const after = source.slice(end, next ? next.range[0] : object.range[1] - 1);
  const commaOffset = after.search(/\S/);
  if (commaOffset >= 0 && after[commaOffset] === ',') end += commaOffset + 1;
  let lineStart = start;
  while (lineStart > 0 && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart--;
  const ownLine = lineStart === 0 || source[lineStart - 1] === '\n';
  let lineEnd = end;
  while (lineEnd < source.length && (source[lineEnd] === ' ' || source[lineEnd] === '\t')) lineEnd++;
  if (ownLine && (source[lineEnd] === '\n' || source[lineEnd] === '\r')) {
    start = lineStart;
    end = source[lineEnd] === '\r' && source[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    return { range: [start, end], text: '' };
  }
  if (end === prop.range[1] && previous) {
    // The last property without a trailing comma: take the comma before it.
    return { range: [previous.range[1], prop.range[1]], text: '' };
  }
  while (end < source.length && source[end] === ' ') end++;
  return { range: [start, end], text: '' };
}
