/**
 * Facts the flow model derives from one file. Each rule turns one kind of fact into
 * findings, so adding a rule never adds a traversal.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { CallEffect } from './effects';

/** Why a remote write is not confirmed at the point a destructive call runs. */
export type UnconfirmedReason =
  /** The destroy runs before the write starts. */
  | 'precedes'
  /** The write was started but its promise/callback was not awaited. */
  | 'floating'
  /** The write completed but its HTTP status was never checked. */
  | 'unchecked'
  /** The destroy sits on the write's failure path (catch, .catch, err branch). */
  | 'failurePath'
  /** The write's failure was caught and dropped before the destroy. */
  | 'swallowed';

export interface UnconfirmedWrite {
  /** The write call (or the call of a function that performs it). */
  write: TSESTree.Node;
  effect: CallEffect;
  reason: UnconfirmedReason;
}

export interface DestroyFact {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  effect: CallEffect;
  /** Empty when every relevant remote write was confirmed before the destroy. */
  unconfirmed: UnconfirmedWrite[];
  /** True when the destroy is lexically inside a catch/.catch/err branch handler. */
  onFailurePath: boolean;
}

export type FloatingKind =
  /** The promise is dropped: expression statement, or a variable never awaited. */
  | 'dropped'
  /** `void write()` */
  | 'voided'
  /** An async callback given to forEach (or similar): nobody waits for it. */
  | 'asyncCallbackDropped'
  /** A `.then(...)` chain with no rejection handler, dropped. */
  | 'chainWithoutCatch';

export interface FloatingWriteFact {
  call: TSESTree.CallExpression;
  effect: CallEffect;
  kind: FloatingKind;
  /** The expression whose promise is dropped (the call, or the end of its chain). */
  dropped: TSESTree.Node;
  /** True when `await` may legally be inserted before `dropped`. */
  canAwait: boolean;
}

export type SwallowKind = 'catchClause' | 'promiseCatch' | 'promiseThenRejection' | 'nodeCallback';

export interface SwallowedErrorFact {
  /** The handler node: CatchClause, the `.catch(` callback, or the node-style callback. */
  handler: TSESTree.Node;
  kind: SwallowKind;
  /** True when the handler only logs; reported only with `reportLogOnly`. */
  logOnly: boolean;
  /** The write whose failure is dropped. */
  write: TSESTree.Node;
  effect: CallEffect;
}

export interface UncheckedResponseFact {
  call: TSESTree.CallExpression;
  effect: CallEffect;
  /** The variable that holds the response, when there is one. */
  responseVariable?: TSESTree.Identifier;
  /** The statement after which a status check can be inserted. */
  declaration?: TSESTree.Statement;
  /** The awaited call's statement when the response is discarded (`await fetch(...)`). */
  discardedStatement?: TSESTree.ExpressionStatement;
}

export interface FileFacts {
  /** Every call the flow model classified, with its effects, in no particular order. */
  calls: ReadonlyMap<TSESTree.Node, readonly CallEffect[]>;
  destroys: DestroyFact[];
  floatingWrites: FloatingWriteFact[];
  swallowedErrors: SwallowedErrorFact[];
  uncheckedResponses: UncheckedResponseFact[];
}

export function emptyFacts(): FileFacts {
  return { calls: new Map(), destroys: [], floatingWrites: [], swallowedErrors: [], uncheckedResponses: [] };
}
