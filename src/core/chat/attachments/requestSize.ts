import { base64Length } from '../../../shared/attachmentLimits';
import type { Conversation } from '../conversation';
import type { StoredAttachment } from './storedAttachment';

/**
 * About how big the next request of `conversation` is with `adding` attached to a new message, and how many
 * images it holds: every earlier message goes again, attachments included. Counts the bytes that dominate
 * (base64 of images and PDFs, text) and leaves out JSON punctuation, which the 1 MB margin of the PDF limit covers.
 */
export function requestSize(conversation: Conversation, adding: readonly StoredAttachment[]): { bytes: number; images: number } {
  let bytes = conversation.parameters.systemPrompt.length;
  let images = 0;
  const count = (attachment: StoredAttachment) => {
    bytes += attachment.kind === 'text' ? (attachment.chars ?? attachment.bytes) : base64Length(attachment.bytes);
    if (attachment.kind === 'image') images++;
  };
  for (const turn of conversation.turns) {
    if (turn.role === 'user') {
      bytes += turn.text.length;
      turn.attachments?.forEach(count);
    } else {
      for (const block of turn.blocks) bytes += block.type === 'text' ? block.text.length : block.type === 'thinking' ? block.thinking.length : block.data.length;
    }
  }
  adding.forEach(count);
  return { bytes, images };
}
