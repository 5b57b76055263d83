import * as assert from 'node:assert';
import { keyMaskingLog } from '../../src/core/keyMaskingLog';
import type { SecretStore } from '../../src/core/keyProfiles';
import { KeyProfiles } from '../../src/core/keyProfiles';

const key = `sk-ant-api03-${'Mq7'.repeat(31)}AA`;

/** A log that keeps what it is given, shaped like VS Code's LogOutputChannel. */
class RecordingLog {
  readonly lines: unknown[] = [];
  readonly name = 'recording';
  info(message: string): void {
    this.lines.push(message);
  }
  error(error: string | Error): void {
    this.lines.push(error);
  }
  appendLine(text: string): void {
    this.lines.push(text);
  }
  show(): string {
    return `shown ${this.name}`;
  }
}

describe('keyMaskingLog', () => {
  it('masks keys in every line, whichever method writes it', () => {
    const recorded = new RecordingLog();
    const log = keyMaskingLog(recorded);
    log.info(`commit "add ${key}"`);
    log.appendLine(`server said: invalid key ${key}`);
    log.error(new Error(`request failed for ${key}`));
    assert.strictEqual(recorded.lines.length, 3);
    for (const line of recorded.lines) {
      assert.strictEqual(typeof line, 'string');
      assert.ok(!(line as string).includes(key), String(line));
      assert.ok((line as string).includes('sk-ant-api03-…'), String(line));
    }
  });

  it('leaves other methods and properties working', () => {
    const log = keyMaskingLog(new RecordingLog());
    assert.strictEqual(log.name, 'recording');
    assert.strictEqual(log.show(), 'shown recording');
  });

  it('masks a stored gateway key of any shape by its value, also after the profile is deleted', async () => {
    const gatewayKey = 'gw_live_4f9c2a7e8b1d3f6a0c5e9b2d7a4f1c8e';
    const stored = new Map<string, string>();
    const secrets: SecretStore = {
      keys: async () => [...stored.keys()],
      get: async (name) => stored.get(name),
      store: async (name, value) => void stored.set(name, value),
      delete: async (name) => void stored.delete(name),
    };
    const profiles = new KeyProfiles(secrets, { info: () => undefined });
    await profiles.addProfile('gateway', gatewayKey);
    await profiles.getActiveKey();
    const recorded = new RecordingLog();
    const log = keyMaskingLog(recorded, () => profiles.knownKeys());
    log.error(`502 from gateway: upstream rejected Authorization: Bearer ${gatewayKey}`);
    await profiles.deleteProfile('gateway');
    await profiles.listProfiles();
    log.info(`late line about ${gatewayKey}`);
    for (const line of recorded.lines) {
      assert.ok(!(line as string).includes(gatewayKey), String(line));
      assert.ok((line as string).includes('…1c8e'), String(line));
    }
  });
});
