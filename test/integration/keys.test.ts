import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { VerifyResult } from '../../src/auth/verifyKey';
import type { ProfileResult } from '../../src/auth/keyCommands';
import { redactKey } from '../../src/core/redact';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { activateExtension } from './extensionApi';
import { closedPort, fakeKey, removeAllProfiles, run, setSetting, settle } from './keysTestSupport';

const devKey = fakeKey('dev');
const stagingKey = fakeKey('staging');
const envKey = fakeKey('environment');
const revokedKey = fakeKey('revoked');

function failure(result: VerifyResult | undefined) {
  assert.ok(result && !result.ok, `expected a failed verify, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('keys: profiles in SecretStorage and the client, against a loopback API', () => {
  let api: ClaudeApiToolkitApi;
  let server: FakeAnthropic;

  before(async () => {
    api = await activateExtension();
    server = await startFakeAnthropic({ validKeys: [devKey, stagingKey, envKey] });
    await removeAllProfiles(api);
    await setSetting('baseUrl', server.url);
  });

  after(async () => {
    delete process.env.ANTHROPIC_API_KEY;
    await removeAllProfiles(api);
    await setSetting('baseUrl', undefined);
    await server.close();
  });

  it('stores a key, shows it only masked, and verifies it with a real GET /v1/models', async () => {
    const stored = await run<ProfileResult>('claudeApi.setApiKey', { key: devKey, profile: 'dev' });
    assert.deepStrictEqual(stored, { profile: 'dev', maskedKey: redactKey(devKey) });
    const active = await api.keys.activeProfile();
    assert.strictEqual(active?.name, 'dev');
    assert.strictEqual(active?.maskedKey, `sk-ant-api03-…${devKey.slice(-4)}`);

    const result = await run<VerifyResult>('claudeApi.verifyApiKey');
    assert.ok(result?.ok, JSON.stringify(result));
    assert.ok(result.modelCount > 0);
    const request = server.requests.at(-1);
    assert.strictEqual(request?.path, '/v1/models');
    assert.strictEqual(request?.auth, 'bearer');
    assert.strictEqual(request?.validKeyIndex, 0, 'the dev key was sent');
  });

  it('a rejected key (401) is classified with the "Set API Key" action, whose prompt can be cancelled without losing anything', async () => {
    await run('claudeApi.addKeyProfile', { name: 'revoked', key: revokedKey });
    const error = failure(await run<VerifyResult>('claudeApi.verifyApiKey', { profile: 'revoked' }));
    assert.strictEqual(error.status, 401);
    assert.strictEqual(error.kind, 'authentication');
    assert.deepStrictEqual(error.action, { kind: 'setApiKey', label: 'Set API Key' });
    assert.ok(!JSON.stringify(error).includes(revokedKey));
    assert.strictEqual((await api.keys.activeProfile())?.name, 'dev', 'adding a profile does not switch to it');

    // The action runs claudeApi.setApiKey with no arguments: a password box. Cancel it.
    const prompt = Promise.resolve(run('claudeApi.setApiKey'));
    let settled = false;
    void prompt.finally(() => (settled = true));
    for (let i = 0; i < 100 && !settled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.strictEqual(await prompt, undefined, 'cancelled prompt stores nothing');
    assert.ok((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok, 'the dev key is still stored and works');
    await run('claudeApi.deleteKeyProfile', { name: 'revoked', confirm: true });
  });

  it('403 is a permission error offering another key profile', async () => {
    await settle(server);
    server.enqueue({ kind: 'httpError', status: 403, endpoint: 'models' });
    const error = failure(await run<VerifyResult>('claudeApi.verifyApiKey'));
    assert.strictEqual(error.status, 403);
    assert.strictEqual(error.kind, 'permission');
    assert.strictEqual(error.action?.kind, 'switchProfile');
    assert.ok(error.requestId?.startsWith('req_'), 'request id kept for support');
  });

  it('a closed port is a network error that says "connection refused" and points at the base URL', async () => {
    const port = await closedPort();
    await setSetting('baseUrl', `http://127.0.0.1:${port}`);
    try {
      const error = failure(await run<VerifyResult>('claudeApi.verifyApiKey'));
      assert.strictEqual(error.kind, 'network');
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}: connection refused`));
      assert.strictEqual(error.action?.kind, 'openSettings');
    } finally {
      await setSetting('baseUrl', server.url);
    }
  });

  it('a wrong base URL (ending in /v1, or not a URL) is named as a base URL problem', async () => {
    try {
      await setSetting('baseUrl', `${server.url}/v1`);
      const wrongPath = failure(await run<VerifyResult>('claudeApi.verifyApiKey'));
      assert.strictEqual(wrongPath.kind, 'baseUrl');
      assert.strictEqual(wrongPath.status, 404);
      assert.deepStrictEqual(wrongPath.action, { kind: 'openSettings', label: 'Check Base URL', setting: 'claudeApi.baseUrl' });
      assert.strictEqual(server.requests.at(-1)?.path, '/v1/v1/models');

      await setSetting('baseUrl', 'localhost:8080');
      const notUrl = failure(await run<VerifyResult>('claudeApi.verifyApiKey'));
      assert.strictEqual(notUrl.kind, 'baseUrl');
    } finally {
      await setSetting('baseUrl', server.url);
    }
  });

  it('profiles: add, switch, rename, delete; the client always uses the active profile', async () => {
    await run('claudeApi.addKeyProfile', { name: 'staging', key: stagingKey });
    assert.strictEqual((await api.keys.activeProfile())?.name, 'dev');

    const switched = await run<ProfileResult>('claudeApi.switchKeyProfile', { name: 'staging' });
    assert.deepStrictEqual(switched, { profile: 'staging', maskedKey: redactKey(stagingKey) });
    assert.ok((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok);
    assert.strictEqual(server.requests.at(-1)?.validKeyIndex, 1, 'the staging key was sent');

    await run('claudeApi.renameKeyProfile', { from: 'staging', to: 'stage-eu' });
    let profiles = await api.keys.listProfiles();
    assert.deepStrictEqual(profiles.map((p) => [p.name, p.active]), [['dev', false], ['stage-eu', true]]);
    assert.strictEqual(profiles[1].maskedKey, redactKey(stagingKey), 'the key moved with the name');

    // A clash is refused (shown as an error) and changes nothing.
    assert.strictEqual(await run('claudeApi.renameKeyProfile', { from: 'stage-eu', to: 'DEV' }), undefined);
    profiles = await api.keys.listProfiles();
    assert.deepStrictEqual(profiles.map((p) => p.name), ['dev', 'stage-eu']);

    assert.strictEqual(await run('claudeApi.deleteKeyProfile', { name: 'stage-eu', confirm: true }), true);
    const afterDelete = server.requests.length;
    assert.strictEqual(await api.keys.activeProfile(), undefined, 'deleting the active profile never switches to another key silently');
    const noKey = failure(await run<VerifyResult>('claudeApi.verifyApiKey'));
    assert.strictEqual(noKey.kind, 'noApiKey');
    assert.strictEqual(noKey.action?.kind, 'setApiKey');

    await run('claudeApi.switchKeyProfile', { name: 'dev' });
    assert.strictEqual((await api.keys.activeProfile())?.name, 'dev');
    assert.ok((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok);
    const late = server.requests.slice(afterDelete);
    assert.ok(late.length > 0 && late.every((r) => r.validKeyIndex === 0), 'after the switch back only the dev key is sent');
  });

  it('refuses an empty key, warns about (but stores) a gateway-style key', async () => {
    assert.strictEqual(await run('claudeApi.setApiKey', { key: '   ', profile: 'empty' }), undefined);
    assert.ok(!(await api.keys.listProfiles()).some((p) => p.name === 'empty'));
    const stored = await run<ProfileResult>('claudeApi.setApiKey', { key: 'gw_live_0123456789abcdef', profile: 'gateway' });
    assert.strictEqual(stored?.profile, 'gateway');
    assert.strictEqual((await api.keys.activeProfile())?.name, 'dev', 'a new profile from setApiKey does not take over');
    await run('claudeApi.deleteKeyProfile', { name: 'gateway', confirm: true });
  });

  it('clear asks first; with confirm it removes the active key', async () => {
    await run('claudeApi.addKeyProfile', { name: 'temp', key: stagingKey, activate: true });
    assert.strictEqual((await api.keys.activeProfile())?.name, 'temp');
    assert.strictEqual(await run('claudeApi.clearApiKey', { confirm: true }), true);
    assert.deepStrictEqual((await api.keys.listProfiles()).map((p) => p.name), ['dev']);
    await run('claudeApi.switchKeyProfile', { name: 'dev' });
  });

  it('ANTHROPIC_API_KEY is never used on its own: the stored key wins, the variable only by explicit import', async () => {
    process.env.ANTHROPIC_API_KEY = envKey;
    assert.ok((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok);
    assert.strictEqual(server.requests.at(-1)?.validKeyIndex, 0, 'the stored dev key was sent, not the environment key');

    await removeAllProfiles(api);
    const sentBefore = server.requests.length;
    assert.strictEqual(failure(await run<VerifyResult>('claudeApi.verifyApiKey')).kind, 'noApiKey');
    assert.strictEqual(server.requests.length, sentBefore, 'with no stored key nothing is sent, not even the environment key');

    const imported = await run<ProfileResult>('claudeApi.importApiKeyFromEnv', { confirm: true });
    assert.deepStrictEqual(imported, { profile: 'default', maskedKey: redactKey(envKey) });
    assert.ok((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok);
    assert.strictEqual(server.requests.at(-1)?.validKeyIndex, 2);

    // A second import finds the key already stored instead of duplicating it.
    const again = await run<ProfileResult>('claudeApi.importApiKeyFromEnv', { confirm: true });
    assert.strictEqual(again?.profile, 'default');
    assert.strictEqual((await api.keys.listProfiles()).length, 1);
    delete process.env.ANTHROPIC_API_KEY;
  });

  it('the chat gets its client from ctx.client: claudeApi.maxRetries reaches the SDK', async () => {
    await removeAllProfiles(api);
    await run('claudeApi.setApiKey', { key: devKey, profile: 'dev' });
    try {
      await setSetting('maxRetries', 1);
      server.enqueue({ kind: 'httpError', status: 500 }, { kind: 'httpError', status: 500 });
      const before = server.requests.filter((r) => r.path === '/v1/messages').length;
      const reply = await api.chat.sendMessage('hello');
      assert.ok(reply.error, 'two 500s with one retry fail the reply');
      const sent = server.requests.filter((r) => r.path === '/v1/messages').slice(before);
      assert.strictEqual(sent.length, 2, 'one attempt plus one retry');
      assert.ok(sent.every((r) => r.validKeyIndex === 0 && r.auth === 'bearer'));

      await setSetting('maxRetries', 0);
      server.enqueue({ kind: 'httpError', status: 500 });
      const before0 = server.requests.filter((r) => r.path === '/v1/messages').length;
      await api.chat.sendMessage('hello again');
      assert.strictEqual(server.requests.filter((r) => r.path === '/v1/messages').length - before0, 1, 'no retry');
    } finally {
      await setSetting('maxRetries', undefined);
    }
  });
});
