import type { AttachmentKind } from '../../../shared/chatProtocol';
import type { ImageMediaType } from '../../../shared/attachmentLimits';

/**
 * An attachment as a conversation stores it: what it is and where its bytes are, never the bytes. The bytes
 * live in the attachments folder beside the conversations, named by their SHA-256 (`blob`), so the JSON
 * stays small and the same file attached twice is stored once.
 */
export interface StoredAttachment {
  /** Unique within its turn (or the composer): the page removes a chip by it. */
  id: string;
  kind: AttachmentKind;
  /** Shown on the chip and sent in the heading of a text attachment: a workspace-relative path or a file name. */
  name: string;
  mediaType: ImageMediaType | 'application/pdf' | 'text/plain';
  /** File name in the attachments folder: `<sha256>.<ext>`. */
  blob: string;
  /** Size of the stored bytes. */
  bytes: number;
  /** Text: characters of the block as sent (heading and fence included), for its estimate. */
  chars?: number;
  /** Text from an editor selection: its first and last line, 1-based. */
  lines?: { start: number; end: number };
  /** Text: the editor's language id, for the code fence. */
  languageId?: string;
  /** Images: pixels, when the header could be read. */
  width?: number;
  height?: number;
  /** PDFs: pages, when they could be counted. */
  pages?: number;
  /** Set when loaded and its bytes are gone (never saved): the chip says so and the request says so. */
  missing?: true;
}

const blobPattern = /^[0-9a-f]{64}\.(?:txt|png|jpg|gif|webp|pdf)$/;

/** Whether `name` is a blob name this extension writes (the only names read from or served out of the folder). */
export function isBlobName(name: string): boolean {
  return blobPattern.test(name);
}

/** The extension of a blob name (`png`, `pdf`...). */
export function blobExtension(blob: string): string {
  return blob.slice(blob.lastIndexOf('.') + 1);
}

// Control characters and the bidirectional overrides that can make a name read as something else.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeNameCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name fit to show and send: control and bidi characters dropped, at most `maxChars` long. */
export function cleanAttachmentName(name: string, maxChars: number): string {
  const clean = name.replace(unsafeNameCharacters, '').trim() || 'attachment';
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1)}…` : clean;
}
