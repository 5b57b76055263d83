import type { AttachmentView } from '../../../shared/chatProtocol';
import { imageTokens, pdfEstimatePages, pdfTokens, textTokens } from './attachmentTokens';
import type { StoredAttachment } from './storedAttachment';

/** "lines 3-10" / "1024 × 768" / "12 pages": what the chip says besides the name. */
function detail(attachment: StoredAttachment): string {
  switch (attachment.kind) {
    case 'text': {
      const lines = attachment.lines;
      if (!lines) return 'file';
      return lines.start === lines.end ? `line ${lines.start}` : `lines ${lines.start}-${lines.end}`;
    }
    case 'image':
      return attachment.width && attachment.height ? `${attachment.width} × ${attachment.height}` : 'image';
    case 'pdf':
      return attachment.pages ? `${attachment.pages} page${attachment.pages === 1 ? '' : 's'}` : 'PDF';
  }
}

/** ≈ tokens the attachment adds to a request to `modelId`. */
export function attachmentTokens(attachment: StoredAttachment, modelId: string): number {
  switch (attachment.kind) {
    case 'text':
      return textTokens(attachment.chars ?? attachment.bytes, modelId);
    case 'image':
      // Unknown size: assume the largest image the API reads (never an estimate too low).
      return attachment.width && attachment.height ? imageTokens(attachment.width, attachment.height) : imageTokens(1568, 1568);
    case 'pdf':
      return pdfTokens(pdfEstimatePages(attachment.pages, attachment.bytes), modelId);
  }
}

/** An attachment as the page shows it (chip in the composer, entry in a sent message). */
export function toAttachmentView(attachment: StoredAttachment, modelId: string): AttachmentView {
  const view: AttachmentView = {
    id: attachment.id,
    kind: attachment.kind,
    name: attachment.name,
    detail: detail(attachment),
    bytes: attachment.bytes,
    tokens: attachmentTokens(attachment, modelId),
  };
  if (attachment.kind === 'image' && !attachment.missing) view.thumbnail = attachment.blob;
  if (attachment.missing) view.missing = true;
  return view;
}
