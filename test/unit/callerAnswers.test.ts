import * as assert from 'node:assert';
import { honouredArgs, honouredTargetPath, publicExports } from '../../src/core/callerAnswers';

describe('answers a command caller gives in the user\'s place', () => {
  it('drops confirm and force from another extension\'s call and keeps the rest', () => {
    const args = { name: 'prod', key: 'sk-ant-api03-x', confirm: true, force: true, activate: true };
    assert.deepStrictEqual(honouredArgs(args, false), { name: 'prod', key: 'sk-ant-api03-x', activate: true });
    assert.deepStrictEqual(args.confirm, true, 'the caller\'s object is left as it was');
  });

  it('keeps them in the extension\'s own test runs', () => {
    const args = { name: 'prod', confirm: true, force: true };
    assert.deepStrictEqual(honouredArgs(args, true), args);
  });

  it('ignores a CSV path from another extension, so the save dialog asks', () => {
    assert.strictEqual(honouredTargetPath('/home/user/.bashrc', false), undefined);
    assert.strictEqual(honouredTargetPath('/tmp/usage.csv', true), '/tmp/usage.csv');
  });

  it('exports no chat to other extensions', () => {
    const api = { activationMs: 1, chat: { sendMessage: () => 'spent' }, keys: {} };
    assert.deepStrictEqual(Object.keys(publicExports(api, false)).sort(), ['activationMs', 'keys']);
    assert.strictEqual(publicExports(api, true), api);
  });
});
