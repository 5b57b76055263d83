import * as assert from 'node:assert';
import type { SecretStore } from '../../src/core/keyProfiles';
import { keyMaskingLog } from '../../src/core/keyMaskingLog';
import { KeyProfiles } from '../../src/core/keyProfiles';
import { SecretStorageError } from '../../src/core/keyErrors';

const devKey = `sk-ant-api03-${'d'.repeat(93)}AA`;
const prodKey = `sk-ant-api03-${'p'.repeat(93)}AA`;

/** An in-memory secret store that can be told to fail like a locked Linux keyring. */
class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  failOn = new Set<'keys' | 'get' | 'store' | 'delete'>();
  /** Simulates a keyring that accepts writes but does not keep them. */
  dropWrites = false;

  private check(operation: 'keys' | 'get' | 'store' | 'delete'): void {
    if (this.failOn.has(operation)) throw new Error('Cannot create an item in a locked collection');
  }
  keys(): Promise<string[]> {
    this.check('keys');
    return Promise.resolve([...this.data.keys()]);
  }
  get(key: string): Promise<string | undefined> {
    this.check('get');
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.check('store');
    if (!this.dropWrites) this.data.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.check('delete');
    this.data.delete(key);
    return Promise.resolve();
  }
}

function setup() {
  const secrets = new MemorySecrets();
  const lines: string[] = [];
  const profiles = new KeyProfiles(secrets, { info: (line) => lines.push(line) });
  return { secrets, profiles, lines };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Error, 'expected a rejection');
  return error;
}

