import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { VerifyResult } from '../../src/auth/verifyKey';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { activateExtension, extensionId, waitFor } from './extensionApi';
import { closedPort, fakeKey, removeAllProfiles, run, setSetting, settle } from './keysTestSupport';

/**
 * The key never leaks: a unique canary key goes through every key path (set, verify, switch, rename,
 * failures of verify and chat against a loopback API), then everything the extension, VS Code and the
 * browser wrote to disk is searched for it, as UTF-8, UTF-16 (Chromium's localStorage) and base64.
 */
describe('canary: the API key never reaches disk, logs, settings or output channels', () => {
  let api: ClaudeApiToolkitApi;
  let server: FakeAnthropic;
  const canary = fakeKey('CANARY');
  const wrongLooking = `${canary.slice(0, 100)}`; // a truncated paste of the same key: the warning path

  before(async () => {
    api = await activateExtension();
    server = await startFakeAnthropic({ validKeys: [canary] });
    await removeAllProfiles(api);
    await setSetting('baseUrl', server.url);
    await setSetting('maxRetries', 0);
  });

  after(async () => {
    await removeAllProfiles(api);
    await setSetting('baseUrl', undefined);
    await setSetting('maxRetries', undefined);
    await server.close();
  });

  it('the search finds a planted canary in every encoding (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-selftest-'));
    try {
      const planted = fakeKey('PLANTED');
      fs.writeFileSync(path.join(dir, 'a.log'), `x ${planted} y`);
      fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'deep', 'er', 'b.ldb'), Buffer.from(`{"v":"${planted}"}`, 'utf16le'));
      fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify({ secret: Buffer.from(planted).toString('base64') }));
      assert.deepStrictEqual(
        findSecret([dir], planted).map((hit) => path.relative(dir, hit.file)).sort(),
        ['a.log', 'c.json', path.join('deep', 'er', 'b.ldb')],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('set / verify / switch / rename / failures leave zero traces of the key', async function () {
    this.timeout(120_000);
    // Set and verify.
    await run('claudeApi.setApiKey', { key: canary, profile: 'canary' });
    const ok = await run<VerifyResult>('claudeApi.verifyApiKey');
    assert.ok(ok?.ok, JSON.stringify(ok));
    // A second profile; switch away and back; rename.
    await run('claudeApi.addKeyProfile', { name: 'other', key: fakeKey('other') });
    await run('claudeApi.switchKeyProfile', { name: 'other' });
    await run('claudeApi.switchKeyProfile', { name: 'canary' });
    await run('claudeApi.renameKeyProfile', { from: 'canary', to: 'canary-renamed' });
    // The warning path (a truncated paste) and an invalid one.
    await run('claudeApi.setApiKey', { key: wrongLooking, profile: 'truncated' });
    await run('claudeApi.setApiKey', { key: `${canary} ${canary}`, profile: 'spaced' });
    // Failures: 401, 403 and 500 on verify; network failure; 401, mid-stream error and drop in the chat.
    await settle(server);
    server.enqueue({ kind: 'httpError', status: 401, endpoint: 'models' });
    assert.strictEqual((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok, false);
    await settle(server);
    server.enqueue({ kind: 'httpError', status: 403, endpoint: 'models', message: `key ${canary} lacks access` });
    const echoed = await run<VerifyResult>('claudeApi.verifyApiKey');
    assert.ok(echoed && !echoed.ok, `403 expected, got ${echoed?.ok ? 'success' : echoed?.error.kind}`);
    assert.ok(!JSON.stringify(echoed).includes(canary.slice(13)), `a key echoed by the server is scrubbed: ${echoed.error.message.replaceAll(canary.slice(13), '<CANARY>')}`);
    assert.strictEqual((await run<VerifyResult>('claudeApi.verifyApiKey', { profile: 'truncated' }))?.ok, false);
    await setSetting('baseUrl', `http://127.0.0.1:${await closedPort()}`);
    assert.strictEqual((await run<VerifyResult>('claudeApi.verifyApiKey'))?.ok, false);
    await setSetting('baseUrl', server.url);
    const chatOk = await api.chat.sendMessage('hello');
    assert.ok(!chatOk.error, JSON.stringify(chatOk.error));
    server.enqueue({ kind: 'httpError', status: 401 });
    assert.ok((await api.chat.sendMessage('again')).error);
    server.enqueue({ kind: 'streamError', errorType: 'overloaded_error' });
    await api.chat.sendMessage('and again');
    server.enqueue({ kind: 'drop' });
    await api.chat.sendMessage('once more');
    assert.ok(server.requests.some((r) => r.validKeyIndex === 0), 'the canary key really was used');

    // Flush: wait until a line logged after all of the above is on disk.
    const marker = `flushmarker${Date.now()}`;
    await run<VerifyResult>('claudeApi.verifyApiKey', { profile: marker });
    const userDataDir = userDataDirOf(api);
    await waitFor(() => findText([path.join(userDataDir, 'logs')], marker).length > 0, 20_000, 'the log to reach disk');

    // Everything code-server, the extension host and Chromium wrote for this run, plus the workspace.
    const runDir = path.dirname(userDataDir);
    const roots = [runDir, process.env.CLAUDE_API_TEST_WORKSPACE ?? ''].filter(Boolean);
    // A remote window (code-server) keeps machine settings in Machine/settings.json: search both.
    const settingsFiles = ['User', 'Machine'].map((scope) => path.join(userDataDir, scope, 'settings.json'));
    assert.ok(
      settingsFiles.some((file) => read(file)?.includes(server.url)),
      'the settings we changed are in one of the settings.json files searched',
    );
    const searched = countFiles(roots);
    console.log(`canary: searched ${searched.files} files, ${(searched.bytes / 1e6).toFixed(1)} MB under ${roots.join(', ')}`);
    const hits = findSecret(roots, canary);
    assert.deepStrictEqual(hits, [], `the key leaked into: ${hits.map((hit) => `${hit.file} (${hit.encoding})`).join(', ')}`);
  });
});

