import { canonicalModelId } from './modelIds';
import { ourTable } from './ourTable';
import type { PriceOverrides } from './overrides';
import { packageModelPrice, packageSource } from './packagePrices';
import type { ModelPrice } from './types';

/**
 * The price of `modelId` (any spelling: dated, alias, gateway suffix), or undefined when no source
 * knows it (callers then say "price unknown", never $0). Order: the user's overrides, our dated table,
 * then the `@pydantic/genai-prices` snapshot.
 */
export function lookupModelPrice(modelId: string, overrides?: PriceOverrides): ModelPrice | undefined {
  const canonical = canonicalModelId(modelId);
  const override = overrides?.get(canonical);
  if (override) return override;
  const fromTable = ourTable.get(canonical);
  if (fromTable) return withPackageToolFees(fromTable);
  return packageModelPrice(canonical);
}

/**
 * Our table has no server tool fees of its own; the package prices web search per model. Borrow its fee
 * only for the very same model (never through the package's prefix matching).
 */
function withPackageToolFees(price: ModelPrice): ModelPrice {
  const fromPackage = packageModelPrice(price.modelId);
  const webSearch = fromPackage?.serverToolsPerThousand?.webSearch;
  if (webSearch === undefined) return price;
  return { ...price, serverToolsPerThousand: { webSearch }, serverToolsSource: packageSource };
}
