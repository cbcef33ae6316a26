/** Small AST helpers shared by rules. */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from '../server/src/engine/ast';
import { propertyName, type Binder } from '../server/src/engine/bind';
import { expressionWords, jsonArgument, splitWords } from '../server/src/engine/classify';
import type { CallEffect } from '../server/src/engine/effects';
import { constInitializer, fileCallOf, isDisposablePath, isTempPath } from './file-state';
import { freshName, insertLinesAfter, isReferenceableName } from '../server/src/engine/source-edits';
import type { TextEdit } from '../server/src/engine/types';

/** The statement that directly holds `node` in a block (or the program), if any. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Statement | null {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === T.BlockStatement || parent.type === T.Program || parent.type === T.SwitchCase) {
      return current as TSESTree.Statement;
    }
    if (parent.type === T.ArrowFunctionExpression || parent.type === T.FunctionExpression || parent.type === T.FunctionDeclaration) return null;
    current = parent;
  }
  return null;
}

export function calleeText(source: string, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const text = source.slice(call.callee.range[0], call.callee.range[1]).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The condition that means "this upload failed", in the client's own vocabulary. */
export function failedStatusCondition(effect: CallEffect, variable: string): string {
  // expo-file-system's upload result has a status but no `ok`.
  if (/uploadAsync$/.test(effect.api)) return `${variable}.status < 200 || ${variable}.status >= 300`;
  if (/^axios|\.(post|put|patch)$/.test(effect.api) && !/^(fetch|ky)/.test(effect.api)) {
    return `${variable}.status < 200 || ${variable}.status >= 300`;
  }
  if (/^(got|undici)/.test(effect.api)) return `${variable}.statusCode < 200 || ${variable}.statusCode >= 300`;
  return `!${variable}.ok`;
}

function statusExpression(effect: CallEffect, variable: string): string {
  return /^(got|undici)/.test(effect.api) ? `${variable}.statusCode` : `${variable}.status`;
}

/**
 * `if (!res.ok) throw new Error(...)` after the statement that declares `res`; null when
 * `res` is a word the check could not refer to (`var await = …` in a module).
 */
export function insertStatusCheck(source: string, declaration: TSESTree.Node, variable: string, effect: CallEffect): TextEdit | null {
  return isReferenceableName(variable) ? statusCheckAfter(source, declaration, variable, effect) : null;
}

function statusCheckAfter(source: string, declaration: TSESTree.Node, variable: string, effect: CallEffect): TextEdit {
  return insertLinesAfter(source, declaration, [
    `if (${failedStatusCondition(effect, variable)}) throw new Error(\`Upload failed: HTTP \${${statusExpression(effect, variable)}}\`);`,
  ]);
}

/** `await fetch(...)` as a statement → keep the response and check it. */
export function bindAndCheck(source: string, statement: TSESTree.ExpressionStatement, effect: CallEffect): TextEdit {
  const fn = enclosingFunctionText(source, statement);
  const name = freshName(fn, 'response');
  const expression = source.slice(statement.expression.range[0], statement.expression.range[1]);
  const check = statusCheckAfter(source, statement, name, effect);
  return { range: [statement.range[0], statement.range[1]], text: `const ${name} = ${expression};${check.text}` };
}

function enclosingFunctionText(source: string, node: TSESTree.Node): string {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && current.type !== T.FunctionDeclaration && current.type !== T.FunctionExpression && current.type !== T.ArrowFunctionExpression) {
    current = current.parent;
  }
  return current ? source.slice(current.range[0], current.range[1]) : source;
}

export function lineOf(node: TSESTree.Node): number {
  return node.loc.start.line;
}

/**
 * The function a statement really belongs to: inline callbacks (`.then(() => …)`,
 * `items.forEach(…)`, `db.transaction(…, () => …)`) count as part of the function
 * that passes them, because their code runs as part of its work.
 */
export function logicalFunction(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node.parent;
  let candidate: TSESTree.Node | null = null;
  while (current) {
    if (current.type === T.ArrowFunctionExpression || current.type === T.FunctionExpression || current.type === T.FunctionDeclaration) {
      candidate = current;
      const owner = current.parent;
      const inline = (owner?.type === T.CallExpression || owner?.type === T.NewExpression) && owner.arguments.includes(current as TSESTree.CallExpressionArgument);
      if (!inline) return current;
    }
    if (current.type === T.Program) return candidate ?? current;
    current = current.parent;
  }
  return candidate ?? node;
}

export function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** Classified calls inside `outer`, in source order. */
export function classifiedCallsWithin(
  calls: ReadonlyMap<TSESTree.Node, readonly CallEffect[]>,
  outer: TSESTree.Node,
): Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; effect: CallEffect }> {
  const out: Array<{ node: TSESTree.CallExpression | TSESTree.NewExpression; effect: CallEffect }> = [];
  for (const [node, effects] of calls) {
    if (!within(node, outer)) continue;
    for (const effect of effects) out.push({ node: node as TSESTree.CallExpression, effect });
  }
  return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** The method name a call ends with (`db.notes.clear()` → `clear`). */
export function calledName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = call.callee;
  if (callee.type === T.Identifier) return callee.name;
  if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier) return callee.property.name;
  return null;
}

