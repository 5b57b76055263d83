import { randomUUID } from 'node:crypto';
import { scrubKeys } from '../scrubKeys';
import type { AssistantTurn, Conversation, UserTurn } from './conversation';
import {
  appendUserTurn,
  assistantText,
  createConversation,
  lastAssistantTurn,
  lastUserTurnIndex,
  sortSummaries,
  toConversationView,
  toSummary,
  toUserTurnView,
  untitled,
} from './conversation';
import type { TurnOwnership } from './mergeTurns';
import { mergeForeignTurns } from './mergeTurns';
import type { SnippetOptions } from './codeSnippet';
import { conversationSnippet } from './codeSnippetConversation';
import { unfinishedErrorView } from './errorView';
import { applyParametersPatch, defaultParameters } from './parameters';
import type { RequestMode } from './requestBuilder';
import type {
  ChatErrorView,
  ChatParametersPatch,
  ChatState,
  ConversationSummary,
  ConversationView,
  KeyState,
  ModelOption,
  ReplyFooter,
  SnippetLanguage,
  ToWebviewMessage,
} from '../../shared/chatProtocol';
import { parameterLimits } from '../../shared/chatProtocol';
import type { ChatDeps } from './chatDeps';
import type { StoreProblem } from './conversationStore';
import { fallbackModels, fetchModels, withCurrentModel } from './modelList';
import { ReplyRunner } from './replyRunner';
import { errorMessage } from '../errorMessage';
import type { AttachmentView } from '../../shared/chatProtocol';
import { attachmentLimits, formatBytes } from '../../shared/attachmentLimits';
import type { AttachmentInput } from './attachments/prepareAttachment';
import { prepareAttachment } from './attachments/prepareAttachment';
import { AttachmentRefused } from './attachments/attachmentRefused';
import type { StoredAttachment } from './attachments/storedAttachment';
import { blobExtension } from './attachments/storedAttachment';
import { toAttachmentView } from './attachments/attachmentView';
import { requestSize } from './attachments/requestSize';

/** How a reply ended, for callers of the extension API and for tests. */
export interface ChatReplyResult {
  conversationId: string;
  turnId: string;
  /** The reply's text (text blocks joined; thinking excluded). */
  text: string;
  interrupted: boolean;
  error?: ChatErrorView;
  footer?: ReplyFooter;
}

/** A request the session refuses as it stands (busy, nothing to retry...): shown as a notice, not an error. */
export class ChatRequestRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatRequestRefused';
  }
}

interface Streaming {
  conversation: Conversation;
  turn: AssistantTurn;
  runner: ReplyRunner;
  done: Promise<ChatReplyResult>;
}

/** Partial replies are saved at most this often while they stream. */
const progressSaveMs = 1000;

/**
 * The chat's state and behaviour, independent of any webview: conversations, the streaming reply,
 * persistence and models. The view and the extension API drive the same methods; everything the page
 * should know goes out through `onMessage` listeners.
 */
export class ChatSession {
  private readonly byId = new Map<string, Conversation>();
  private activeId = '';
  private models: ModelOption[] = [...fallbackModels];
  private modelsOffline = true;
  private modelsRequest: Promise<void> | undefined;
  private streaming: Streaming | undefined;
  /** True from the moment a send is accepted until its reply ends (covers the save before the request). */
  private busy = false;
  private readonly listeners = new Set<(message: ToWebviewMessage) => void>();
  private loaded: Promise<void> | undefined;
  private loadProblems: StoreProblem[] = [];
  private lastProgressSave = 0;
  private disposed = false;
  /** Which turns this window has seen and which it wrote, to fold in other windows' saves (`mergeForeignTurns`). */
  private readonly turns: TurnOwnership = { known: new Set(), own: new Set() };
  /**
   * Attachments waiting in the composer, with their bytes: stored on disk at once (thumbnails), and again
   * when sent, in case another window's cleanup removed the file meanwhile.
   */
  private pending: { attachment: StoredAttachment; content: Uint8Array }[] = [];
  /** Cleanup of unused attachment files, one at a time; a request while a full one waits joins it. */
  private cleanup: Promise<void> = Promise.resolve();
  private fullCleanupQueued = false;

  constructor(private readonly deps: ChatDeps) {}

