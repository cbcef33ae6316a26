import * as assert from 'node:assert/strict';
import { validateOptions } from '../../server/src/cli/validate-options';
import type { JsonSchema } from '../../server/src/engine/rule-api';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['strict', 'loose'] },
    names: { type: 'array', items: { type: 'string' } },
    depth: { type: 'integer' },
    ratio: { type: 'number' },
    nested: { type: 'object', properties: { on: { type: 'boolean' } }, additionalProperties: false },
  },
  additionalProperties: false,
};

describe('cli/validate-options', () => {
  it('accepts options that match', () => {
    assert.deepEqual(validateOptions({ mode: 'strict', names: ['a'], depth: 2, ratio: 0.5, nested: { on: true } }, schema), []);
    assert.deepEqual(validateOptions({}, schema), []);
  });

  it('names the path of each problem', () => {
    const problems = validateOptions({ mode: 'fast', names: ['a', 3], depth: 1.5, ratio: 'x', nested: { off: true }, extra: 1 }, schema);
    assert.deepEqual(
      problems.map((p) => p.path),
      ['.mode', '.names[1]', '.depth', '.ratio', '.nested.off', '.extra'],
    );
    assert.match(problems[0].message, /one of "strict", "loose", got "fast"/);
    assert.match(problems[1].message, /expected a string, got a number/);
    assert.match(problems[2].message, /expected an integer/);
    assert.match(problems[5].message, /unknown option \(known options: mode, names, depth, ratio, nested\)/);
  });

  it('rejects a value of the wrong type at the top', () => {
    assert.deepEqual(validateOptions(['x'], schema), [{ path: '', message: 'expected an object, got an array' }]);
    assert.deepEqual(validateOptions(null, schema), [{ path: '', message: 'expected an object, got null' }]);
  });

  it('allows unknown properties unless additionalProperties is false', () => {
    assert.deepEqual(validateOptions({ anything: 1 }, { type: 'object' }), []);
  });
});