/** A function's name as a caller sees it: declarations, `const f = …`, methods, object properties. */
export function functionDisplayName(fn: TSESTree.Node): string | null {
  if ((fn.type === T.FunctionDeclaration || fn.type === T.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return null;
  if (parent.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if ((parent.type === T.MethodDefinition || parent.type === T.PropertyDefinition || parent.type === T.Property) && parent.key.type === T.Identifier) return parent.key.name;
  // `const logout = useCallback(async () => …, [])`
  if (parent.type === T.CallExpression && parent.parent?.type === T.VariableDeclarator && parent.parent.id.type === T.Identifier) return parent.parent.id.name;
  return null;
}

// ------------------------------------------------------------------ what a write stores

/**
 * Words that name how the app looks or where the user was, telemetry, or logs — never
 * something the user made: window geometry, layout, theme, zoom, the last tab, dismissed
 * banners, onboarding progress, feature toggles, analytics flags, log files.
 */
const UI_STATE_WORDS = new Set([
  'ui', 'theme', 'appearance', 'layout', 'sidebar', 'panel', 'pane', 'tab', 'tabs', 'window', 'bounds', 'width', 'height',
  'zoom', 'scroll', 'collapsed', 'expanded', 'dismissed', 'seen', 'onboarding', 'tutorial', 'tour', 'tooltip', 'hint', 'banner',
  'welcome', 'locale', 'language', 'lang', 'i18n', 'telemetry', 'analytics', 'tracking', 'metrics', 'enabled', 'disabled',
]);
/** Words that name the user's preferences as a whole. */
const PREFERENCE_WORDS = new Set(['settings', 'setting', 'preferences', 'preference', 'prefs', 'pref']);

function wordsOf(node: TSESTree.Node, binder: Binder): string[] {
  return textWords(node, binder, 0)
    .split(/[^A-Za-z0-9]+/)
    .flatMap((w) => splitWords(w));
}

/**
 * The words an expression spells, as `expressionWords` reads them, and also through a property
 * of a const object (`CONFIG.file` → `'window-state.json'`, also `Object.assign({ … }, options)`).
 */
function textWords(node: TSESTree.Node, binder: Binder, depth: number): string {
  if (depth > 4) return '';
  // `'note-' + activeTab.id`, `notes/${tab.id}`: the text names what is stored; the
  // expressions only say which one.
  const fixedText = keyText(node);
  if (fixedText !== null) return fixedText;
  if (node.type === T.MemberExpression && !node.computed && node.property.type === T.Identifier && node.object.type === T.Identifier) {
    const value = constObjectProperty(node.object, node.property.name, binder);
    if (value) return `${node.object.name} ${node.property.name} ${textWords(value, binder, depth + 1)}`;
  }
  if (node.type === T.CallExpression) {
    return [textWords(node.callee, binder, depth + 1), ...node.arguments.map((a) => textWords(a, binder, depth + 1))].join(' ');
  }
  if (node.type === T.Identifier) {
    // Only a name that keeps its first value says what it holds.
    const init = constInitializer(node, binder);
    if (init) return `${node.name} ${textWords(init, binder, depth + 1)}`;
  }
  return expressionWords(node, binder);
}

/** The fixed text of a key built from text and expressions, when the text has letters. */
function keyText(node: TSESTree.Node): string | null {
  const parts: string[] = [];
  if (node.type === T.TemplateLiteral && node.expressions.length > 0) {
    for (const q of node.quasis) parts.push(q.value.cooked ?? '');
  } else if (node.type === T.BinaryExpression && node.operator === '+') {
    for (const side of [node.left, node.right]) {
      if (side.type === T.Literal && typeof side.value === 'string') parts.push(side.value);
      else parts.push(keyText(side) ?? '');
    }
  } else {
    return null;
  }
  const text = parts.join(' ');
  return /[A-Za-z]/.test(text) ? text : null;
}

function constObjectProperty(object: TSESTree.Identifier, name: string, binder: Binder): TSESTree.Node | null {
  const def = binder.variableOf(object)?.defs[0];
  if (def?.type !== 'Variable') return null;
  let init: TSESTree.Node | null | undefined = (def.node as TSESTree.VariableDeclarator).init;
  // `Object.assign({ file: 'x.json' }, options)`: the literal holds the default.
  if (init?.type === T.CallExpression && init.callee.type === T.MemberExpression && propertyName(init.callee) === 'assign') init = init.arguments[0];
  if (init?.type !== T.ObjectExpression) return null;
  for (const p of init.properties) {
    if (p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === name) return p.value;
  }
  return null;
}

/**
 * A storage key, a file path or a value's name that says it holds UI state, telemetry or a log
 * (and, with `preferences`, the user's settings): losing one write of it costs a preference, not data.
 */
export function namesUiState(node: TSESTree.Node, binder: Binder, preferences = false): boolean {
  return wordsOf(node, binder).some((w) => UI_STATE_WORDS.has(w) || (preferences && PREFERENCE_WORDS.has(w)));
}

/** A value fixed in the code: literals, `[]`/`{}` of them, `-1`, `JSON.stringify(...)` of one, a `const` holding one. */
function isCompileTimeConstant(node: TSESTree.Node, binder: Binder, depth = 0): boolean {
  if (depth > 6) return false;
  switch (node.type) {
    case T.Literal:
      return !('regex' in node && node.regex);
    case T.TemplateLiteral:
      return node.expressions.every((e) => isCompileTimeConstant(e, binder, depth + 1));
    case T.UnaryExpression:
      return isCompileTimeConstant(node.argument, binder, depth + 1);
    case T.ArrayExpression:
      return node.elements.every((e) => !!e && e.type !== T.SpreadElement && isCompileTimeConstant(e, binder, depth + 1));
    case T.ObjectExpression:
      return node.properties.every((p) => p.type === T.Property && !p.computed && isCompileTimeConstant(p.value, binder, depth + 1));
    case T.Identifier: {
      if (node.name === 'undefined') return true;
      const def = binder.variableOf(node)?.defs[0];
      if (def?.type !== 'Variable' || (def.parent as TSESTree.VariableDeclaration | undefined)?.kind !== 'const') return false;
      const init = (def.node as TSESTree.VariableDeclarator).init;
      return !!init && isCompileTimeConstant(init, binder, depth + 1);
    }
    case T.MemberExpression:
      // `KEYS.theme`, `Storage.FLAG`: a property of a constant object or a class constant.
      return !node.computed && node.object.type === T.Identifier && (/^[A-Z][A-Z0-9_]*$/.test(node.object.name) || /^[A-Z][A-Z0-9_]*$/.test(propertyName(node) ?? '')) && binder.variableOf(node.object) !== null;
    case T.CallExpression: {
      const value = jsonArgument(node);
      return value !== null && isCompileTimeConstant(value, binder, depth + 1);
    }
    case T.TSAsExpression:
    case T.TSSatisfiesExpression:
      return isCompileTimeConstant(node.expression, binder, depth + 1);
    default:
      return false;
  }
}

/** Project functions whose job is to delete: a failed delete leaves the data where it was. */
const REMOVAL_VERBS = new Set(['remove', 'delete', 'clear', 'purge', 'unset', 'drop', 'discard', 'evict', 'forget', 'revoke', 'unlink', 'erase']);
/** Project functions that send the data they keep, whatever options they are given (`sync({ force: true })`). */
const STORED_DATA_VERBS = new Set(['sync', 'flush', 'push', 'upload', 'backup', 'replicate', 'commit', 'persist', 'save']);

function summaryVerb(effect: CallEffect): string {
  return splitWords(effect.api.split('.').pop() ?? '')[0] ?? '';
}

/** A call of a project function named for deleting (`removePendingIds`, `deleteSecret`). */
export function isRemovalFunction(effect: CallEffect): boolean {
  return effect.source === 'summary' && REMOVAL_VERBS.has(summaryVerb(effect));
}

/**
 * A write that stores nothing the user made: UI state, settings or a log (by its key, its
 * path or its value's name), or a value fixed in the code (a flag, a `{ type: 'resync' }`
 * signal). For a project function only the last can be told from the call, and not for one
 * that sends what it keeps (`sync({ force: true })`).
 */
export function writesNoUserData(call: TSESTree.CallExpression | TSESTree.NewExpression, effect: CallEffect, binder: Binder, source: string): boolean {
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== T.SpreadElement);
  const allConstant = args.length > 0 && args.length === call.arguments.length && args.every((a) => isCompileTimeConstant(a, binder));
  if (effect.source === 'summary') return allConstant && !STORED_DATA_VERBS.has(summaryVerb(effect));
  if (allConstant) return true;
  // A file written into a temp folder (chosen here or by every caller in the file) is scratch
  // work; a cache, lock, pid or log file costs a recomputation at most.
  const file = call.type === T.CallExpression ? fileCallOf(call, binder) : null;
  if (file?.target && !file.viaHandle && (isTempPath(file.target, binder, source) || isDisposablePath(file.target, binder, source))) return true;
  const [target, payload] = args;
  if (target && namesUiState(target, binder, true)) return true;
  if (payload && effect.class === 'localWrite') {
    if (isCompileTimeConstant(payload, binder)) return true;
    const named = namedValue(payload);
    if (named && namesUiState(named, binder, true)) return true;
  }
  return false;
}

/** `settings`, `this.prefs`, `JSON.stringify(layout)`: a value that carries its own name. */
function namedValue(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type === T.Identifier || node.type === T.MemberExpression) return node;
  if (node.type === T.CallExpression && node.callee.type === T.MemberExpression && node.callee.object.type === T.Identifier && node.callee.object.name === 'JSON') {
    const arg = node.arguments[0];
    return arg && (arg.type === T.Identifier || arg.type === T.MemberExpression) ? arg : null;
  }
  return null;
}
