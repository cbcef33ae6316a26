/**
 * The analysed file a rule receives: source, AST, bindings and the facts the flow
 * model derived in one pass. Rules read facts; they never re-walk the tree for flow.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { FileFacts } from './facts';
import type { Binder } from './bind';

export interface AnalyzedFile {
  filePath: string;
  /**
   * The path below the folder the user linted (the file path when outside it): what a
   * rule reads the kind of file from, so a checkout under `~/tests/` is not all tests.
   */
  rolePath: string;
  source: string;
  ast: TSESTree.Program;
  scopeManager: ScopeManager;
  binder: Binder;
  facts: FileFacts;
}
