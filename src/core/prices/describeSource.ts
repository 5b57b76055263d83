import type { PriceSource } from './types';

/** One line saying where a price came from, e.g. `@pydantic/genai-prices 0.1.8 (data of 2026-09)`. */
export function describePriceSource(source: PriceSource): string {
  switch (source.kind) {
    case 'package':
      return `${source.name} ${source.version}${source.dataDate ? ` (data of ${source.dataDate})` : ''}`;
    case 'table':
      return `Claude API Toolkit price table of ${source.date}`;
    case 'override':
      return `your setting ${source.setting}`;
  }
}