/** `<user-data>/User/globalStorage/<extension id>` -> `<user-data>`, via the chat's folder in globalStorageUri. */
function userDataDirOf(api: ClaudeApiToolkitApi): string {
  const globalStorage = path.dirname(api.chat.storageDir);
  assert.strictEqual(path.basename(globalStorage), extensionId);
  assert.strictEqual(path.basename(path.dirname(globalStorage)), 'globalStorage');
  return path.resolve(globalStorage, '..', '..', '..');
}

interface Hit {
  file: string;
  encoding: string;
}

/** Files under `roots` holding `secret` as UTF-8, UTF-16LE or base64 (of the whole key). */
function findSecret(roots: string[], secret: string): Hit[] {
  const needles: [string, Buffer][] = [
    ['utf8', Buffer.from(secret.slice(13, 60))],
    ['utf16le', Buffer.from(secret.slice(13, 60), 'utf16le')],
    ['base64', Buffer.from(Buffer.from(secret).toString('base64').slice(8, 80))],
  ];
  const hits: Hit[] = [];
  for (const file of walk(roots)) {
    const content = read(file);
    if (!content) continue;
    for (const [encoding, needle] of needles) if (content.includes(needle)) hits.push({ file, encoding });
  }
  return hits;
}

function findText(roots: string[], text: string): string[] {
  return [...walk(roots)].filter((file) => read(file)?.includes(text));
}

function countFiles(roots: string[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const file of walk(roots)) {
    files++;
    bytes += fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  }
  return { files, bytes };
}

function read(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // vanished or unreadable while we walked
  }
}

function* walk(roots: string[]): Generator<string> {
  const stack = [...roots];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') stack.push(full);
      } else if (entry.isFile()) {
        const size = fs.statSync(full, { throwIfNoEntry: false })?.size ?? 0;
        if (size < 100 * 1024 * 1024) yield full;
      }
    }
  }
}
