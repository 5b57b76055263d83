import { formatCount, formatUsd } from '../../core/figures';
import type { ReplyFooter } from '../../shared/chatProtocol';

/** "claude-sonnet-4-5 · 1,234 in (1,000 cached) · 567 out · $0.0123", with ≈ when estimated; dollars as the usage meter shows them. */
export function formatFooter(footer: ReplyFooter): string {
  const approx = footer.approximate ? '≈' : '';
  const parts = [footer.model];
  const cached = footer.cacheReadTokens > 0 ? ` (${formatCount(footer.cacheReadTokens)} cached)` : '';
  parts.push(`${approx}${formatCount(footer.inputTokens)} in${cached}`);
  parts.push(`${approx}${formatCount(footer.outputTokens)} out`);
  // An unknown price shows tokens only: never a misleading $0.
  if (footer.costUsd !== undefined) parts.push(`${approx}${formatUsd(footer.costUsd)}`);
  return parts.join(' · ');
}

/** "14:05" today, otherwise "Mar 3" (or "Mar 3, 2025" in another year). */
export function formatWhen(epochMs: number, now = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  const sameYear = date.getFullYear() === today.getFullYear();
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
}
