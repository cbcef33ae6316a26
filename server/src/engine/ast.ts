/**
 * The node-type enum and the visitor keys, bound once. Both libraries export them through
 * getters (TypeScript's CommonJS re-exports; a bundle's interop adds a second getter on
 * top), and the analysis reads them at almost every node it visits: through these
 * module-level bindings each read is a plain load. Engine and rules import them from here.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { visitorKeys as libraryVisitorKeys } from '@typescript-eslint/visitor-keys';

export const T = AST_NODE_TYPES;
export const visitorKeys: Readonly<Record<string, readonly string[] | undefined>> = libraryVisitorKeys;
