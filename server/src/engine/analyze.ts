import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { AnalyzedFile } from './analyzed-file';
import { Binder } from './bind';
import { emptyFacts } from './facts';
import type { VocabularyExtension } from './types';

export function analyzeParsedFile(source: string, filePath: string, ast: TSESTree.Program, scopeManager: ScopeManager, _vocabulary: VocabularyExtension): AnalyzedFile {
  return { source, filePath, ast, scopeManager, binder: new Binder(), facts: emptyFacts() };
}