describe('KeyProfiles', () => {
  it('the first key becomes active; later profiles only when asked', async () => {
    const { profiles } = setup();
    assert.strictEqual(await profiles.getActiveKey(), undefined);
    await profiles.addProfile('dev', devKey);
    await profiles.addProfile('prod', prodKey);
    assert.strictEqual(await profiles.getActiveKey(), devKey);
    assert.deepStrictEqual(await profiles.activeProfile(), { name: 'dev', maskedKey: 'sk-ant-api03-…ddAA' });
    await profiles.switchTo('prod');
    assert.strictEqual(await profiles.getActiveKey(), prodKey);
  });

  it('rename keeps the key and the active state; clashes and unknown names are refused', async () => {
    const { profiles } = setup();
    await profiles.addProfile('dev', devKey);
    await profiles.addProfile('prod', prodKey);
    await profiles.rename('dev', 'development');
    assert.deepStrictEqual((await profiles.listProfiles()).map((p) => [p.name, p.active]), [['development', true], ['prod', false]]);
    assert.strictEqual(await profiles.getActiveKey(), devKey);
    assert.match((await rejection(profiles.rename('development', 'PROD'))).message, /already exists/);
    assert.match((await rejection(profiles.switchTo('nope'))).message, /no key profile named "nope"/);
  });

  it('deleting the active profile leaves none active (no silent switch to another key)', async () => {
    const { profiles } = setup();
    await profiles.addProfile('dev', devKey);
    await profiles.addProfile('prod', prodKey);
    await profiles.deleteProfile('dev');
    assert.strictEqual(await profiles.getActiveKey(), undefined);
    assert.deepStrictEqual(await profiles.profileNames(), ['prod']);
  });

  it('a failing keyring gives a SecretStorageError with the fix, never the key, and keeps nothing elsewhere', async () => {
    const { profiles, secrets } = setup();
    secrets.failOn.add('store');
    const error = await rejection(profiles.addProfile('dev', devKey));
    assert.ok(error instanceof SecretStorageError);
    assert.match(error.message, /NOT saved/);
    assert.match(error.message, /gnome-keyring|password-store/);
    assert.ok(!error.message.includes(devKey));
    assert.strictEqual(secrets.data.size, 0);
  });

  it('a keyring that drops writes is caught by reading back', async () => {
    const { profiles, secrets } = setup();
    secrets.dropWrites = true;
    const error = await rejection(profiles.setKey('dev', devKey));
    assert.ok(error instanceof SecretStorageError);
    assert.match(error.message, /read back differs/);
  });

  it('an unreadable keyring is reported, not mistaken for "no key", and recovers when it is unlocked', async () => {
    const { profiles, secrets } = setup();
    await profiles.addProfile('dev', devKey);
    profiles.invalidate();
    secrets.failOn.add('get');
    const error = await rejection(profiles.getActiveKey());
    assert.ok(error instanceof SecretStorageError);
    assert.match(error.message, /not lost/);
    secrets.failOn.clear();
    assert.strictEqual(await profiles.getActiveKey(), devKey, 'a failed read is not cached');
  });

  it('works on a secret store that cannot list its names (VS Code before 1.105)', async () => {
    const secrets = new MemorySecrets();
    const withoutKeys: SecretStore = {
      get: (name) => secrets.get(name),
      store: (name, value) => secrets.store(name, value),
      delete: (name) => secrets.delete(name),
    };
    const profiles = new KeyProfiles(withoutKeys, { info: () => undefined });
    await profiles.addProfile('dev', devKey);
    await profiles.addProfile('prod', prodKey);
    await profiles.rename('prod', 'production');
    await profiles.deleteProfile('dev');
    const again = new KeyProfiles(withoutKeys, { info: () => undefined });
    assert.deepStrictEqual(await again.listProfiles(), [{ name: 'production', maskedKey: 'sk-ant-api03-…ppAA', active: false }]);
    assert.deepStrictEqual([...secrets.data.keys()].sort(), ['claudeApi.keyProfile/production', 'claudeApi.keyProfileNames']);
  });

  it('finds profiles stored before the name list existed, where the store can list its names', async () => {
    const { secrets, profiles } = setup();
    secrets.data.set('claudeApi.keyProfile/old', devKey);
    secrets.data.set('claudeApi.activeKeyProfile', 'old');
    assert.strictEqual(await profiles.getActiveKey(), devKey);
    await profiles.addProfile('new', prodKey);
    assert.deepStrictEqual(JSON.parse(secrets.data.get('claudeApi.keyProfileNames') ?? ''), ['new', 'old']);
  });

  it('rename stores the key under the new name before removing the old, so a failing delete loses nothing', async () => {
    const { profiles, secrets } = setup();
    await profiles.addProfile('dev', devKey);
    secrets.failOn.add('delete');
    await rejection(profiles.rename('dev', 'development'));
    secrets.failOn.clear();
    const names = await profiles.profileNames();
    assert.ok(names.includes('development'), names.join());
    assert.strictEqual(await profiles.getKey('development'), devKey);
  });

  it('an active-profile pointer to a missing profile means no key, not some other key', async () => {
    const { profiles, secrets } = setup();
    await profiles.addProfile('dev', devKey);
    secrets.data.set('claudeApi.activeKeyProfile', 'ghost');
    profiles.invalidate();
    assert.strictEqual(await profiles.getActiveKey(), undefined);
    assert.deepStrictEqual(await profiles.profileNames(), ['dev']);
  });

  it('concurrent writes are serialised: two adds of the same name give one profile and one clear error', async () => {
    const { profiles } = setup();
    const results = await Promise.allSettled([profiles.addProfile('dev', devKey), profiles.addProfile('dev', prodKey)]);
    assert.deepStrictEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
    assert.strictEqual(await profiles.getKey('dev'), devKey);
  });

  it('logs profile names only, never keys', async () => {
    const { profiles, lines } = setup();
    await profiles.addProfile('dev', devKey);
    await profiles.setKey('dev', prodKey);
    await profiles.rename('dev', 'main');
    await profiles.deleteProfile('main');
    assert.ok(lines.length >= 4);
    assert.ok(lines.every((line) => !line.includes('ddddd') && !line.includes('ppppp')), lines.join('\n'));
  });

  it('masks a stored gateway key of any shape by its value, also after the profile is deleted', async () => {
    const gatewayKey = 'gw_live_4f9c2a7e8b1d3f6a0c5e9b2d7a4f1c8e';
    const { profiles } = setup();
    await profiles.addProfile('gateway', gatewayKey);
    await profiles.getActiveKey();
    const recorded: string[] = [];
    const log = keyMaskingLog({ info: (line: string) => recorded.push(line), error: (line: string) => recorded.push(line) }, () => profiles.knownKeys());
    log.error(`502 from gateway: upstream rejected Authorization: Bearer ${gatewayKey}`);
    await profiles.deleteProfile('gateway');
    await profiles.listProfiles();
    log.info(`late line about ${gatewayKey}`);
    assert.strictEqual(recorded.length, 2);
    for (const line of recorded) {
      assert.ok(!line.includes(gatewayKey), line);
      assert.ok(line.includes('…1c8e'), line);
    }
  });
});