  /** Subscribes to messages for the page; returns the unsubscribe function. */
  onMessage(listener: (message: ToWebviewMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private post(message: ToWebviewMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  /** Shows a short notice in the page (refusals, results of host actions, storage trouble). */
  notify(level: 'info' | 'warning' | 'error', message: string): void {
    this.post({ type: 'didShowNotice', level, message });
  }

  /** Loads the store once; damaged files are set aside and kept for `takeLoadProblems`. */
  load(): Promise<void> {
    this.loaded ??= this.loadNow();
    return this.loaded;
  }

  private async loadNow(): Promise<void> {
    const { conversations, activeId, problems } = await this.deps.store.load();
    this.loadProblems = problems;
    for (const problem of problems) this.deps.log.warn(`chat store: set aside ${problem.file}${problem.movedTo ? ` as ${problem.movedTo}` : ''}: ${problem.reason}`);
    for (const conversation of conversations) {
      this.byId.set(conversation.id, conversation);
      for (const turn of conversation.turns) this.turns.known.add(turn.id);
    }
    const newest = sortSummaries(conversations.map(toSummary))[0]?.id;
    const active = (activeId && this.byId.get(activeId)?.id) || newest;
    this.activeId = active ?? this.createEmpty().id;
    this.deps.log.info(`chat: ${conversations.length} conversation(s) loaded`);
  }

  private get active(): Conversation {
    let conversation = this.byId.get(this.activeId);
    if (!conversation) {
      conversation = this.createEmpty();
      this.activeId = conversation.id;
    }
    return conversation;
  }

  private createEmpty(): Conversation {
    const previous = this.byId.get(this.activeId);
    const { model, maxTokens } = this.deps.defaults();
    // A new chat keeps the parameters of the one before it: people rarely want to pick them again.
    const parameters = previous?.parameters ?? defaultParameters(model, maxTokens);
    const conversation = createConversation(`c-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`, parameters, Date.now());
    this.byId.set(conversation.id, conversation);
    return conversation;
  }

  private summaries() {
    return sortSummaries([...this.byId.values()].map(toSummary));
  }

  private view(conversation: Conversation): ConversationView {
    const view = toConversationView(conversation);
    const streamingId = this.streaming?.conversation === conversation ? this.streaming.turn.id : undefined;
    if (streamingId) {
      const turn = view.turns.find((t) => t.id === streamingId);
      if (turn?.role === 'assistant') {
        turn.status = 'streaming';
        delete turn.error;
      }
    }
    return view;
  }

  /** Everything the page needs (answer to `ready`). */
  async state(): Promise<ChatState> {
    await this.load();
    const active = this.active;
    await this.takeInOtherWindows(active, false);
    return {
      conversations: this.summaries(),
      active: this.view(active),
      models: withCurrentModel(this.models, active.parameters.model),
      modelsOffline: this.modelsOffline,
      key: await this.keyStateSafe(),
      busy: this.busy,
      limits: parameterLimits,
      attachments: this.attachmentViews(),
    };
  }

  /** Problems found while loading, to show once when a page connects; cleared by reading. */
  takeLoadProblems(): StoreProblem[] {
    return this.loadProblems.splice(0);
  }

  private async keyStateSafe(): Promise<KeyState> {
    try {
      return await this.deps.keyState();
    } catch (error) {
      this.deps.log.warn(`chat: key state unavailable: ${errorMessage(error)}`);
      return { hasKey: false };
    }
  }

  /** Active conversation as the page shows it (for the extension API and tests). */
  async activeConversation(): Promise<ConversationView> {
    await this.load();
    return this.view(this.active);
  }

  async conversations(): Promise<ConversationSummary[]> {
    await this.load();
    return this.summaries();
  }

  /** "Copy as code" for the active conversation (the request behind its latest reply). */
  async snippet(language: SnippetLanguage, options: SnippetOptions): Promise<string> {
    await this.load();
    return conversationSnippet(language, this.active, options);
  }

  get isBusy(): boolean {
    return this.busy;
  }

  // -------------------------------------------------------------------------------------------
  // Sending and replies
  // -------------------------------------------------------------------------------------------

  /** Sends a user message in the active conversation; resolves when the reply ends (complete or not). */
  async sendMessage(text: string): Promise<ChatReplyResult> {
    this.claim();
    try {
      await this.load();
      const conversation = this.active;
      await this.takeInOtherWindows(conversation);
      const sending = this.pending.slice();
      this.checkRequestSize(conversation, sending.map((p) => p.attachment));
      for (const { attachment, content } of sending) await this.deps.store.attachments.put(content, blobExtension(attachment.blob));
      const turn: UserTurn = { role: 'user', id: this.ownTurnId('u'), text, createdAt: Date.now() };
      if (sending.length > 0) turn.attachments = sending.map((p) => p.attachment);
      appendUserTurn(conversation, turn);
      this.pending = this.pending.filter((p) => !sending.includes(p));
      // The message is on disk before the request goes out: whatever happens next, it is not lost.
      await this.persist(conversation);
      this.post({ type: 'didAppendUserTurn', conversationId: conversation.id, turn: toUserTurnView(turn, conversation.parameters.model) });
      if (sending.length > 0) this.postAttachments();
      this.post({ type: 'didChangeConversations', conversations: this.summaries() });
      return await this.reply(conversation, 'reply');
    } finally {
      this.release();
    }
  }

  /** Asks again for the last reply (replacing the last assistant turn, if any). */
  async retry(): Promise<ChatReplyResult> {
    this.claim();
    try {
      await this.load();
      const conversation = this.active;
      await this.takeInOtherWindows(conversation);
      if (lastUserTurnIndex(conversation) < 0) throw new ChatRequestRefused('There is no message to retry yet.');
      if (lastAssistantTurn(conversation)) {
        conversation.turns.pop();
        await this.persist(conversation);
        this.post({ type: 'didOpenConversation', conversation: this.view(conversation) });
      }
      return await this.reply(conversation, 'reply');
    } finally {
      this.release();
    }
  }

  /** Asks the model to carry on from the interrupted last reply. */
  async continueReply(): Promise<ChatReplyResult> {
    this.claim();
    try {
      await this.load();
      const conversation = this.active;
      await this.takeInOtherWindows(conversation);
      const last = lastAssistantTurn(conversation);
      if (!last || last.status !== 'interrupted') throw new ChatRequestRefused('Only an interrupted reply can be continued.');
      if (!last.blocks.some((block) => block.type === 'text' && block.text.trim() !== '')) {
        // Nothing to continue from: asking afresh is the same thing and keeps thinking available.
        conversation.turns.pop();
        this.post({ type: 'didOpenConversation', conversation: this.view(conversation) });
        return await this.reply(conversation, 'reply');
      }
      return await this.reply(conversation, 'continue', last);
    } finally {
      this.release();
    }
  }

  /** Replaces the last user message, drops the turns after it, and sends it again. */
  async editLastUserMessage(text: string): Promise<ChatReplyResult> {
    this.claim();
    try {
      await this.load();
      const conversation = this.active;
      await this.takeInOtherWindows(conversation);
      const index = lastUserTurnIndex(conversation);
      if (index < 0) throw new ChatRequestRefused('There is no message to edit yet.');
      const turn: UserTurn = { role: 'user', id: this.ownTurnId('u'), text, createdAt: Date.now() };
      // The edit changes the text; what was attached to the message stays attached.
      const edited = conversation.turns[index];
      if (edited.role === 'user' && edited.attachments) turn.attachments = edited.attachments;
      conversation.turns.splice(index, conversation.turns.length - index, turn);
      conversation.updatedAt = turn.createdAt;
      await this.persist(conversation);
      this.post({ type: 'didOpenConversation', conversation: this.view(conversation) });
      return await this.reply(conversation, 'reply');
    } finally {
      this.release();
    }
  }

  /** Stops the streaming reply, if any; resolves when it has ended and been saved. */
  async stop(): Promise<void> {
    const streaming = this.streaming;
    if (!streaming) return;
    streaming.runner.stop();
    await streaming.done.catch(() => undefined);
  }

  private claim(): void {
    if (this.disposed) throw new ChatRequestRefused('The chat is shutting down.');
    if (this.busy) throw new ChatRequestRefused('A reply is still streaming: wait for it or press Stop.');
    this.busy = true;
    this.post({ type: 'didChangeBusy', busy: true });
  }

  private release(): void {
    this.busy = false;
    this.post({ type: 'didChangeBusy', busy: false });
  }

  private async reply(conversation: Conversation, mode: RequestMode, resume?: AssistantTurn): Promise<ChatReplyResult> {
    const turn: AssistantTurn = resume ?? {
      role: 'assistant',
      id: this.ownTurnId('a'),
      createdAt: Date.now(),
      model: conversation.parameters.model,
      blocks: [],
      status: 'interrupted',
    };
    this.turns.own.add(turn.id); // a resumed turn is this window's from now on
    // Saved copies taken while it streams say what happened if the window goes away mid-reply.
    turn.status = 'interrupted';
    turn.error = unfinishedErrorView();
    delete turn.footer;
    if (!resume) conversation.turns.push(turn);
    this.post({ type: 'didStartReply', conversationId: conversation.id, turnId: turn.id, resumed: resume !== undefined });

    const runner = new ReplyRunner(this.deps, {
      conversation,
      turn,
      mode,
      post: (message) => this.post(message),
      onProgress: () => this.saveProgress(conversation),
    });
    let finish!: (result: ChatReplyResult) => void;
    const done = new Promise<ChatReplyResult>((resolve) => (finish = resolve));
    this.streaming = { conversation, turn, runner, done };
    const outcome = await runner.run();
    this.streaming = undefined;

    turn.status = outcome.status;
    if (outcome.error) turn.error = outcome.error;
    else delete turn.error;
    if (outcome.footer) {
      turn.footer = outcome.footer;
      turn.model = outcome.footer.model;
    }
    if (outcome.stopReason) turn.stopReason = outcome.stopReason;
    conversation.updatedAt = Date.now();
    if (outcome.errorInfo) this.deps.log.warn(`chat reply interrupted: ${outcome.errorInfo.kind}${outcome.errorInfo.status ? ` ${outcome.errorInfo.status}` : ''}: ${outcome.errorInfo.message}`);
    // A disposed session already saved the reply synchronously; a later write could overwrite what
    // the session that replaced it saves.
    if (!this.disposed) await this.persist(conversation);

    if (outcome.status === 'complete' && outcome.footer) {
      this.post({ type: 'didEndReply', turnId: turn.id, footer: outcome.footer, ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}) });
    } else {
      this.post({ type: 'didInterruptReply', turnId: turn.id, error: turn.error ?? unfinishedErrorView(), ...(outcome.footer ? { footer: outcome.footer } : {}) });
    }
    this.post({ type: 'didChangeConversations', conversations: this.summaries() });
    const result: ChatReplyResult = {
      conversationId: conversation.id,
      turnId: turn.id,
      text: assistantText(turn),
      interrupted: outcome.status === 'interrupted',
    };
    if (turn.error) result.error = turn.error;
    if (turn.footer) result.footer = turn.footer;
    finish(result);
    return result;
  }

  private saveProgress(conversation: Conversation): void {
    if (this.disposed) return;
    const now = Date.now();
    if (now - this.lastProgressSave < progressSaveMs) return;
    this.lastProgressSave = now;
    void this.persist(conversation);
  }

  /**
   * Folds in what other windows saved of `conversation` since this window read it: every window opens the
   * shared active conversation, and writing the whole file from a stale copy would drop their turns.
   */
  private async takeInOtherWindows(conversation: Conversation, announce = true): Promise<void> {
    const disk = await this.deps.store.loadOne(conversation.id);
    if (!disk) return;
    const merged = mergeForeignTurns(conversation.turns, disk.turns, this.turns);
    if (!merged) return;
    conversation.turns = merged;
    conversation.updatedAt = Math.max(conversation.updatedAt, disk.updatedAt);
    if (!conversation.titleEdited && disk.titleEdited) {
      conversation.title = disk.title;
      conversation.titleEdited = true;
    } else if (conversation.title === untitled) {
      conversation.title = disk.title;
    }
    if (announce && conversation.id === this.activeId) this.post({ type: 'didOpenConversation', conversation: this.view(conversation) });
  }

  private ownTurnId(prefix: 'u' | 'a'): string {
    const id = newTurnId(prefix);
    this.turns.own.add(id);
    this.turns.known.add(id);
    return id;
  }

  /** Saves a conversation; a failure is logged and shown, and the conversation stays in memory. */
  private async persist(conversation: Conversation): Promise<void> {
    try {
      await this.takeInOtherWindows(conversation);
      await this.deps.store.save(conversation);
    } catch (error) {
      const reason = scrubKeys(errorMessage(error));
      this.deps.log.error(`chat: could not save conversation ${conversation.id}: ${reason}`);
      this.post({ type: 'didShowNotice', level: 'error', message: `Could not save the conversation (${reason}). It stays open in this window.` });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Conversations and parameters
  // -------------------------------------------------------------------------------------------

  async newConversation(): Promise<string> {
    await this.load();
    const current = this.active;
    if (current.turns.length > 0) {
      this.activeId = this.createEmpty().id;
      await this.saveActiveId();
    }
    this.post({ type: 'didOpenConversation', conversation: this.view(this.active) });
    this.post({ type: 'didChangeConversations', conversations: this.summaries() });
    return this.activeId;
  }

  async switchConversation(id: string): Promise<void> {
    await this.load();
    const conversation = this.byId.get(id);
    if (!conversation) throw new ChatRequestRefused('That conversation no longer exists.');
    this.dropEmptyActive(id);
    this.activeId = id;
    await this.saveActiveId();
    this.post({ type: 'didOpenConversation', conversation: this.view(conversation) });
    this.post({ type: 'didChangeConversations', conversations: this.summaries() });
  }

  /** An untouched "New chat" is not worth keeping in the list once the user moves elsewhere. */
  private dropEmptyActive(nextId: string): void {
    const current = this.byId.get(this.activeId);
    if (current && current.id !== nextId && current.turns.length === 0) this.byId.delete(current.id);
  }

  async deleteConversation(id: string): Promise<void> {
    await this.load();
    if (!this.byId.has(id)) return;
    if (this.streaming?.conversation.id === id) await this.stop();
    this.byId.delete(id);
    await this.deps.store.delete(id);
    void this.removeUnusedAttachments();
    if (this.activeId === id) {
      const next = this.summaries()[0]?.id;
      this.activeId = next ?? this.createEmpty().id;
      await this.saveActiveId();
      this.post({ type: 'didOpenConversation', conversation: this.view(this.active) });
    }
    this.post({ type: 'didChangeConversations', conversations: this.summaries() });
  }

  async renameConversation(id: string, title: string): Promise<void> {
    await this.load();
    const conversation = this.byId.get(id);
    if (!conversation) throw new ChatRequestRefused('That conversation no longer exists.');
    conversation.title = title.replace(/\s+/g, ' ').trim().slice(0, parameterLimits.titleMaxChars);
    conversation.titleEdited = true;
    if (conversation.turns.length > 0) await this.persist(conversation);
    this.post({ type: 'didChangeConversations', conversations: this.summaries() });
  }

  async changeParameters(patch: ChatParametersPatch): Promise<void> {
    await this.load();
    const conversation = this.active;
    conversation.parameters = applyParametersPatch(conversation.parameters, patch);
    if (conversation.turns.length > 0) await this.persist(conversation);
    this.post({ type: 'didChangeParameters', conversationId: conversation.id, parameters: conversation.parameters });
    if (patch.model !== undefined) {
      this.postModels();
      if (this.pending.length > 0) this.postAttachments(); // estimates depend on the model's tokenizer
    }
  }

  private async saveActiveId(): Promise<void> {
    try {
      await this.deps.store.saveActiveId(this.activeId);
    } catch (error) {
      this.deps.log.warn(`chat: could not save the active conversation: ${errorMessage(error)}`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Attachments
  // -------------------------------------------------------------------------------------------

  /**
   * Checks a file or selection, stores its bytes and adds it to the composer; refuses (with the reason and
   * the limit) what the API would not take. What the user typed is the page's and is never touched.
   */
  async addAttachment(input: AttachmentInput): Promise<AttachmentView> {
    await this.load();
    if (this.pending.length >= attachmentLimits.pendingMax) {
      throw new ChatRequestRefused(`At most ${attachmentLimits.pendingMax} attachments can wait in the composer: send or remove some first.`);
    }
    let prepared;
    try {
      prepared = prepareAttachment(input);
    } catch (error) {
      if (error instanceof AttachmentRefused) throw new ChatRequestRefused(error.message);
      throw error;
    }
    const blob = await this.deps.store.attachments.put(prepared.content, prepared.extension);
    const attachment: StoredAttachment = { ...prepared.attachment, id: `att-${randomUUID().slice(0, 8)}`, blob };
    this.pending.push({ attachment, content: prepared.content });
    this.postAttachments();
    return toAttachmentView(attachment, this.active.parameters.model);
  }

  /** Takes an attachment out of the composer (an unknown id is ignored: it was sent or removed already). */
  async removeAttachment(id: string): Promise<void> {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => p.attachment.id !== id);
    if (this.pending.length === before) return;
    this.postAttachments();
    await this.removeUnusedAttachments();
  }

  /** The composer's attachments as the page shows them. */
  async pendingAttachments(): Promise<AttachmentView[]> {
    await this.load();
    return this.attachmentViews();
  }

  private attachmentViews(): AttachmentView[] {
    const model = this.byId.get(this.activeId)?.parameters.model ?? this.deps.defaults().model;
    return this.pending.map((p) => toAttachmentView(p.attachment, model));
  }

  private postAttachments(): void {
    this.post({ type: 'didChangeAttachments', attachments: this.attachmentViews() });
  }

  /** Refuses a message whose request would pass the API's size or image limits (history included). */
  private checkRequestSize(conversation: Conversation, adding: readonly StoredAttachment[]): void {
    const size = requestSize(conversation, adding);
    if (size.bytes > attachmentLimits.requestMaxBytes) {
      throw new ChatRequestRefused(
        `With its attachments this message makes a request of ${formatBytes(size.bytes)}, and the API takes at most ${formatBytes(attachmentLimits.requestMaxBytes)} (earlier messages' attachments are sent again each time). Remove an attachment or start a new chat.`,
      );
    }
    if (size.images > attachmentLimits.imagesPerRequest) {
      throw new ChatRequestRefused(`This request would hold ${size.images} images, and the API takes at most ${attachmentLimits.imagesPerRequest}. Remove some or start a new chat.`);
    }
  }

  /**
   * Deletes attachment files nothing refers to any more (after a delete or a removal); never throws.
   * `olderThan` (epoch ms) keeps files written since: the start-up sweep of what closed windows left in
   * their composers spares what a window still open may hold.
   */
  removeUnusedAttachments(olderThan?: number): Promise<void> {
    const full = olderThan === undefined;
    if (full && this.fullCleanupQueued) return this.cleanup;
    if (full) this.fullCleanupQueued = true;
    this.cleanup = this.cleanup.then(async () => {
      if (full) this.fullCleanupQueued = false;
      try {
        const removed = await this.deps.store.removeUnusedAttachments(
          this.pending.map((p) => p.attachment.blob),
          olderThan,
        );
        if (removed > 0) this.deps.log.info(`chat: ${removed} unused attachment file(s) deleted`);
      } catch (error) {
        this.deps.log.warn(`chat: could not delete unused attachments: ${errorMessage(error)}`);
      }
    });
    return this.cleanup;
  }

  // -------------------------------------------------------------------------------------------
  // Models and keys
  // -------------------------------------------------------------------------------------------

  /** Re-reads the model list (falls back to the built-in list without a key or network). */
  refreshModels(): Promise<void> {
    this.modelsRequest ??= this.fetchModelsNow().finally(() => (this.modelsRequest = undefined));
    return this.modelsRequest;
  }

  private async fetchModelsNow(): Promise<void> {
    const key = await this.keyStateSafe();
    if (!key.hasKey) {
      this.models = [...fallbackModels];
      this.modelsOffline = true;
    } else {
      const timeout = AbortSignal.timeout(15_000);
      try {
        const models = await fetchModels(await this.deps.getClient(), timeout);
        this.models = models.length > 0 ? models : [...fallbackModels];
        this.modelsOffline = models.length === 0;
      } catch (error) {
        const info = this.deps.classify(error);
        this.deps.log.warn(`chat: model list unavailable, using the built-in list: ${info.message}`);
        this.models = [...fallbackModels];
        this.modelsOffline = true;
      }
    }
    this.postModels();
  }

  private postModels(): void {
    // Read, never create: a key change can arrive before the store is loaded, and `active` would make a
    // phantom "New chat" that outlives the load (and is gone after the next reload).
    const model = this.byId.get(this.activeId)?.parameters.model ?? this.deps.defaults().model;
    this.post({ type: 'didChangeModels', models: withCurrentModel(this.models, model), modelsOffline: this.modelsOffline });
  }

  /** The key changed: tell the page and re-read the models the new key can use. */
  async keysChanged(): Promise<void> {
    this.post({ type: 'didChangeKeyState', key: await this.keyStateSafe() });
    await this.refreshModels();
  }

  // -------------------------------------------------------------------------------------------

  /** Aborts a streaming reply and saves what arrived synchronously (the host is going away). */
  dispose(): void {
    this.disposed = true;
    const streaming = this.streaming;
    if (streaming) {
      streaming.runner.stop();
      try {
        this.deps.store.saveNow(streaming.conversation);
      } catch (error) {
        this.deps.log.error(`chat: could not save the streaming reply on shutdown: ${errorMessage(error)}`);
      }
    }
    this.listeners.clear();
  }
}

function newTurnId(prefix: 'u' | 'a'): string {
  return `${prefix}-${randomUUID()}`;
}
