import * as assert from 'node:assert/strict';
import { freshName } from '../../server/src/engine/source-edits';

describe('freshName', () => {
  it('keeps the preferred name when only a comment or a property mentions it', () => {
    assert.equal(freshName('// no-unchecked-upload-response\nawait fetch(url)', 'response'), 'response');
    assert.equal(freshName('/* response */ log(res.response)', 'response'), 'response');
  });
  it('numbers the name when a binding already uses it', () => {
    assert.equal(freshName('const response = await load();', 'response'), 'response2');
    assert.equal(freshName('let response2; const response = 1;', 'response'), 'response3');
  });
});
