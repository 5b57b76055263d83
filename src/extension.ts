import type * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerGeneralCommands } from './generalCommands';
import { registerKeys } from './auth/registerKeys';
import type { KeysApi } from './auth/keysApi';
import { createKeysApi } from './auth/keysApi';
import type { UsageRecord } from './core/usage/usageRecord';
import type { UsageApi } from './meter/usageApi';
import { createUsageApi } from './meter/usageApi';
import { registerMeter } from './meter/registerMeter';
import { registerPromptLens } from './lens/registerPromptLens';

/** What other extensions (and our integration tests) get from `getExtension(...).exports`. */
export interface ClaudeApiToolkitApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  /** Fires once per finished Claude API request with its tokens and cost (any feature, any extension reporting through `usage`). */
  readonly onDidRecordUsage: vscode.Event<UsageRecord>;
  /** The usage meter: report your own requests, read the status bar text, wait for the ledger. */
  readonly usage: UsageApi;
  /** Key profiles, names and masked keys only (the key never leaves the extension). */
  readonly keys: KeysApi;
}

export function activate(context: vscode.ExtensionContext): ClaudeApiToolkitApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);

  registerGeneralCommands(ctx);
  registerKeys(ctx);
  const meter = registerMeter(ctx);
  registerPromptLens(ctx);

  const activationMs = performance.now() - started;
  ctx.log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, onDidRecordUsage: ctx.usage.onDidRecordUsage, usage: createUsageApi(ctx, meter), keys: createKeysApi(ctx) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
