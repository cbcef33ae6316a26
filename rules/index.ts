/** The rule registry: every rule the engine knows, in documentation order. */
import type { RuleModule } from '../server/src/engine/rule-api';
import { noDestroyBeforeBackup } from './no-destroy-before-backup';
import { noFloatingWrite } from './no-floating-write';
import { noSwallowedWriteError } from './no-swallowed-write-error';
import { noUncheckedUploadResponse } from './no-unchecked-upload-response';
import { noDestroyOnError } from './no-destroy-on-error';
import { noWipeThenRefill } from './no-wipe-then-refill';
import { noResetWithoutSync } from './no-reset-without-sync';
import { noUnfinishedWriteAtExit } from './no-unfinished-write-at-exit';
import { noNonAtomicOverwrite } from './no-non-atomic-overwrite';
import { noRenameWithoutFsync } from './no-rename-without-fsync';
import { noReadFailureAsEmpty } from './no-read-failure-as-empty';
import { noUncheckedBatchResult } from './no-unchecked-batch-result';
import { noUnacknowledgedWrite } from './no-unacknowledged-write';
import { noSinglePointOfStorage } from './no-single-point-of-storage';
import { noDestructiveMigration } from './no-destructive-migration';

export const allRules: RuleModule<any>[] = [
  noDestroyBeforeBackup,
  noFloatingWrite,
  noSwallowedWriteError,
  noUncheckedUploadResponse,
  noDestroyOnError,
  noWipeThenRefill,
  noResetWithoutSync,
  noReadFailureAsEmpty,
  noUnfinishedWriteAtExit,
  noNonAtomicOverwrite,
  noRenameWithoutFsync,
  noUncheckedBatchResult,
  noUnacknowledgedWrite,
  noSinglePointOfStorage,
  noDestructiveMigration,
];

export function findRule(id: string): RuleModule<any> | undefined {
  return allRules.find((rule) => rule.id === id);
}
