import * as vscode from 'vscode';
import { KeyStore } from './auth/keyStore';
import { ClientProvider } from './client/clientProvider';
import { Config } from './config';
import { keyMaskingLog } from './core/keyMaskingLog';
import { scrubKeys } from './core/scrubKeys';
import { UsageService } from './usage/usageService';
import { errorMessage } from './core/errorMessage';

/**
 * The extension's context: owns every disposable, the settings and the log.
 * Built once in `activate()` and passed explicitly to every registration (no module globals).
 */
export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  /** The usage meter every API-calling feature reports to (`beginRequest`); started by `registerMeter`. */
  readonly usage: UsageService;
  /** API key profiles in SecretStorage: the only source of the key (`getActiveKey()`). */
  readonly keys: KeyStore;
  /** The one Anthropic client factory (`get()`), built from the active key and the `claudeApi.*` settings. */
  readonly client: ClientProvider;
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
    this.keys = this.register(new KeyStore(extension.secrets, this.log));
    this.client = new ClientProvider(this.keys, this.config, this.log);
    this.usage = this.register(new UsageService(this));
  }

  /** Keeps `disposable` until the extension deactivates; returns it for chaining. */
  register<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** The stored keys' values, for masking in logs and messages (whatever their shape). */
  knownKeys(): readonly string[] {
    // The log is built before the key store; until then there is nothing to mask by value.
    return (this.keys as KeyStore | undefined)?.knownKeys() ?? [];
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
