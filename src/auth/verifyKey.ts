import type { ApiErrorInfo } from '../core/apiErrors';
import { NoApiKeyError } from '../core/keyErrors';
import type { Ctx } from '../ctx';

export type VerifyResult =
  | { ok: true; profile: string; maskedKey: string; server: string; modelCount: number }
  | { ok: false; profile: string | undefined; error: ApiErrorInfo };

/** A verify answers in seconds: no retries, and at most this long even if the setting allows more. */
const verifyTimeoutMs = 30_000;

/**
 * Checks a profile's key with a real, free call (`GET /v1/models`, one page). Never throws: the result
 * says "works" or exactly why not (401, 403, network, base URL).
 */
export async function verifyKey(ctx: Ctx, profileName?: string): Promise<VerifyResult> {
  const profile = profileName ?? (await ctx.keys.activeProfile())?.name;
  try {
    const key = profile === undefined ? undefined : await ctx.keys.getKey(profile);
    if (!key || profile === undefined) {
      throw new NoApiKeyError(profileName ? `There is no key profile named "${profileName}".` : undefined);
    }
    const client = await ctx.client.forKey(key);
    const settings = ctx.client.settings();
    const timeout = Math.min(verifyTimeoutMs, settings.timeoutMs);
    const page = await client.models.list({ limit: 100 }, { maxRetries: 0, timeout });
    const maskedKey = (await ctx.keys.listProfiles()).find((p) => p.name === profile)?.maskedKey ?? '';
    ctx.log.info(`verify: key of profile "${profile}" works (${page.data.length} models)`);
    return { ok: true, profile, maskedKey, server: settings.baseUrl.display, modelCount: page.data.length };
  } catch (error) {
    const info = ctx.classifyApiError(error, { routeAlwaysExists: true });
    ctx.log.warn(`verify: key of profile "${profile ?? '(none)'}" failed: ${info.kind}${info.status ? ` ${info.status}` : ''}`);
    return { ok: false, profile, error: info };
  }
}
