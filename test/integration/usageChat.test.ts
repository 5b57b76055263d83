import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { ChatApi } from '../../src/chat/chatApi';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startChatAgainstFake, stopFake } from './chatHelpers';
import { activateExtension, ledgerRecords, waitFor } from './extensionApi';

describe('usage meter driven by a real chat against the fake API', () => {
  let api: ClaudeApiToolkitApi;
  let chat: ChatApi;
  let fake: FakeAnthropic | undefined;

  before(async () => {
    api = await activateExtension();
    ({ chat, fake } = await startChatAgainstFake());
    await chat.newConversation();
    await chat.changeParameters({ model: 'claude-opus-4-7' });
  });

  after(async () => {
    await stopFake(fake);
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('claudeApi.usage.resetSession');
    await api.usage.flush();
  });

  it('a chat reply moves the status bar and the ledger by exactly its cost', async () => {
    assert.ok(fake);
    const before = ledgerRecords(api).length;
    fake.enqueue({
      kind: 'reply',
      text: 'Priced to the cent.',
      usage: {
        input_tokens: 20_000,
        output_tokens: 4000,
        cache_creation: { ephemeral_5m_input_tokens: 8000, ephemeral_1h_input_tokens: 2000 },
        cache_read_input_tokens: 30_000,
      },
    });
    const recorded: UsageRecord[] = [];
    const listener = api.onDidRecordUsage((record) => recorded.push(record));
    const result = await chat.sendMessage('How much does this cost?');
    assert.strictEqual(result.interrupted, false, `the reply was interrupted: ${JSON.stringify(result).slice(0, 500)}`);
    listener.dispose();

    // Opus 4.7: $5 input, $25 output, 5-minute writes 1.25 x 5, 1-hour writes 2 x 5, reads $0.50 per million.
    const expected = (20_000 * 5 + 4000 * 25 + 8000 * 5 * 1.25 + 2000 * 5 * 2 + 30_000 * 0.5) / 1e6;
    // 20,000 + 4,000 + 8,000 + 2,000 + 30,000 = 64,000 tokens.
    await waitFor(() => api.usage.statusBarText() === '$0.29 · 64k tok', 5000, `status bar, is "${api.usage.statusBarText()}"`);

    await api.usage.flush();
    const lines = ledgerRecords(api);
    assert.strictEqual(lines.length, before + 1, 'one ledger line for one reply');
    const line = lines[lines.length - 1];
    assert.strictEqual(line.source, 'chat');
    assert.strictEqual(line.model, 'claude-opus-4-7');
    assert.strictEqual(line.approximate, false);
    assert.deepStrictEqual(
      [line.inputTokens, line.outputTokens, line.cacheWrite5mTokens, line.cacheWrite1hTokens, line.cacheReadTokens],
      [20_000, 4000, 8000, 2000, 30_000],
    );
    assert.ok(line.costUsd !== null && Math.abs(line.costUsd - expected) < 1e-12, `ledger cost ${line.costUsd}`);
    assert.strictEqual(recorded.length, 1);
    assert.ok(recorded[0].requestId, 'the response headers reached the meter');
  });

  it('a failed request that billed nothing leaves the meter and ledger unchanged', async () => {
    assert.ok(fake);
    const before = ledgerRecords(api).length;
    fake.enqueue({ kind: 'httpError', status: 529 });
    await chat.sendMessage('Overloaded?');
    assert.strictEqual(api.usage.sessionTotals().requests, 0, 'nothing billed, nothing counted');
    await api.usage.flush();
    assert.strictEqual(ledgerRecords(api).length, before);
    // The status bar repaints at most every 100 ms, so the reset may still be on its way.
    await waitFor(() => api.usage.statusBarText() === '$0.00 · 0 tok', 5000, `status bar, is "${api.usage.statusBarText()}"`);
    assert.strictEqual(api.usage.sessionTotals().requests, 0);
  });
});
