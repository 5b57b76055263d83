import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { privateDirMode, privateFileMode } from '../../privateFileModes';
import { isBlobName } from './storedAttachment';

/** Blob names anywhere in a text (a conversation file), without parsing it. */
const blobReference = /[0-9a-f]{64}\.(?:txt|png|jpg|gif|webp|pdf)/g;

/** The blob names a conversation file's text refers to. */
export function blobReferences(text: string): string[] {
  return text.match(blobReference) ?? [];
}

/**
 * Attachment bytes on disk, one file per distinct content named by its SHA-256 (`<hash>.<ext>`): written
 * once (to a temporary file, then renamed), never changed, deleted when no conversation refers to it.
 * Only names of that shape are ever read or deleted, so a crafted conversation cannot point outside.
 */
export class AttachmentStore {
  private tempSerial = 0;

  constructor(readonly dir: string) {}

  /** Stores `content` (if not stored yet) and returns its blob name. */
  async put(content: Uint8Array, extension: string): Promise<string> {
    const blob = `${createHash('sha256').update(content).digest('hex')}.${extension}`;
    if (!isBlobName(blob)) throw new Error(`unknown attachment extension "${extension}"`);
    const file = path.join(this.dir, blob);
    if (await this.exists(blob)) return blob;
    await fs.promises.mkdir(this.dir, { recursive: true, mode: privateDirMode });
    const temp = `${file}.tmp-${process.pid}-${++this.tempSerial}`;
    try {
      await fs.promises.writeFile(temp, content, { mode: privateFileMode });
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    return blob;
  }

  /** The bytes of `blob`, or undefined when the file is gone or unreadable (never throws). */
  async read(blob: string): Promise<Buffer | undefined> {
    if (!isBlobName(blob)) return undefined;
    try {
      return await fs.promises.readFile(path.join(this.dir, blob));
    } catch {
      return undefined;
    }
  }

  async exists(blob: string): Promise<boolean> {
    if (!isBlobName(blob)) return false;
    try {
      await fs.promises.access(path.join(this.dir, blob));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Deletes every blob not in `referenced` (and, with `olderThan`, last written before that epoch time);
   * returns how many went. Files of other shapes are left alone.
   */
  async removeUnreferenced(referenced: ReadonlySet<string>, olderThan?: number): Promise<number> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return 0; // no folder: nothing stored
    }
    let removed = 0;
    for (const name of names) {
      if (!isBlobName(name) || referenced.has(name)) continue;
      const file = path.join(this.dir, name);
      if (olderThan !== undefined) {
        const modified = await fs.promises.stat(file).then((stat) => stat.mtimeMs, () => Infinity);
        if (modified >= olderThan) continue;
      }
      await fs.promises.rm(file, { force: true });
      removed++;
    }
    return removed;
  }
}
