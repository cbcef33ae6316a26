/** The last call in a snippet, bound and classified as the engine would: for binder and vocabulary tests. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import { Binder } from '../../server/src/engine/bind';
import { classifyByVocabulary } from '../../server/src/engine/classify';
import { childNodes } from '../../server/src/engine/flow';
import { isParseFailure, parseSource } from '../../server/src/engine/parse';
import { vocabularyFor } from '../../server/src/engine/vocabulary';

export function classifyLastCall(code: string, filename = 'file.ts') {
  const parsed = parseSource(code, filename);
  if (isParseFailure(parsed)) throw new Error(parsed.message);
  const binder = new Binder(parsed.scopeManager, vocabularyFor(undefined));
  let last: TSESTree.CallExpression | null = null;
  const stack: TSESTree.Node[] = [parsed.ast];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === T.CallExpression && (!last || node.range[0] > last.range[0])) last = node;
    stack.push(...childNodes(node));
  }
  const path = last ? binder.resolve(last.callee) : null;
  return { path: path ? path.join('.') : null, classified: last ? classifyByVocabulary(last, binder) : null };
}
