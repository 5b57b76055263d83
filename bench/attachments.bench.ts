// Attachments: what a 20 MB PDF costs on the way out (checking it, and encoding it into the request's
// document block), and what storing it by reference saves in the conversation's JSON compared with the
// base64 inline (the baseline).
import { prepareAttachment } from '../src/core/chat/attachments/prepareAttachment';
import { userContent } from '../src/core/chat/attachments/attachmentBlocks';
import type { Conversation } from '../src/core/chat/conversation';
import { serializeConversation } from '../src/core/chat/conversationCodec';
import { defaultParameters } from '../src/core/chat/parameters';
import { samplePdf } from '../test/samples/attachmentSamples';
import { medianMs, report } from './report';

const pdf = samplePdf(40, 20 * 1024 * 1024);
const checkMs = medianMs(5, () => prepareAttachment({ source: 'file', name: 'paper.pdf', bytes: pdf }));
const prepared = prepareAttachment({ source: 'file', name: 'paper.pdf', bytes: pdf });
const attachment = { ...prepared.attachment, id: 'att-1', blob: `${'0'.repeat(64)}.pdf` };
const contents = new Map([[attachment.blob, pdf]]);
const encodeMs = medianMs(5, () => JSON.stringify(userContent('Summarize', [attachment], contents)));
report('attachments-20mb-pdf-check', checkMs, 'ms');
report('attachments-20mb-pdf-encode', encodeMs, 'ms');

const conversation: Conversation = {
  id: 'c1',
  title: 'PDF',
  titleEdited: false,
  createdAt: 1,
  updatedAt: 1,
  parameters: defaultParameters('claude-sonnet-4-6', 4096),
  turns: [{ role: 'user', id: 'u1', text: 'Summarize', createdAt: 1, attachments: [attachment] }],
};
const inline = JSON.stringify({ ...conversation, turns: [{ ...conversation.turns[0], attachments: [{ ...attachment, data: pdf.toString('base64') }] }] });
report('attachments-stored-json-20mb-pdf', serializeConversation(conversation).length, 'bytes', { value: inline.length, unit: 'bytes (base64 inline)' });
