import * as fs from 'node:fs';
import * as path from 'node:path';
import { privateDirMode, privateFileMode } from '../privateFileModes';
import type { Conversation } from './conversation';
import { parseConversation, serializeConversation } from './conversationCodec';
import { scrubKeys } from '../scrubKeys';
import { errorMessage } from '../errorMessage';
import { AttachmentStore, blobReferences } from './attachments/attachmentStore';

/** What went wrong while loading, for the one-time report to the user. */
export interface StoreProblem {
  /** The file that could not be read. */
  file: string;
  /** Where it was moved (`*.corrupt-<time>`), when moving it worked. */
  movedTo?: string;
  reason: string;
}

export interface LoadedConversations {
  conversations: Conversation[];
  activeId: string | undefined;
  problems: StoreProblem[];
}

/** Conversation ids double as file names, so they are restricted to safe characters. */
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

export function isStorableId(id: string): boolean {
  return idPattern.test(id);
}

/**
 * Conversations on disk under the extension's global storage: one JSON file per conversation plus a
 * small state file (the active conversation). Every write goes to a temporary file first and is then
 * renamed over the old one, so a crash leaves the old or the new version, never half of one. A file
 * that cannot be read is moved aside (`*.corrupt-<time>`) and reported, never fatal.
 */
export class ConversationStore {
  private readonly conversationsDir: string;
  private readonly stateFile: string;
  /** Writes per file run one after another (a later save must not be overtaken by an earlier one). */
  private readonly writes = new Map<string, Promise<void>>();
  private tempSerial = 0;
  /** Attachment bytes, beside the conversations (`attachments/<sha256>.<ext>`); conversations refer to them by name. */
  readonly attachments: AttachmentStore;

  constructor(readonly dir: string) {
    this.conversationsDir = path.join(dir, 'conversations');
    this.stateFile = path.join(dir, 'chat-state.json');
    this.attachments = new AttachmentStore(path.join(dir, 'attachments'));
  }

  /** Reads everything; damaged files are set aside and listed in `problems`. Never throws. */
  async load(now = Date.now()): Promise<LoadedConversations> {
    const problems: StoreProblem[] = [];
    const conversations: Conversation[] = [];
    let names: string[] = [];
    try {
      await fs.promises.mkdir(this.conversationsDir, { recursive: true, mode: privateDirMode });
      names = await fs.promises.readdir(this.conversationsDir);
    } catch (error) {
      problems.push(await this.setAside(this.conversationsDir, error, now));
      try {
        await fs.promises.mkdir(this.conversationsDir, { recursive: true, mode: privateDirMode });
      } catch {
        // Still unusable: the chat works in memory and saving reports its own errors.
      }
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(this.conversationsDir, name);
      try {
        const conversation = parseConversation(await fs.promises.readFile(file, 'utf8'));
        if (`${conversation.id}.json` !== name || !isStorableId(conversation.id)) throw new Error(`its id "${conversation.id}" does not match the file name`);
        conversations.push(conversation);
      } catch (error) {
        problems.push(await this.setAside(file, error, now));
      }
    }
    await this.markMissingAttachments(conversations);
    return { conversations, activeId: await this.readActiveId(problems, now), problems };
  }

  /**
   * Marks attachments whose bytes are gone (deleted by hand, or by another window's cleanup) so the chip
   * and the request say so; a conversation with a missing attachment still loads.
   */
  private async markMissingAttachments(conversations: Conversation[]): Promise<void> {
    const present = new Map<string, boolean>();
    for (const conversation of conversations) {
      for (const turn of conversation.turns) {
        if (turn.role !== 'user' || !turn.attachments) continue;
        for (const attachment of turn.attachments) {
          let exists = present.get(attachment.blob);
          if (exists === undefined) present.set(attachment.blob, (exists = await this.attachments.exists(attachment.blob)));
          if (!exists) attachment.missing = true;
        }
      }
    }
  }

