/**
 * What a rule is and what it receives. A rule never does I/O and never touches the
 * protocol: it reads the analysed file and reports through its context.
 */
import type { TSESTree } from '@typescript-eslint/types';
import type { AnalyzedFile } from './analyzed-file';
import type { TextEdit } from './types';

export type JsonSchema = {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  description?: string;
  default?: unknown;
};

export interface RuleMeta {
  type: 'problem' | 'suggestion';
  docs: {
    /** One sentence; the docs page starts with exactly this text. */
    description: string;
    recommended: boolean;
  };
  /** Messages by id, with {{placeholders}}. Report sites never carry inline strings. */
  messages: Record<string, string>;
  /** JSON schema of the single options object (ESLint's `[options]` form). */
  schema: JsonSchema[];
  fixable?: 'code';
  hasSuggestions?: boolean;
  defaultSeverity: 'error' | 'warn';
  /**
   * `application` (the default): the rule is about users' data and stays silent in test
   * code and developer tooling (see file-role.ts). `all`: infrastructure, migrations and
   * database settings matter wherever they are written.
   */
  appliesTo?: 'application' | 'all';
}

export interface ReportSuggestion {
  messageId: string;
  data?: Record<string, string | number>;
  fix: TextEdit;
}

export interface ReportRelated {
  node: TSESTree.Node;
  /** Set when `node` belongs to another file (a summary's inner call). */
  filePath?: string;
  messageId: string;
  data?: Record<string, string | number>;
}

export interface ReportDescriptor {
  node: TSESTree.Node;
  /** Report on a narrower range than the node (e.g. only the callee of a call). */
  range?: [number, number];
  messageId: string;
  data?: Record<string, string | number>;
  fix?: TextEdit;
  suggest?: ReportSuggestion[];
  related?: ReportRelated[];
}

export interface RuleContext<Options> {
  readonly options: Options;
  readonly file: AnalyzedFile;
  report(descriptor: ReportDescriptor): void;
}

/**
 * Node visitors keyed by node type (`CallExpression`), plus `Program:exit`. Every
 * rule's visitors are fed by one shared traversal of the file, as in ESLint.
 */
export type RuleVisitors = { [nodeType: string]: ((node: any) => void) | undefined };

export interface RuleModule<Options extends object = Record<string, unknown>> {
  /** Bare id, e.g. `no-floating-write`; ESLint's form is `durability/<id>`. */
  id: string;
  meta: RuleMeta;
  defaultOptions: Options;
  /** Turn the flow model's facts into reports. */
  check?(context: RuleContext<Options>): void;
  /** Or (and) look at nodes during the shared traversal. */
  create?(context: RuleContext<Options>): RuleVisitors;
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/durability-lint/durability-lint/blob/main/rules/docs/${ruleId}.md`;
}

/** Replaces `{{name}}` placeholders, as ESLint does. Unknown names stay verbatim. */
export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole,
  );
}
