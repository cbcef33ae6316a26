/**
 * One iterative depth-first walk that feeds every rule's node visitors, so adding a
 * rule never adds a traversal and deep nesting cannot overflow the stack.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from './ast';
import type { RuleVisitors } from './rule-api';

/**
 * Subtrees that only describe types: no rule looks for calls, writes or settings in
 * them, and in TypeScript code they are a good share of all nodes.
 */
const TYPE_ONLY = new Set<string>([
  'TSTypeAnnotation',
  'TSTypeParameterDeclaration',
  'TSTypeParameterInstantiation',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSClassImplements',
  'TSInterfaceHeritage',
]);

export function traverse(ast: TSESTree.Program, visitorSets: readonly RuleVisitors[]): void {
  const byType = new Map<string, Array<(node: TSESTree.Node) => void>>();
  for (const visitors of visitorSets) {
    for (const [type, fn] of Object.entries(visitors)) {
      if (!fn) continue;
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(fn);
    }
  }
  const stack: TSESTree.Node[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const handlers = byType.get(node.type);
    if (handlers) for (const h of handlers) h(node);
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as TSESTree.Node | null;
          if (child && typeof child === 'object' && !TYPE_ONLY.has(child.type)) stack.push(child);
        }
      } else if (value && typeof value === 'object' && 'type' in value && !TYPE_ONLY.has((value as TSESTree.Node).type)) {
        stack.push(value as TSESTree.Node);
      }
    }
  }
  const exits = byType.get('Program:exit');
  if (exits) for (const h of exits) h(ast);
}
