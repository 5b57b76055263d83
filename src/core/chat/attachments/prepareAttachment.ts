/**
 * Checks a file or selection against the API's limits and turns it into what the conversation stores, or
 * refuses it with a message that says what is wrong and what the limit is. Nothing here touches the disk.
 */
import { attachmentLimits, formatBytes, imageMediaTypes } from '../../../shared/attachmentLimits';
import { imageSize } from './imageSize';
import { pdfPageCount } from './pdfPages';
import { sniffFile } from './sniffFile';
import type { StoredAttachment } from './storedAttachment';
import { cleanAttachmentName } from './storedAttachment';
import { textAttachmentBlock } from './textBlock';

/** What an attachment is made from: a whole file's bytes, or the text of an editor selection. */
export type AttachmentInput =
  | { source: 'file'; name: string; bytes: Uint8Array; languageId?: string }
  | { source: 'selection'; name: string; text: string; languageId?: string; lines: { start: number; end: number } };

/** An attachment refused as it stands; `message` is for the user. */
export class AttachmentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentRefused';
  }
}

/** A checked attachment: what to store in the conversation (without id and blob name) and the bytes to keep. */
export interface PreparedAttachment {
  attachment: Omit<StoredAttachment, 'id' | 'blob'>;
  content: Uint8Array;
  /** Extension of the stored copy. */
  extension: string;
}

const imageExtensions = /\.(png|jpe?g|gif|webp)$/i;

function quoted(name: string): string {
  return `"${name}"`;
}

function tooBig(name: string, size: number, what: string, limit: number, why: string): AttachmentRefused {
  return new AttachmentRefused(`${quoted(name)} is ${formatBytes(size)}: ${what} can be at most ${formatBytes(limit)} (${why}).`);
}

const pdfWhy = 'the API takes 32 MB per request, and base64 makes a file a third larger';
const imageWhy = "the API takes each image's base64 under 5 MB";
const textWhy = 'about 300k tokens, more than a context window holds';

/**
 * Refuses a file by its size alone, before it is read: the limit of the kind its name suggests, and no file
 * over the largest limit of all (a 50 MB file is never read into memory).
 */
export function checkFileSize(rawName: string, size: number): void {
  const name = cleanAttachmentName(rawName, attachmentLimits.nameMaxChars);
  if (size <= attachmentLimits.imageMaxBytes) return;
  if (/\.pdf$/i.test(name)) {
    if (size > attachmentLimits.pdfMaxBytes) throw tooBig(name, size, 'PDFs', attachmentLimits.pdfMaxBytes, pdfWhy);
    return;
  }
  if (imageExtensions.test(name)) throw tooBig(name, size, 'images', attachmentLimits.imageMaxBytes, imageWhy);
  if (size > attachmentLimits.pdfMaxBytes) {
    throw new AttachmentRefused(
      `${quoted(name)} is ${formatBytes(size)}: attachments can be at most ${formatBytes(attachmentLimits.pdfMaxBytes)} for a PDF, ${formatBytes(attachmentLimits.imageMaxBytes)} for an image and ${formatBytes(attachmentLimits.textMaxBytes)} for text.`,
    );
  }
}

/** Checks `input` and prepares it for storing; throws `AttachmentRefused` with the reason. */
export function prepareAttachment(input: AttachmentInput): PreparedAttachment {
  const name = cleanAttachmentName(input.name, attachmentLimits.nameMaxChars);
  if (input.source === 'selection') return prepareText(name, input.text, input.languageId, input.lines);
  const bytes = input.bytes;
  checkFileSize(name, bytes.length);
  if (bytes.length === 0) throw new AttachmentRefused(`${quoted(name)} is empty.`);
  const sniffed = sniffFile(bytes, name);
  switch (sniffed.kind) {
    case 'image': {
      if (bytes.length > attachmentLimits.imageMaxBytes) throw tooBig(name, bytes.length, 'images', attachmentLimits.imageMaxBytes, imageWhy);
      const size = imageSize(bytes, sniffed.mediaType);
      const max = attachmentLimits.imageMaxPixels;
      if (size && (size.width > max || size.height > max)) {
        throw new AttachmentRefused(`${quoted(name)} is ${size.width} × ${size.height} pixels: the API takes images of at most ${max} × ${max}.`);
      }
      const attachment: PreparedAttachment['attachment'] = { kind: 'image', name, mediaType: sniffed.mediaType, bytes: bytes.length };
      if (size) Object.assign(attachment, size);
      return { attachment, content: bytes, extension: imageMediaTypes[sniffed.mediaType] };
    }
    case 'pdf': {
      const pages = pdfPageCount(bytes);
      if (pages !== undefined && pages > attachmentLimits.pdfMaxPages) {
        throw new AttachmentRefused(`${quoted(name)} has ${pages} pages: the API reads PDFs of at most ${attachmentLimits.pdfMaxPages} pages.`);
      }
      const attachment: PreparedAttachment['attachment'] = { kind: 'pdf', name, mediaType: 'application/pdf', bytes: bytes.length };
      if (pages !== undefined) attachment.pages = pages;
      return { attachment, content: bytes, extension: 'pdf' };
    }
    case 'unsupportedImage':
      throw new AttachmentRefused(`${quoted(name)} is a ${sniffed.format} image: the API takes PNG, JPEG, GIF and WebP. Convert it and attach it again.`);
    case 'binary':
      throw new AttachmentRefused(`${quoted(name)} is not text, an image (PNG, JPEG, GIF, WebP) or a PDF, so it cannot be attached.`);
    case 'text':
      if (bytes.length > attachmentLimits.textMaxBytes) throw tooBig(name, bytes.length, 'text files', attachmentLimits.textMaxBytes, textWhy);
      return prepareText(name, new TextDecoder().decode(bytes), input.languageId);
  }
}

function prepareText(name: string, text: string, languageId: string | undefined, lines?: { start: number; end: number }): PreparedAttachment {
  const content = new TextEncoder().encode(text);
  if (content.length > attachmentLimits.textMaxBytes) throw tooBig(name, content.length, 'text attachments', attachmentLimits.textMaxBytes, textWhy);
  if (text.trim() === '') throw new AttachmentRefused(`${quoted(name)} has no text to attach.`);
  const attachment: PreparedAttachment['attachment'] = { kind: 'text', name, mediaType: 'text/plain', bytes: content.length };
  if (lines) attachment.lines = { start: lines.start, end: lines.end };
  if (languageId) attachment.languageId = languageId;
  attachment.chars = textAttachmentBlock(attachment, text).length;
  return { attachment, content, extension: 'txt' };
}
