/**
 * The output formats by name. A new format is one file in this folder exporting a
 * `Formatter`, plus its line here; `--format` validates against these keys.
 */
import type { Formatter } from './types';
import { stylish } from './stylish';
import { json } from './json';
import { sarif } from './sarif';
import { github } from './github';
import { rdjson } from './rdjson';
import { junit } from './junit';
import { gitlab } from './gitlab';

export type { Formatter, FormatterContext } from './types';

const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish,
  json,
  sarif,
  github,
  rdjson,
  junit,
  gitlab,
};

export const DEFAULT_FORMAT = 'stylish';

export function formatterNames(): string[] {
  return Object.keys(FORMATTERS);
}

export function getFormatter(name: string): Formatter | undefined {
  return Object.prototype.hasOwnProperty.call(FORMATTERS, name) ? FORMATTERS[name] : undefined;
}
