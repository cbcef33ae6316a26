import type { Severity } from '../engine/types';

const BY_NAME: Record<string, Severity> = { off: 0, warn: 1, error: 2 };

export const SEVERITY_HINT = 'off, warn, error, 0, 1 or 2';

/** ESLint's severity spellings: names (case-insensitive, as ESLint) or 0/1/2. */
export function parseSeverity(value: unknown): Severity | undefined {
  if (value === 0 || value === 1 || value === 2) return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower in BY_NAME) return BY_NAME[lower];
  if (lower === '0' || lower === '1' || lower === '2') return Number(lower) as Severity;
  return undefined;
}

export function severityName(severity: Severity): 'off' | 'warn' | 'error' {
  return severity === 2 ? 'error' : severity === 1 ? 'warn' : 'off';
}
