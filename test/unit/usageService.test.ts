import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emitter } from '../../src/core/events';
import { PriceBook } from '../../src/core/prices/priceBook';
import { parseLedger } from '../../src/core/usage/ledgerFormat';
import { UsageService } from '../../src/core/usage/usageService';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import { usageRecord } from './usageRecordFixture';

const start = { type: 'message_start', message: { model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 1000, output_tokens: 1 } } };
const end = { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 200 } };

// The usage meter without the editor: its inputs are a folder, a log, prices and the key profiles.
describe('UsageService', () => {
  let dir: string;
  let profile: string | undefined;
  const keysChanged = new Emitter<void>();
  const warnings: string[] = [];
  const problems: string[] = [];
  let overrides: unknown;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usage-service-'));
    profile = 'dev';
    warnings.length = 0;
    problems.length = 0;
    overrides = {};
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function service(): UsageService {
    return new UsageService({
      storageDir: dir,
      log: { info() {}, warn() {}, error() {} },
      prices: new PriceBook(() => overrides, (problem) => problems.push(problem)),
      keys: { activeProfile: () => Promise.resolve(profile === undefined ? undefined : { name: profile }), onDidChange: keysChanged.event },
      folder: () => 'my-app',
      warn: (message) => warnings.push(message),
    });
  }

  it('records a finished request once: session totals, event, ledger line stamped with profile and folder', async () => {
    const usage = service();
    usage.start();
    const recorded: UsageRecord[] = [];
    usage.onDidRecordUsage((record) => recorded.push(record));
    await usage.flush(); // the ledger is read and the profile known
    const request = usage.beginRequest({ model: 'claude-sonnet-4-5', source: 'chat' });
    request.onStreamEvent(start);
    request.onStreamEvent(end);
    request.onStreamEvent({ type: 'message_stop' });
    assert.strictEqual(usage.live().inFlight, 1);
    request.end('completed');
    request.end('completed');
    assert.strictEqual(recorded.length, 1);
    assert.strictEqual(usage.sessionTotals.all.requests, 1);
    assert.strictEqual(usage.live().inFlight, 0);
    await usage.flush();
    const lines = parseLedger(fs.readFileSync(usage.ledgerPath ?? '', 'utf8')).records;
    assert.strictEqual(lines.length, 1);
    assert.strictEqual(lines[0].profile, 'dev');
    assert.strictEqual(lines[0].folder, 'my-app');
    assert.ok(lines[0].costUsd !== null && lines[0].costUsd > 0);
    usage.dispose();
  });

  it('prices through the PriceBook: an override counts, a bad entry is reported once', async () => {
    overrides = { 'claude-sonnet-4-5': { input: 1000, output: 0 }, broken: { input: 'x' } };
    const usage = service();
    usage.start();
    await usage.flush();
    for (let i = 0; i < 2; i++) {
      const request = usage.beginRequest({ model: 'claude-sonnet-4-5', source: 'test' });
      request.onStreamEvent(start);
      request.onStreamEvent(end);
      request.end('completed');
    }
    assert.strictEqual(usage.sessionTotals.all.costUsd, 2, '1000 tokens at $1000 per million, twice');
    assert.strictEqual(problems.length, 1, problems.join('\n'));
    usage.dispose();
  });

  it('follows the active key profile as it changes', async () => {
    const usage = service();
    usage.start();
    await usage.flush();
    profile = 'prod';
    keysChanged.fire();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const request = usage.beginRequest({ model: 'claude-sonnet-4-5', source: 'test' });
    request.onStreamEvent(start);
    request.end('aborted');
    assert.strictEqual(usage.lastRecord?.profile, 'prod');
    usage.dispose();
  });

  it('a damaged ledger is read around, and the user is told once', async () => {
    fs.writeFileSync(path.join(dir, 'usage-ledger.jsonl'), `${JSON.stringify(usageRecord())}\nnot json\n`);
    const usage = service();
    usage.start();
    assert.strictEqual((await usage.allRecords()).length, 1);
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /skipped 1 damaged line/);
    usage.dispose();
  });

  it('nothing touches the disk before start()', () => {
    const usage = service();
    usage.dispose();
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });
});
