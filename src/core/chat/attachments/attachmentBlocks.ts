/**
 * The content blocks attachments are sent as: images as `image` blocks and PDFs as `document` blocks (base64),
 * text as `text` blocks with the file name and lines. Media and documents go first, as Anthropic advises
 * ("put images before the text that asks about them"), then text attachments, then what the user typed.
 */
import type { ContentBlockParam, DocumentBlockParam, ImageBlockParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';
import { isImageMediaType } from '../../../shared/attachmentLimits';
import type { StoredAttachment } from './storedAttachment';
import { textAttachmentBlock } from './textBlock';

/**
 * Attachment bytes by blob name, read before the request is built; a name mapped to undefined could not be
 * read (its file is gone). Without contents at all (a "Copy as code" snippet) attachments become notes.
 */
export type AttachmentContents = ReadonlyMap<string, Uint8Array | undefined>;

function note(text: string): TextBlockParam {
  return { type: 'text', text };
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function block(attachment: StoredAttachment, contents: AttachmentContents | undefined): ContentBlockParam {
  if (!contents) return note(`[Attachment "${attachment.name}" (${attachment.kind}) is not included here.]`);
  const bytes = contents.get(attachment.blob);
  if (!bytes) return note(`[Attachment "${attachment.name}" is missing: its stored copy was deleted.]`);
  if (attachment.kind === 'image' && isImageMediaType(attachment.mediaType)) {
    return { type: 'image', source: { type: 'base64', media_type: attachment.mediaType, data: base64(bytes) } } satisfies ImageBlockParam;
  }
  if (attachment.kind === 'pdf') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64(bytes) }, title: attachment.name } satisfies DocumentBlockParam;
  }
  return { type: 'text', text: textAttachmentBlock(attachment, new TextDecoder().decode(bytes)) } satisfies TextBlockParam;
}

/** The blocks of a user message: its attachments (media first, then text), then its text. */
export function userContent(text: string, attachments: readonly StoredAttachment[] | undefined, contents: AttachmentContents | undefined): ContentBlockParam[] {
  const media = (attachments ?? []).filter((attachment) => attachment.kind !== 'text');
  const texts = (attachments ?? []).filter((attachment) => attachment.kind === 'text');
  return [...media.map((a) => block(a, contents)), ...texts.map((a) => block(a, contents)), { type: 'text', text }];
}

/** Every blob the turns refer to. */
export function blobsOf(turns: readonly { role: string; attachments?: readonly StoredAttachment[] }[]): Set<string> {
  const blobs = new Set<string>();
  for (const turn of turns) for (const attachment of turn.attachments ?? []) blobs.add(attachment.blob);
  return blobs;
}

/** Reads the bytes of every attachment of `turns` (undefined for those that are gone). */
export async function readAttachmentContents(
  turns: readonly { role: string; attachments?: readonly StoredAttachment[] }[],
  read: (blob: string) => Promise<Uint8Array | undefined>,
): Promise<Map<string, Uint8Array | undefined>> {
  const contents = new Map<string, Uint8Array | undefined>();
  for (const blob of blobsOf(turns)) contents.set(blob, await read(blob));
  return contents;
}
