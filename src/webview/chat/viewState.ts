/** What the page keeps across being hidden and shown (VS Code's `setState`); the host owns everything else. */
export interface ChatViewState {
  /** Unsent text in the message box. */
  draft: string;
  /** Whether the box holds an edit of the last user message. */
  editing: boolean;
  /** Scroll position of the message list, for `conversationId`. */
  scrollTop: number;
  conversationId?: string;
  /** Which panel was open. */
  panel?: 'history' | 'settings';
}

/** Reads stored view state defensively: it was written by an older page or may be missing. */
export function readViewState(stored: unknown): ChatViewState {
  const state: ChatViewState = { draft: '', editing: false, scrollTop: 0 };
  if (typeof stored !== 'object' || stored === null) return state;
  const value = stored as Record<string, unknown>;
  if (typeof value.draft === 'string') state.draft = value.draft;
  if (typeof value.editing === 'boolean') state.editing = value.editing;
  if (typeof value.scrollTop === 'number' && Number.isFinite(value.scrollTop)) state.scrollTop = value.scrollTop;
  if (typeof value.conversationId === 'string') state.conversationId = value.conversationId;
  if (value.panel === 'history' || value.panel === 'settings') state.panel = value.panel;
  return state;
}
