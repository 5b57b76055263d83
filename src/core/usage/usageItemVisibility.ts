/** What decides whether the usage status bar item is shown. */
export interface UsageItemState {
  /** `claudeApi.statusBar.show`. */
  show: 'auto' | 'always' | 'never';
  /** A key profile is active. */
  hasKey: boolean;
  /** Requests in the ledger this month (any window). */
  requestsThisMonth: number;
  /** Requests streaming now. */
  inFlight: number;
}

/**
 * `auto` keeps the status bar quiet for people who only use the key lint: the item appears once a key is
 * set or a request was made (this month, or now), never as a warning in every window.
 */
export function usageItemVisible(state: UsageItemState): boolean {
  if (state.show !== 'auto') return state.show === 'always';
  return state.hasKey || state.requestsThisMonth > 0 || state.inFlight > 0;
}
