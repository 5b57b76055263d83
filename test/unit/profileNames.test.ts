import * as assert from 'node:assert';
import { profileNameProblem, sortProfileNames } from '../../src/core/profileNames';

describe('profileNameProblem', () => {
  it('accepts ordinary names', () => {
    for (const name of ['dev', 'staging', 'Prod EU', 'team_a.v2', 'Entwicklung-ä']) assert.strictEqual(profileNameProblem(name, []), undefined, name);
  });

  it('rejects empty, overlong and oddly punctuated names', () => {
    assert.match(profileNameProblem('  ', []) ?? '', /name/);
    assert.match(profileNameProblem('x'.repeat(41), []) ?? '', /41/);
    assert.ok(profileNameProblem('-dev', []));
    assert.ok(profileNameProblem('dev/prod', []));
  });

  it('rejects a duplicate regardless of case, except the profile being renamed', () => {
    assert.match(profileNameProblem('DEV', ['dev']) ?? '', /"dev" already exists/);
    assert.strictEqual(profileNameProblem('Dev', ['dev', 'prod'], 'dev'), undefined);
  });

  it('sorts alphabetically ignoring case', () => {
    assert.deepStrictEqual(sortProfileNames(['prod', 'Dev', 'staging', 'alpha']), ['alpha', 'Dev', 'prod', 'staging']);
  });
});
