import * as vscode from 'vscode';
import { Config } from './config';
import type { ApiErrorInfo, ClassifyContext } from './core/apiErrors';
import { classifyApiError } from './core/apiErrors';
import { ClientProvider } from './core/clientProvider';
import { errorMessage } from './core/errorMessage';
import { KeyProfiles } from './core/keyProfiles';
import { keyMaskingLog } from './core/keyMaskingLog';
import { PriceBook } from './core/prices/priceBook';
import { scrubKeys } from './core/scrubKeys';
import { UsageService } from './core/usage/usageService';

/**
 * The extension's context: assembles the services every feature shares and owns every disposable.
 * The services live in `src/core` and take narrow inputs (the log, the settings, the storage folder), so
 * none of them knows `Ctx`; this is the one place that wires them together. Building it starts nothing:
 * `activate()` starts what runs in the background, in order.
 * Built once in `activate()` and passed explicitly to every registration (no module globals).
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  /** API key profiles in SecretStorage: the only source of the key (`getActiveKey()`). */
  readonly keys: KeyProfiles;
  /** Every price shown or recorded, with the user's overrides (parsed once per change of the setting). */
  readonly prices: PriceBook;
  /** The one Anthropic client factory (`get()`), built from the active key and the `claudeApi.*` settings. */
  readonly client: ClientProvider;
  /** The usage meter every API-calling feature reports to (`beginRequest`); `activate()` starts it. */
  readonly usage: UsageService;
  /**
   * Whether callers of our commands and API may answer for the user (skip a confirmation, name a file to
   * write, drive the chat): only in the extension's own test runs, never for other installed extensions.
   */
  readonly callerTrusted: boolean;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.callerTrusted = extension.extensionMode === vscode.ExtensionMode.Test;
    const channel = this.register(vscode.window.createOutputChannel('Claude API Toolkit', { log: true }));
    this.log = keyMaskingLog(channel, () => this.knownKeys());
    this.keys = this.register(new KeyProfiles(extension.secrets, this.log));
    this.prices = new PriceBook(
      () => this.config.priceOverrides,
      (problem) => {
        this.log.warn(problem);
        void vscode.window.showWarningMessage(`Claude API: ${problem}`);
      },
    );
    this.client = new ClientProvider(this.keys, this.config, this.log);
    this.usage = this.register(
      new UsageService({
        storageDir: extension.globalStorageUri.fsPath,
        log: this.log,
        prices: this.prices,
        keys: this.keys,
        folder: windowFolder,
        warn: (message) => void vscode.window.showWarningMessage(`Claude API: ${message}`),
      }),
    );
  }

  /** Keeps `disposable` until the extension deactivates; returns it for chaining. */
  register<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The stored keys' values, for masking in logs and messages (whatever their shape). */
  knownKeys(): readonly string[] {
    // The log is built before the key store; until then there is nothing to mask by value.
    return (this.keys as KeyProfiles | undefined)?.knownKeys() ?? [];
  }

  /** The shared classification of an API failure, naming the configured server and masking the stored keys. */
  classifyApiError(error: unknown, context: Omit<ClassifyContext, 'baseUrl' | 'knownSecrets'> = {}): ApiErrorInfo {
    return classifyApiError(error, { ...context, baseUrl: this.config.baseUrl, knownSecrets: this.knownKeys() });
  }

  /** Registers a command whose failures are logged and shown to the user instead of being lost. */
  registerCommand(id: string, run: (...args: never[]) => unknown): void {
    this.register(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await run(...args);
        } catch (error) {
          const message = scrubKeys(errorMessage(error), this.knownKeys());
          this.log.error(`${id} failed: ${message}`);
          void vscode.window.showErrorMessage(`Claude API: ${message}`);
          return undefined;
        }
      }),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch {
        // One failing disposable must not keep the others alive.
      }
    }
  }
}

/** The window's workspace folder name (the workspace's name when it has several), for the usage split. */
function windowFolder(): string | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].name;
  return folders.length > 1 ? vscode.workspace.name : undefined;
}
