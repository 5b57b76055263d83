/**
 * Size limits by file kind, checked before a file is read (by the host from its size on disk, by the page
 * from a dropped or pasted file's size), with the same message in both places. No Node imports: the page
 * bundles this.
 */
import { attachmentLimits, formatBytes } from '../../../shared/attachmentLimits';
import { AttachmentRefused } from './attachmentRefused';
import { cleanAttachmentName } from './storedAttachment';

export function quoted(name: string): string {
  return `"${name}"`;
}

const imageExtensions = /\.(png|jpe?g|gif|webp)$/i;

export function tooBig(name: string, size: number, what: string, limit: number, why: string): AttachmentRefused {
  return new AttachmentRefused(`${quoted(name)} is ${formatBytes(size)}: ${what} can be at most ${formatBytes(limit)} (${why}).`);
}

const pdfWhy = 'the API takes 32 MB per request, and base64 makes a file a third larger';
export const imageWhy = "the API takes each image's base64 under 5 MB";
export const textWhy = 'about 300k tokens, more than a context window holds';

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

