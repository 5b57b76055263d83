import { lookupModelPrice } from './lookup';
import type { ParsedOverrides } from './overrides';
import { parsePriceOverrides } from './overrides';
import type { ModelPrice } from './types';

/**
 * `ctx.prices`: every price the extension shows or records (usage meter, chat footers, prompt lens), with
 * the user's `claudeApi.prices.overrides` applied. The setting is read live but parsed only when its value
 * changed, and each problem with it is reported once.
 */
export class PriceBook {
  private parsed: { raw: string; overrides: ParsedOverrides } | undefined;
  private readonly reported = new Set<string>();

  constructor(
    /** The raw setting value (`ctx.config.priceOverrides`). */
    private readonly overrides: () => unknown,
    /** Tells the user about an ignored entry (called once per distinct problem). */
    private readonly onProblem: (problem: string) => void,
  ) {}

  /** The price of `modelId` (any spelling), overrides first; undefined when no source knows it (never $0). */
  price(modelId: string): ModelPrice | undefined {
    return lookupModelPrice(modelId, this.current().overrides);
  }

  private current(): ParsedOverrides {
    const value = this.overrides();
    const raw = JSON.stringify(value ?? null);
    if (this.parsed?.raw !== raw) {
      const overrides = parsePriceOverrides(value);
      this.parsed = { raw, overrides };
      for (const problem of overrides.problems) {
        if (this.reported.has(problem)) continue;
        this.reported.add(problem);
        this.onProblem(problem);
      }
    }
    return this.parsed.overrides;
  }
}
