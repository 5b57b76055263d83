import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Reconciliation } from '../../src/core/usage/reconcile';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { costRow, usageRow } from '../server/organizationAnalytics';
import { startChatAgainstFake, stopFake } from './chatHelpers';
import { activateExtension, ledgerRecords, waitFor } from './extensionApi';

const adminKey = `sk-ant-admin01-${'R'.repeat(93)}AA`;

describe("usage split and reconciliation with Anthropic's report (real extension host, fake API)", () => {
  let api: ClaudeApiToolkitApi;
  let fake: FakeAnthropic | undefined;

  before(async () => {
    api = await activateExtension();
    ({ fake } = await startChatAgainstFake({ adminKeys: [adminKey] }));
    await api.chat.newConversation();
    await api.chat.changeParameters({ model: 'claude-sonnet-4-6' });
  });

  after(async () => {
    await vscode.commands.executeCommand('claudeApi.usage.clearAdminKey');
    await stopFake(fake);
  });

  it('a chat request is recorded with its key profile and workspace folder', async () => {
    assert.ok(fake);
    fake.enqueue({ kind: 'reply', text: 'Split me.', usage: { input_tokens: 1000, output_tokens: 100 } });
    const result = await api.chat.sendMessage('Which profile?');
    assert.strictEqual(result.interrupted, false);
    await api.usage.flush();
    const line = ledgerRecords(api).at(-1);
    assert.ok(line);
    assert.strictEqual(line.profile, (await api.keys.activeProfile())?.name);
    assert.strictEqual(line.folder, vscode.workspace.workspaceFolders?.[0]?.name);
  });

  it('with an admin key, compares the ledger with the report per UTC day and model', async () => {
    assert.ok(fake);
    const today = new Date().toISOString().slice(0, 10);
    fake.setAnalytics({
      usage: [
        usageRow(today, { model: 'claude-sonnet-4-6', api_key_id: 'apikey_this' }, { uncached_input_tokens: 1000, output_tokens: 100, requests: 1 }),
        usageRow(today, { model: 'claude-3-5-haiku-20241022', api_key_id: 'apikey_ci' }, { uncached_input_tokens: 10_000, output_tokens: 1000, requests: 2 }),
      ],
      cost: [costRow(today, { model: 'claude-sonnet-4-6', api_key_id: 'apikey_this' }, 0.0045), costRow(today, { model: 'claude-3-5-haiku-20241022', api_key_id: 'apikey_ci' }, 0.012)],
    });
    await vscode.commands.executeCommand('claudeApi.usage.setAdminKey', adminKey);
    const result = await vscode.commands.executeCommand<Reconciliation | undefined>('claudeApi.usage.reconcile', 1);
    assert.ok(result, 'the comparison ran');
    const sonnet = result.rows.find((row) => row.day === today && row.model === 'claude-sonnet-4-6');
    assert.ok(sonnet && sonnet.metered.requests >= 1, JSON.stringify(result.rows));
    // A model no other suite of this host uses: only another key (CI, another machine) sent it.
    const elsewhere = result.rows.find((row) => row.model === 'claude-3-5-haiku');
    assert.match(elsewhere?.explanation ?? '', /Not sent from this extension/);
    const analytics = fake.requests.filter((request) => request.path.startsWith('/v1/organizations/analytics/'));
    assert.ok(analytics.length >= 2 && analytics.every((request) => request.status === 200 && request.keyAccepted));
    await waitFor(() => api.usage.usageViewReady(), 10_000, 'the usage view to show the comparison');
  });
});
