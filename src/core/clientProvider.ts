import { format } from 'node:util';
import type Anthropic from '@anthropic-ai/sdk';
import type { BaseUrl } from './baseUrl';
import { checkBaseUrl } from './baseUrl';
import { NoApiKeyError } from './keyErrors';
import type { Log } from './log';
import { scrubKeys } from './scrubKeys';

/** The settings a client is built from, read live (`ctx.config` has them). */
export interface ClientConfig {
  /** `claudeApi.baseUrl`; empty means the public API. */
  readonly baseUrl: string;
  readonly requestTimeoutSeconds: number;
  readonly maxRetries: number;
}

/** The settings as a client uses them; a change to any of them builds a new client. */
export interface ClientSettings {
  /** The checked base URL (`href` for the client, `display` for people). */
  baseUrl: BaseUrl;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * `ctx.client`: the one place an Anthropic client is built. Always passes `apiKey` and `baseURL` explicitly:
 * left out, the SDK would fall back to `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL` and
 * profiles on disk, silently overriding the key the user stored. The SDK is loaded on first use, not at
 * activation.
 */
export class ClientProvider {
  private cached: { key: string; signature: string; client: Anthropic } | undefined;

  constructor(
    private readonly keys: { getActiveKey(): Promise<string | undefined> },
    private readonly config: ClientConfig,
    private readonly log: Log & { debug(message: string): void },
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
      baseURL: settings.baseUrl.href,
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
      baseUrl: checkBaseUrl(this.config.baseUrl),
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
