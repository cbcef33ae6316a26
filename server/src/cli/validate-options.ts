/**
 * Validates rule options against the subset of JSON Schema rule metas use:
 * type, properties, additionalProperties, enum, items. A full validator would
 * be a dependency for five keywords; anything else in a schema is ignored.
 */
import type { JsonSchema } from '../engine/rule-api';

export interface OptionProblem {
  /** JSON path below the value's own path, e.g. `.reportLogOnly` or `.names[2]`. */
  path: string;
  message: string;
}

export function validateOptions(value: unknown, schema: JsonSchema, path = ''): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    problems.push({ path, message: `expected ${article(schema.type)}, got ${describe(value)}` });
    return problems;
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
    problems.push({ path, message: `expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}` });
  }
  if (isPlainObject(value)) {
    const properties = schema.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key];
      if (childSchema) {
        problems.push(...validateOptions(child, childSchema, `${path}.${key}`));
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        const hint = known.length > 0 ? ` (known options: ${known.join(', ')})` : ' (this rule takes no options)';
        problems.push({ path: `${path}.${key}`, message: `unknown option${hint}` });
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => problems.push(...validateOptions(item, schema.items!, `${path}[${index}]`)));
  }
  return problems;
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
