import type * as vscode from 'vscode';
import { Ctx } from './ctx';
import { registerGeneralCommands } from './generalCommands';

/** What other extensions (and our integration tests) get from `getExtension(...).exports`. */
export interface ClaudeApiToolkitApi {
  /** Milliseconds `activate()` took, measured inside the extension host. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ClaudeApiToolkitApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);

  registerGeneralCommands(ctx);

  const activationMs = performance.now() - started;
  ctx.log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
