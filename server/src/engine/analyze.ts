/**
 * Runs binding and the flow model over one parsed file and gathers the facts every
 * rule reads. One flow pass per file; the syntactic checks run only on the calls the
 * flow pass classified.
 */
import type { TSESTree } from '@typescript-eslint/types';
import { T } from './ast';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { AnalyzedFile } from './analyzed-file';
import { Binder } from './bind';
import { floatingWrite, isObservedWrite, swallowedByCallback, swallowedByCatchClause, swallowedInChain, uncheckedResponse } from './call-facts';
import { emptyFacts, type FileFacts } from './facts';
import { FlowAnalysis, isFunction } from './flow';
import type { VocabularyExtension } from './types';
import { vocabularyFor } from './vocabulary';
import type { Project } from './project';

export function analyzeParsedFile(
  source: string,
  filePath: string,
  ast: TSESTree.Program,
  scopeManager: ScopeManager,
  vocabularyExtension: VocabularyExtension | undefined,
  project?: Project,
  /** The path below the linted folder, for file roles (`AnalyzedFile.rolePath`). */
  rolePath = filePath,
): AnalyzedFile {
  const binder = new Binder(scopeManager, vocabularyFor(vocabularyExtension), { project, filePath });
  const flow = new FlowAnalysis(binder, ast);
  flow.run();
  const facts = emptyFacts();
  facts.calls = flow.callEffects;
  facts.destroys = [...flow.destroyFacts.values()];
  collectCallFacts(flow, binder, facts);
  return { source, filePath, rolePath, ast, scopeManager, binder, facts };
}

function collectCallFacts(flow: FlowAnalysis, binder: Binder, facts: FileFacts): void {
  const swallowedKeys = new Set<TSESTree.Node>();
  for (const [node, effects] of flow.callEffects) {
    if (node.type !== T.CallExpression) continue;
    for (const effect of effects) {
      const floating = floatingWrite(node, effect, binder);
      if (floating) facts.floatingWrites.push(floating);
      const unchecked = uncheckedResponse(node, effect, binder);
      if (unchecked) facts.uncheckedResponses.push(unchecked);
      for (const swallowed of [swallowedInChain(node, effect), swallowedByCallback(node, effect, binder)]) {
        if (swallowed && !swallowedKeys.has(swallowed.handler)) {
          swallowedKeys.add(swallowed.handler);
          facts.swallowedErrors.push(swallowed);
        }
      }
      if (isObservedWrite(node, effect)) {
        const handler = nearestCatch(node);
        if (handler && !swallowedKeys.has(handler)) {
          const swallowed = swallowedByCatchClause(handler, node, effect);
          if (swallowed) {
            swallowedKeys.add(handler);
            facts.swallowedErrors.push(swallowed);
          }
        }
      }
    }
  }
}

/** The catch clause that would receive this call's failure, within the same function. */
export function nearestCatch(node: TSESTree.Node): TSESTree.CatchClause | null {
  let current: TSESTree.Node = node;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunction(parent)) return null;
    if (parent.type === T.TryStatement && parent.block === current) return parent.handler;
    current = parent;
  }
  return null;
}
