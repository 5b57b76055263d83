import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import * as vscode from 'vscode';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import { estimateTokens } from '../../src/core/tokenEstimate';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic, Scenario } from '../server/fakeAnthropic';
import { activateExtension, ledgerRecords, waitFor } from './extensionApi';

/** Streams one request through the SDK from the fake server, feeding the meter exactly as the chat does. */
async function streamThroughMeter(
  api: ClaudeApiToolkitApi,
  client: Anthropic,
  model: string,
  options: { abortAfterChars?: number; streamed?: { text: string } } = {},
) {
  const usage = api.usage.beginRequest({ model, source: 'integration-test' });
  const stream = client.messages.stream({ model, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello meter' }] });
  stream.on('streamEvent', (event) => usage.onStreamEvent(event));
  const abortAt = options.abortAfterChars;
  stream.on('text', (_delta, snapshot) => {
    if (options.streamed) options.streamed.text = snapshot;
    if (abortAt !== undefined && snapshot.length >= abortAt) stream.abort();
  });
  try {
    const { response } = await stream.withResponse();
    usage.onResponseHeaders(response.headers);
    await stream.finalMessage();
    return usage.end('completed');
  } catch {
    return usage.end(abortAt !== undefined ? 'aborted' : 'failed');
  }
}

function ledgerLines(api: ClaudeApiToolkitApi): UsageRecord[] {
  const file = api.usage.ledgerPath;
  assert.ok(file, 'ledger path');
  return ledgerRecords(api);
}

describe('usage meter (real extension host, SDK stream from the fake API)', () => {
  let api: ClaudeApiToolkitApi;
  let server: FakeAnthropic;
  let client: Anthropic;

  before(async () => {
    api = await activateExtension();
    server = await startFakeAnthropic();
    client = new Anthropic({ apiKey: 'sk-ant-api03-integration-test-key', baseURL: server.url, maxRetries: 0 });
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeApi.usage.switchStatusBar', 'session');
    await server.close();
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('claudeApi.usage.resetSession');
    await api.usage.flush();
  });

  it('a streamed request moves the status bar and the ledger by exactly its cost', async () => {
    await waitFor(() => api.usage.statusBarText() === '$0.00 · 0 tok', 5000, 'a reset status bar');
    const before = ledgerLines(api).length;
    const seen: UsageRecord[] = [];
    const listener = api.onDidRecordUsage((record) => seen.push(record));
    const reply: Scenario = {
      kind: 'reply',
      text: 'Counted to the cent.',
      model: 'claude-sonnet-4-5-20250929',
      usage: {
        input_tokens: 10_000,
        output_tokens: 1500,
        cache_creation_input_tokens: 5000,
        cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 3000 },
        cache_read_input_tokens: 4000,
      },
      headers: { 'anthropic-ratelimit-requests-remaining': '41' },
    };
    server.enqueue(reply);
    const summary = await streamThroughMeter(api, client, 'claude-sonnet-4-5');
    listener.dispose();

    // $3 input, $15 output, $3.75 5m writes, $6 1h writes, $0.30 reads per million (Sonnet 4.5).
    const expected = (10_000 * 3 + 1500 * 15 + 2000 * 3.75 + 3000 * 6 + 4000 * 0.3) / 1e6;
    assert.strictEqual(summary.approximate, false);
    assert.ok(summary.costUsd !== undefined && Math.abs(summary.costUsd - expected) < 1e-12, `cost ${summary.costUsd}`);
    await waitFor(() => api.usage.statusBarText() === '$0.0792 · 21k tok', 5000, `status bar "$0.0792 · 21k tok", is "${api.usage.statusBarText()}"`);

    await api.usage.flush();
    const after = ledgerLines(api);
    assert.strictEqual(after.length, before + 1, 'exactly one ledger line per request');
    const line = after[after.length - 1];
    assert.strictEqual(line.model, 'claude-sonnet-4-5');
    assert.deepStrictEqual(
      [line.inputTokens, line.outputTokens, line.cacheWrite5mTokens, line.cacheWrite1hTokens, line.cacheReadTokens],
      [10_000, 1500, 2000, 3000, 4000],
    );
    assert.ok(line.costUsd !== null && Math.abs(line.costUsd - expected) < 1e-12);
    assert.strictEqual(line.source, 'integration-test');
    assert.strictEqual(seen.length, 1, 'onDidRecordUsage fired once');
    assert.deepStrictEqual(seen[0], line);
  });

  it('a second request adds to the session; the last-request display shows only its own figures', async () => {
    server.enqueue(
      { kind: 'reply', text: 'one', usage: { input_tokens: 1000, output_tokens: 100 } },
      { kind: 'reply', text: 'two', usage: { input_tokens: 2000, output_tokens: 200 } },
    );
    await streamThroughMeter(api, client, 'claude-haiku-4-5');
    await streamThroughMeter(api, client, 'claude-haiku-4-5');
    // Haiku 4.5: $1 in, $5 out. (1000 + 2000) * 1 + (100 + 200) * 5 = 4500 micro-dollars.
    await waitFor(() => api.usage.statusBarText() === '$0.0045 · 3.3k tok', 5000, `session text, is "${api.usage.statusBarText()}"`);
    await vscode.commands.executeCommand('claudeApi.usage.switchStatusBar', 'lastRequest');
    assert.strictEqual(api.usage.statusBarText(), 'Last $0.0030 · 2.2k tok');
    await vscode.commands.executeCommand('claudeApi.usage.switchStatusBar', 'session');
    assert.strictEqual(api.usage.statusBarText(), '$0.0045 · 3.3k tok');
  });

  it('an aborted stream is recorded once with its output estimate, marked approximate', async () => {
    const before = ledgerLines(api).length;
    server.enqueue({ kind: 'stall', text: 'x'.repeat(700), afterChars: 350, usage: { input_tokens: 500 } });
    const streamed = { text: '' };
    const summary = await streamThroughMeter(api, client, 'claude-sonnet-4-6', { abortAfterChars: 350, streamed });
    assert.strictEqual(summary.approximate, true);
    // What arrived before the stall (at least 350 characters), not the 1 output token message_start reported.
    assert.ok(streamed.text.length >= 350, `streamed ${streamed.text.length} characters`);
    assert.strictEqual(summary.outputTokens, estimateTokens(streamed.text, 'claude-sonnet-4-6'));
    await api.usage.flush();
    const after = ledgerLines(api);
    assert.strictEqual(after.length, before + 1);
    const line = after[after.length - 1];
    assert.strictEqual(line.outcome, 'aborted');
    assert.strictEqual(line.approximate, true);
    assert.strictEqual(line.inputTokens, 500);
    assert.strictEqual(line.outputTokens, summary.outputTokens);
  });

  it('a request to a model nobody prices says so instead of $0', async () => {
    server.enqueue({ kind: 'reply', text: 'hi', model: 'claude-nova-9', usage: { input_tokens: 100, output_tokens: 10 } });
    const summary = await streamThroughMeter(api, client, 'claude-nova-9');
    assert.strictEqual(summary.costUsd, undefined);
    await waitFor(() => api.usage.statusBarText() === 'price unknown · 110 tok', 5000, `unpriced text, is "${api.usage.statusBarText()}"`);
    await api.usage.flush();
    assert.strictEqual(ledgerLines(api).at(-1)?.costUsd, null);
  });

  it('exports the ledger as CSV to a given path and opens the usage view', async () => {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'usage-csv-')), 'usage.csv');
    const written = await vscode.commands.executeCommand<string>('claudeApi.usage.exportCsv', target);
    assert.strictEqual(written, target);
    const rows = fs.readFileSync(target, 'utf8').trimEnd().split('\r\n');
    assert.ok(rows[0].startsWith('time,model,source,outcome'));
    assert.strictEqual(rows.length - 1, ledgerLines(api).length);
    assert.strictEqual((fs.statSync(target).mode & 0o777).toString(8), '600', 'the export is readable by its owner only');
    await vscode.commands.executeCommand('claudeApi.usage.show');
    await waitFor(() => api.usage.usageViewReady(), 10_000, 'the usage view page to load');
  });
});
