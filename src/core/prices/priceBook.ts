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
  /** Prices found under the current overrides: lenses price every call in a file again on each edit, and a lookup (aliases, the package's model list) costs more than the rest of a lens title. */
  private readonly remembered = new Map<string, ModelPrice | undefined>();

  constructor(
    /** The raw setting value (`ctx.config.priceOverrides`). */
    private readonly overrides: () => unknown,
    /** Tells the user about an ignored entry (called once per distinct problem). */
    private readonly onProblem: (problem: string) => void,
  ) {}

  /** The price of `modelId` (any spelling), overrides first; undefined when no source knows it (never $0). */
  price(modelId: string): ModelPrice | undefined {
    const overrides = this.current();
    if (!this.remembered.has(modelId)) this.remembered.set(modelId, lookupModelPrice(modelId, overrides.overrides));
    return this.remembered.get(modelId);
  }

  private current(): ParsedOverrides {
    const value = this.overrides();
    const raw = JSON.stringify(value ?? null);
    if (this.parsed?.raw !== raw) {
      const overrides = parsePriceOverrides(value);
      this.parsed = { raw, overrides };
      this.remembered.clear();
      for (const problem of overrides.problems) {
        if (this.reported.has(problem)) continue;
        this.reported.add(problem);
        this.onProblem(problem);
      }
    }
    return this.parsed.overrides;
  }
}
