/**
 * Checks a file or selection against the API's limits and turns it into what the conversation stores, or
 * refuses it with a message that says what is wrong and what the limit is. Nothing here touches the disk.
 */
import { attachmentLimits, imageMediaTypes } from '../../../shared/attachmentLimits';
import { AttachmentRefused } from './attachmentRefused';
import { checkFileSize, imageWhy, quoted, textWhy, tooBig } from './fileSize';
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

/** A checked attachment: what to store in the conversation (without id and blob name) and the bytes to keep. */
export interface PreparedAttachment {
  attachment: Omit<StoredAttachment, 'id' | 'blob'>;
  content: Uint8Array;
  /** Extension of the stored copy. */
  extension: string;
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
