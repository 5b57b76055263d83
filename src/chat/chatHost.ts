import type { ChatDeps } from '../core/chat/chatDeps';
import { ChatSession } from '../core/chat/chatSession';
import type { StoreProblem } from '../core/chat/conversationStore';
import type { ToWebviewMessage } from '../shared/chatProtocol';

/**
 * Owns the chat session, so it can be re-created from disk (`reload`, what a window reload does) while
 * the view stays; the view and the extension API always reach the current session through here.
 */
export class ChatHost {
  private current: ChatSession;
  private readonly pageListeners = new Set<(message: ToWebviewMessage) => void>();
  private readonly reloadListeners = new Set<() => void>();
  private unsubscribe: () => void;

  constructor(
    private readonly deps: ChatDeps,
    /** Called with problems found while loading conversations, once per load. */
    private readonly reportProblems: (problems: StoreProblem[]) => void,
  ) {
    this.current = new ChatSession(deps);
    this.unsubscribe = this.attach(this.current);
  }

  get session(): ChatSession {
    return this.current;
  }

  /** The session with its conversations loaded (damaged files reported once). */
  async loaded(): Promise<ChatSession> {
    const session = this.current;
    await session.load();
    const problems = session.takeLoadProblems();
    if (problems.length > 0) this.reportProblems(problems);
    return session;
  }

  private attach(session: ChatSession): () => void {
    return session.onMessage((message) => {
      for (const listener of this.pageListeners) listener(message);
    });
  }

  /** Messages for the page, from whichever session is current. */
  onMessage(listener: (message: ToWebviewMessage) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  /** Called after `reload`, so a connected page can be sent the new state. */
  onDidReload(listener: () => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  /** Drops the in-memory session (saving a streaming reply first) and reads everything back from disk. */
  async reload(): Promise<StoreProblem[]> {
    this.unsubscribe();
    this.current.dispose();
    this.current = new ChatSession(this.deps);
    this.unsubscribe = this.attach(this.current);
    await this.current.load();
    const problems = this.current.takeLoadProblems();
    if (problems.length > 0) this.reportProblems(problems);
    for (const listener of this.reloadListeners) listener();
    return problems;
  }

  dispose(): void {
    this.unsubscribe();
    this.current.dispose();
    this.pageListeners.clear();
    this.reloadListeners.clear();
  }
}
