import * as assert from 'node:assert';
import { keyMaskingLog } from '../../src/core/keyMaskingLog';

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

});
