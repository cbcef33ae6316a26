/** The rule registry: every rule the engine knows, in documentation order. */
import type { RuleModule } from '../server/src/engine/rule-api';
import { noDestroyBeforeBackup } from './no-destroy-before-backup';
import { noFloatingWrite } from './no-floating-write';
import { noSwallowedWriteError } from './no-swallowed-write-error';
import { noUncheckedUploadResponse } from './no-unchecked-upload-response';

export const allRules: RuleModule<any>[] = [noDestroyBeforeBackup, noFloatingWrite, noSwallowedWriteError, noUncheckedUploadResponse];

export function findRule(id: string): RuleModule<any> | undefined {
  return allRules.find((rule) => rule.id === id);
}
