import { format } from 'node:util';
import type * as vscode from 'vscode';
import type Anthropic from '@anthropic-ai/sdk';
import type { KeyStore } from '../auth/keyStore';
import type { Config } from '../config';
import { normalizeBaseUrl } from '../core/baseUrl';
import { NoApiKeyError } from '../core/keyErrors';
import { scrubKeys } from '../core/scrubKeys';

/** The settings a client is built from; a change to any of them builds a new client. */
export interface ClientSettings {
  /** Server root, never empty (the default is filled in), without trailing slashes. */
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * The one place an Anthropic client is built. Always passes `apiKey` and `baseURL` explicitly: left
 * out, the SDK would fall back to `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL` and
 * profiles on disk, silently overriding the key the user stored. The SDK is loaded on first use,
 * not at activation.
 */
export class ClientProvider {
  private cached: { key: string; signature: string; client: Anthropic } | undefined;

  constructor(
    private readonly keys: KeyStore,
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** A client for the active profile's key. Throws `NoApiKeyError` ("no API key ... Set API Key") when none is set. */
  async get(): Promise<Anthropic> {
    const key = await this.keys.getActiveKey();
    if (!key) throw new NoApiKeyError();
    return this.forKey(key);
  }

  /**
   * A client for a given key (e.g. to verify a profile that is not active). `remember: false` leaves the
   * cached client of the active key in place (the admin key's client is used once and dropped).
   */
  async forKey(key: string, { remember = true }: { remember?: boolean } = {}): Promise<Anthropic> {
    const settings = this.settings();
    const signature = JSON.stringify(settings);
    if (this.cached?.key === key && this.cached.signature === signature) return this.cached.client;
    const { Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({
      apiKey: key,
      authToken: null,
      webhookKey: null,
      baseURL: settings.baseUrl,
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      logLevel: 'warn',
      logger: this.sdkLogger(key),
    });
    if (remember) this.cached = { key, signature, client };
    return client;
  }

  /** The settings as the next client will use them; throws a clear error for an unusable base URL. */
  settings(): ClientSettings {
    return {
      baseUrl: normalizeBaseUrl(this.config.baseUrl),
      timeoutMs: Math.round(this.config.requestTimeoutSeconds * 1000),
      maxRetries: this.config.maxRetries,
    };
  }

  /** SDK warnings go to our log, scrubbed of the key (the SDK redacts auth headers; this is a second guard). */
  private sdkLogger(key: string): Anthropic['logger'] {
    const write = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string, ...rest: unknown[]) =>
      this.log[level](scrubKeys(`Anthropic SDK: ${format(message, ...rest)}`, [key]));
    return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
  }
}
