import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MessageCountTokensParams } from '@anthropic-ai/sdk/resources/messages';
import { CommandIds } from '../commandIds';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import type { FormatOptions } from '../core/prompts/format';
import { SyntaxParsers } from '../core/prompts/syntaxParser';
import { showModelComparison } from './compareModels';
import type { CountTokens } from '../core/prompts/exactCounter';
import { ExactCounter } from '../core/prompts/exactCounter';
import { PromptCodeLensProvider } from './promptCodeLensProvider';
import { PromptDocuments } from './promptDocuments';
import { PromptHoverProvider } from './promptHoverProvider';

/** Languages scanned for Claude API calls (any scheme: files, untitled, notebooks cells). */
const selector: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'].map((language) => ({ language }));

/**
 * Token and cost CodeLenses and hovers for Claude API calls in source files. Nothing heavy happens
 * here: the parser loads on the first scan of a file that mentions the SDK.
 */
export function registerPromptLens(ctx: Ctx): void {
  const wasmDir = path.join(ctx.extension.extensionPath, 'dist', 'wasm');
  const parsers = new SyntaxParsers((file) => path.join(wasmDir, file));
  ctx.register({ dispose: () => parsers.dispose() });
  const documents = ctx.register(new PromptDocuments(parsers, ctx.log));
  const counter = ctx.register(new ExactCounter(countTokensWith(ctx), ctx.log));

  const priceOf = (modelId: string) => ctx.prices.price(modelId);
  const formatOptions = (): FormatOptions => {
    const exactCountsEnabled = ctx.config.exactCounts;
    return {
      priceOf,
      compareModels: ctx.config.compareModels,
      exactFor: (request) => (exactCountsEnabled ? counter.lookup(request) : undefined),
      exactCountsEnabled,
      exactProblem: counter.problem,
      exactFailure: (request) => counter.failure(request),
    };
  };

  const lenses = ctx.register(new PromptCodeLensProvider(documents, formatOptions, enabledFor('codeLens.enabled')));
  ctx.register(vscode.languages.registerCodeLensProvider(selector, lenses));
  ctx.register(vscode.languages.registerHoverProvider(selector, new PromptHoverProvider(documents, formatOptions, enabledFor('hover.enabled'))));
  ctx.register(counter.onDidCount(() => lenses.refresh()));
  ctx.register(documents.onDidChangeNotebook(() => lenses.refresh()));
  ctx.register(
    ctx.keys.onDidChange(() => {
      // A new key may make counting possible again.
      counter.reset();
      lenses.refresh();
    }),
  );
  ctx.register(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.changed(event, 'codeLens.exactCounts') || Config.changed(event, 'baseUrl')) counter.reset();
      if (Config.changed(event, 'codeLens') || Config.changed(event, 'hover.compareModels') || Config.changed(event, 'prices.overrides') || Config.changed(event, 'baseUrl')) lenses.refresh();
    }),
  );

  ctx.registerCommand(CommandIds.lensToggle, async () => {
    // Flips the setting where its effective value comes from (a workspace value would otherwise keep
    // winning over every flip of the user value); a per-language override (`[python]`) still wins for its language.
    const section = vscode.workspace.getConfiguration('claudeApi');
    const inspected = section.inspect<boolean>('codeLens.enabled');
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await section.update('codeLens.enabled', section.get<boolean>('codeLens.enabled', true) === false, target);
  });

  ctx.registerCommand(CommandIds.lensCompareModels, (uri?: unknown, offset?: unknown) => showModelComparison(documents, formatOptions, uri, offset));

  ctx.registerCommand(CommandIds.lensShowDetails, async (uri?: vscode.Uri, offset?: number) => {
    if (uri instanceof vscode.Uri && typeof offset === 'number') {
      const document = await vscode.workspace.openTextDocument(uri);
      const position = document.positionAt(offset);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
    }
    await vscode.commands.executeCommand('editor.action.showHover');
  });
}

/** Reads a language-overridable switch for the document's language (`"[python]": { ... }`). */
function enabledFor(key: 'codeLens.enabled' | 'hover.enabled'): (document: vscode.TextDocument) => boolean {
  return (document) => vscode.workspace.getConfiguration('claudeApi', document).get<boolean>(key, true) !== false;
}

function countTokensWith(ctx: Ctx): CountTokens {
  return async (params) => {
    const client = await ctx.client.get();
    // `params` holds only the fields countTokens takes, read from the source as plain JSON.
    const result = await client.messages.countTokens(params as unknown as MessageCountTokensParams);
    return result.input_tokens;
  };
}
