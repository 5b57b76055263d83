import * as assert from 'node:assert';
import { profileNameProblem, setKeyTarget, sortProfileNames } from '../../src/core/profileNames';

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

describe('setKeyTarget', () => {
  it('stores into the named profile, else the active one, else "default", replacing nothing unseen', () => {
    assert.deepStrictEqual(setKeyTarget('prod', 'dev', ['dev', 'prod']), { profile: 'prod', replacesUnseen: false });
    assert.deepStrictEqual(setKeyTarget(undefined, 'dev', ['dev', 'default']), { profile: 'dev', replacesUnseen: false });
    assert.deepStrictEqual(setKeyTarget(' ', undefined, []), { profile: 'default', replacesUnseen: false });
  });

  it('flags an existing "default" that is not active: its key would be replaced without the user seeing it', () => {
    assert.deepStrictEqual(setKeyTarget(undefined, undefined, ['default', 'prod']), { profile: 'default', replacesUnseen: true });
  });
});
