/** Small AST helpers shared by rules. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { CallEffect } from '../server/src/engine/effects';
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
