import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseLedger } from '../../src/core/usage/ledgerFormat';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import type { ClaudeApiToolkitApi } from '../../src/extension';

export const extensionId = 'claude-api-toolkit.claude-api-toolkit';

/** Activates the extension under test and returns its exported API. */
export async function activateExtension(): Promise<ClaudeApiToolkitApi> {
  const extension = vscode.extensions.getExtension<ClaudeApiToolkitApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in the extension host`);
  return extension.activate();
}

/** Polls `condition` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(condition: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The usage ledger's records as written to disk (none before the first write): both usage suites check it. */
export function ledgerRecords(api: ClaudeApiToolkitApi): UsageRecord[] {
  const file = api.usage.ledgerPath;
  if (!file || !fs.existsSync(file)) return [];
  const { records, damagedLines } = parseLedger(fs.readFileSync(file, 'utf8'));
  assert.deepStrictEqual(damagedLines, [], 'every ledger line the extension wrote is readable');
  return records;
}
