import type * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerGeneralCommands } from './generalCommands';
import { registerKeys } from './auth/registerKeys';
import type { KeysApi } from './auth/keysApi';
import { createKeysApi } from './auth/keysApi';
import type { UsageRecord } from './core/usage/usageRecord';
import type { UsageApi } from './usage/usageApi';
import { createUsageApi } from './usage/usageApi';
import { registerUsage } from './usage/registerUsage';
import { registerPromptLens } from './prompts/registerPromptLens';
import { registerKeyLint } from './keyscan/registerKeyLint';
import type { ChatApi } from './chat/chatApi';
import { registerChat } from './chat/registerChat';
import { registerWalkthrough } from './walkthrough/registerWalkthrough';
import { publicExports } from './core/callerAnswers';

/** What our integration tests get from `getExtension(...).exports`; other extensions get `ClaudeApiToolkitPublicApi`. */
export interface ClaudeApiToolkitApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
  /** The same, step by step (context, then each feature's registration), for the start-up bench. */
  readonly activationSteps: Readonly<Record<string, number>>;
  /** Fires once per finished Claude API request with its tokens and cost (any feature, any extension reporting through `usage`). */
  readonly onDidRecordUsage: vscode.Event<UsageRecord>;
  /** The usage meter: report your own requests, read the status bar text, wait for the ledger. */
  readonly usage: UsageApi;
  /** The sidebar chat, driven through the same session as its page (send, stop, retry, conversations). Test runs only. */
  readonly chat: ChatApi;
  /** Key profiles, names and masked keys only (the key never leaves the extension). */
  readonly keys: KeysApi;
}

/** The exported API outside our test runs: no chat, so no other extension can spend the key or read the conversations. */
export type ClaudeApiToolkitPublicApi = Omit<ClaudeApiToolkitApi, 'chat'>;

export function activate(context: vscode.ExtensionContext): ClaudeApiToolkitApi | ClaudeApiToolkitPublicApi {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let stepStarted = started;
  const step = <T>(name: string, run: () => T): T => {
    const result = run();
    const now = performance.now();
    steps[name] = now - stepStarted;
    stepStarted = now;
    return result;
  };
  // 1. The shared services (keys, prices, client, usage meter), built but not started: nothing reads the disk yet.
  const ctx = step('ctx', () => new Ctx(context));
  context.subscriptions.push(ctx);
  // 2. The usage ledger opens in the background; requests made from now on are counted.
  step('usageStart', () => ctx.usage.start());

  // 3. The features, each on its own; none depends on another.
  step('generalCommands', () => registerGeneralCommands(ctx));
  step('keys', () => registerKeys(ctx));
  const usageUi = step('usage', () => registerUsage(ctx));
  step('promptLens', () => registerPromptLens(ctx));
  step('keyLint', () => registerKeyLint(ctx));
  const chat = step('chat', () => registerChat(ctx));
  step('walkthrough', () => registerWalkthrough(ctx));

  const activationMs = performance.now() - started;
  const breakdown = Object.entries(steps).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
  ctx.log.info(`activated in ${activationMs.toFixed(1)} ms (${breakdown})`);
  const api = { activationMs, activationSteps: steps, onDidRecordUsage: ctx.usage.onDidRecordUsage, usage: createUsageApi(ctx, usageUi), chat, keys: createKeysApi(ctx) };
  return publicExports(api, ctx.callerTrusted);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