  /**
   * Deletes attachment files no conversation on disk refers to (nor `inUse`: the composer's). Reads every
   * conversation file, so conversations other windows saved keep theirs; references are found by their
   * shape, without parsing (a damaged file set aside keeps its attachments too). `olderThan` spares files
   * written since (another window's composer may be holding them).
   */
  async removeUnusedAttachments(inUse: Iterable<string>, olderThan?: number): Promise<number> {
    await this.flush();
    const referenced = new Set(inUse);
    let names: string[];
    try {
      names = await fs.promises.readdir(this.conversationsDir);
    } catch {
      return 0; // Unreadable folder: deleting now could drop attachments a conversation needs.
    }
    for (const name of names) {
      try {
        for (const blob of blobReferences(await fs.promises.readFile(path.join(this.conversationsDir, name), 'utf8'))) referenced.add(blob);
      } catch {
        return 0; // Same: when in doubt, keep everything.
      }
    }
    return this.attachments.removeUnreferenced(referenced, olderThan);
  }

  private async readActiveId(problems: StoreProblem[], now: number): Promise<string | undefined> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.stateFile, 'utf8');
    } catch {
      return undefined; // No state yet.
    }
    try {
      const state = JSON.parse(text) as { activeId?: unknown };
      return typeof state.activeId === 'string' ? state.activeId : undefined;
    } catch (error) {
      problems.push(await this.setAside(this.stateFile, error, now));
      return undefined;
    }
  }

  private async setAside(file: string, error: unknown, now: number): Promise<StoreProblem> {
    // JSON errors quote the file's text, which may hold a key someone pasted into a chat.
    const reason = scrubKeys(errorMessage(error));
    if (!isDamage(error)) return { file, reason: `${reason} (left in place)` };
    const movedTo = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await fs.promises.rename(file, movedTo);
      return { file, movedTo, reason };
    } catch {
      return { file, reason };
    }
  }

  /**
   * The copy of one conversation on disk as another window may have saved it, or undefined when there
   * is none or it cannot be read (a full `load` deals with damaged files).
   */
  async loadOne(id: string): Promise<Conversation | undefined> {
    const file = this.fileOf(id);
    await (this.writes.get(file) ?? Promise.resolve()).catch(() => undefined);
    try {
      return parseConversation(await fs.promises.readFile(file, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Saves one conversation (atomically); resolves when it is on disk. */
  save(conversation: Conversation): Promise<void> {
    return this.write(this.fileOf(conversation.id), serializeConversation(conversation));
  }

  /** Saves synchronously: for the last save while the extension shuts down, when nothing can be awaited. */
  saveNow(conversation: Conversation): void {
    const file = this.fileOf(conversation.id);
    fs.mkdirSync(this.conversationsDir, { recursive: true, mode: privateDirMode });
    const temp = this.tempName(file);
    fs.writeFileSync(temp, serializeConversation(conversation), { mode: privateFileMode });
    fs.renameSync(temp, file);
  }

  async delete(id: string): Promise<void> {
    const file = this.fileOf(id);
    await (this.writes.get(file) ?? Promise.resolve());
    await fs.promises.rm(file, { force: true });
  }

  saveActiveId(id: string): Promise<void> {
    return this.write(this.stateFile, JSON.stringify({ activeId: id }));
  }

  private fileOf(id: string): string {
    if (!isStorableId(id)) throw new Error(`invalid conversation id "${id}"`);
    return path.join(this.conversationsDir, `${id}.json`);
  }

  private tempName(file: string): string {
    return `${file}.tmp-${process.pid}-${++this.tempSerial}`;
  }

  private write(file: string, text: string): Promise<void> {
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: privateDirMode });
        const temp = this.tempName(file);
        try {
          await fs.promises.writeFile(temp, text, { mode: privateFileMode });
          await fs.promises.rename(temp, file);
        } catch (error) {
          await fs.promises.rm(temp, { force: true }).catch(() => undefined);
          throw error;
        }
      });
    this.writes.set(file, next);
    void next.finally(() => {
      if (this.writes.get(file) === next) this.writes.delete(file);
    }).catch(() => undefined);
    return next;
  }

  /** Resolves once every write started so far has finished (for tests and shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()].map((write) => write.catch(() => undefined)));
  }
}

/**
 * Whether a read failure means the content is damaged. An I/O failure (permissions, too many open
 * files, a busy disk) says nothing about the content, so such a file or folder is reported and left in
 * place for the next load; only unreadable content, or a file where the folder should be, is set aside.
 */
function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  // ENOTDIR / EEXIST: a file stands where the folder should be (from readdir / from mkdir).
  return code === undefined || code === 'ENOTDIR' || code === 'EEXIST';
}
