import * as assert from 'node:assert';
import { attachmentLimits } from '../../src/shared/attachmentLimits';
import { imageTokens, pdfTokens } from '../../src/core/chat/attachments/attachmentTokens';
import { imageSize } from '../../src/core/chat/attachments/imageSize';
import { pdfPageCount } from '../../src/core/chat/attachments/pdfPages';
import { AttachmentRefused } from '../../src/core/chat/attachments/attachmentRefused';
import { checkFileSize } from '../../src/core/chat/attachments/fileSize';
import { prepareAttachment } from '../../src/core/chat/attachments/prepareAttachment';
import { sniffFile } from '../../src/core/chat/attachments/sniffFile';
import { cleanAttachmentName } from '../../src/core/chat/attachments/storedAttachment';
import { textAttachmentBlock } from '../../src/core/chat/attachments/textBlock';
import { sampleBmp, sampleGifHeader, sampleJpegHeader, samplePdf, samplePng, sampleWebpHeader } from '../samples/attachmentSamples';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AttachmentRefused, String(error));
    return error.message;
  }
  assert.fail('expected the attachment to be refused');
}

describe('attachments: what a file is', () => {
  it('tells the four image types, PDFs, text and binary apart by content, not by name', () => {
    assert.deepStrictEqual(sniffFile(samplePng(2, 2), 'a.png'), { kind: 'image', mediaType: 'image/png' });
    assert.deepStrictEqual(sniffFile(sampleJpegHeader(4, 4), 'renamed.png'), { kind: 'image', mediaType: 'image/jpeg' });
    assert.deepStrictEqual(sniffFile(sampleGifHeader(4, 4), 'a'), { kind: 'image', mediaType: 'image/gif' });
    assert.deepStrictEqual(sniffFile(sampleWebpHeader(4, 4), 'a.webp'), { kind: 'image', mediaType: 'image/webp' });
    assert.deepStrictEqual(sniffFile(samplePdf(1), 'paper.bin'), { kind: 'pdf' });
    assert.deepStrictEqual(sniffFile(Buffer.from('const x = 1;\n'), 'a.ts'), { kind: 'text' });
    assert.deepStrictEqual(sniffFile(Buffer.from([1, 2, 0, 4]), 'a.exe'), { kind: 'binary' });
  });

  it('names image types the API refuses, from the bytes or the name', () => {
    assert.deepStrictEqual(sniffFile(sampleBmp(), 'scan.dat'), { kind: 'unsupportedImage', format: 'BMP' });
    assert.deepStrictEqual(sniffFile(Buffer.from([0x49, 0x49, 0x2a, 0x00, 1, 2]), 'x'), { kind: 'unsupportedImage', format: 'TIFF' });
    assert.deepStrictEqual(sniffFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg'), { kind: 'unsupportedImage', format: 'SVG' });
    assert.deepStrictEqual(sniffFile(Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic')]), 'IMG_1.HEIC'), { kind: 'unsupportedImage', format: 'HEIC' });
  });

  it('reads the size of each image type from its header', () => {
    assert.deepStrictEqual(imageSize(samplePng(300, 200), 'image/png'), { width: 300, height: 200 });
    assert.deepStrictEqual(imageSize(sampleJpegHeader(1024, 768), 'image/jpeg'), { width: 1024, height: 768 });
    assert.deepStrictEqual(imageSize(sampleGifHeader(64, 32), 'image/gif'), { width: 64, height: 32 });
    assert.deepStrictEqual(imageSize(sampleWebpHeader(5000, 40), 'image/webp'), { width: 5000, height: 40 });
    assert.strictEqual(imageSize(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg'), undefined, 'a cut-off header gives no size');
  });

  it('walks a hostile JPEG in linear time', () => {
    // Fill bytes and empty segments, as many as fit in the largest image: each is one step.
    const fill = Buffer.alloc(attachmentLimits.imageMaxBytes, 0xff);
    fill[0] = 0xff;
    fill[1] = 0xd8;
    const segments = Buffer.alloc(attachmentLimits.imageMaxBytes);
    segments.set([0xff, 0xd8]);
    for (let at = 2; at + 4 <= segments.length; at += 4) segments.set([0xff, 0xe1, 0x00, 0x02], at);
    const started = performance.now();
    assert.strictEqual(imageSize(fill, 'image/jpeg'), undefined);
    assert.strictEqual(imageSize(segments, 'image/jpeg'), undefined);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  });

  it('counts the pages of a PDF (not the page tree nodes)', () => {
    assert.strictEqual(pdfPageCount(samplePdf(1)), 1);
    assert.strictEqual(pdfPageCount(samplePdf(12)), 12);
    assert.strictEqual(pdfPageCount(Buffer.from('%PDF-1.7\n<< /Type /ObjStm >>')), undefined, 'pages hidden in object streams: unknown');
  });
});

describe('attachments: token estimates', () => {
  it('prices images as width × height / 750 after the API downscales them, at most about 1,600', () => {
    assert.strictEqual(imageTokens(200, 200), 54);
    assert.strictEqual(imageTokens(1000, 1000), 1334);
    assert.strictEqual(imageTokens(4000, 3000), 1600, 'downscaled to 1568 × 1176, then capped');
    assert.strictEqual(imageTokens(1568, 100), 210);
  });

  it('prices a PDF per page: an image at the limit plus a typical page of text', () => {
    assert.strictEqual(pdfTokens(1, 'claude-sonnet-4-6'), 1600 + Math.ceil(2000 / 3.5));
    assert.strictEqual(pdfTokens(10, 'claude-sonnet-4-6'), 10 * pdfTokens(1, 'claude-sonnet-4-6'));
    assert.ok(pdfTokens(1, 'claude-sonnet-5-5') > pdfTokens(1, 'claude-sonnet-4-6'), 'the newer tokenizer counts more text tokens');
  });
});

describe('attachments: limits, with messages that say what to do', () => {
  it('refuses a 50 MB file by its size alone, before reading it', () => {
    const mb = 1024 * 1024;
    assert.match(refusal(() => checkFileSize('report.pdf', 50 * mb)), /^"report\.pdf" is 50\.0 MB: PDFs can be at most 23\.3 MB \(the API takes 32 MB per request/);
    assert.match(refusal(() => checkFileSize('dump.bin', 50 * mb)), /^"dump\.bin" is 50\.0 MB: attachments can be at most 23\.3 MB for a PDF, 3\.8 MB for an image and 1\.0 MB for text\.$/);
    assert.match(refusal(() => checkFileSize('photo.jpg', 6 * mb)), /images can be at most 3\.8 MB \(the API takes each image's base64 under 5 MB\)/);
    checkFileSize('paper.pdf', 20 * mb); // a 20 MB PDF is fine
  });

  it('refuses an image type the API does not take, naming the ones it does', () => {
    assert.strictEqual(refusal(() => prepareAttachment({ source: 'file', name: 'scan.bmp', bytes: sampleBmp() })), '"scan.bmp" is a BMP image: the API takes PNG, JPEG, GIF and WebP. Convert it and attach it again.');
  });

  it('refuses images over 8000 pixels, PDFs over 100 pages, big text, binary and empty files', () => {
    assert.match(refusal(() => prepareAttachment({ source: 'file', name: 'wide.webp', bytes: sampleWebpHeader(9000, 10) })), /9000 × 10 pixels: the API takes images of at most 8000 × 8000/);
    assert.match(refusal(() => prepareAttachment({ source: 'file', name: 'book.pdf', bytes: samplePdf(101) })), /has 101 pages: the API reads PDFs of at most 100 pages/);
    assert.match(refusal(() => prepareAttachment({ source: 'file', name: 'log.txt', bytes: Buffer.alloc(2 * 1024 * 1024, 0x61) })), /"log\.txt" is 2\.0 MB: text files can be at most 1\.0 MB/);
    assert.match(refusal(() => prepareAttachment({ source: 'file', name: 'app.exe', bytes: Buffer.from([0x4d, 0x5a, 0, 0]) })), /is not text, an image \(PNG, JPEG, GIF, WebP\) or a PDF/);
    assert.match(refusal(() => prepareAttachment({ source: 'file', name: 'empty.txt', bytes: Buffer.alloc(0) })), /is empty/);
  });

  it('prepares each kind with what its chip and request need', () => {
    const image = prepareAttachment({ source: 'file', name: 'shot.png', bytes: samplePng(640, 480) });
    assert.deepStrictEqual(image.attachment, { kind: 'image', name: 'shot.png', mediaType: 'image/png', bytes: image.content.length, width: 640, height: 480 });
    assert.strictEqual(image.extension, 'png');
    const pdf = prepareAttachment({ source: 'file', name: 'paper.pdf', bytes: samplePdf(3) });
    assert.deepStrictEqual({ ...pdf.attachment, bytes: 0 }, { kind: 'pdf', name: 'paper.pdf', mediaType: 'application/pdf', bytes: 0, pages: 3 });
    const selection = prepareAttachment({ source: 'selection', name: 'src/app.ts', text: 'let a = 1;', languageId: 'typescript', lines: { start: 3, end: 3 } });
    assert.strictEqual(selection.attachment.chars, textAttachmentBlock({ name: 'src/app.ts', lines: { start: 3, end: 3 }, languageId: 'typescript' }, 'let a = 1;').length);
    assert.strictEqual(new TextDecoder().decode(selection.content), 'let a = 1;');
  });

  it('cleans file names of control and bidi characters, and cuts long ones', () => {
    assert.strictEqual(cleanAttachmentName('evil\u202egnp.exe\u0007', 200), 'evilgnp.exe');
    assert.strictEqual(cleanAttachmentName('x'.repeat(300), 200).length, 200);
    assert.strictEqual(cleanAttachmentName('\u0000', 200), 'attachment');
  });
});

describe('attachments: text blocks', () => {
  it('names the file and lines and fences the content longer than any backtick run in it', () => {
    assert.strictEqual(textAttachmentBlock({ name: 'a.md', lines: { start: 2, end: 4 }, languageId: 'markdown' }, 'x\n```js\ny\n```'), 'File a.md, lines 2-4:\n````markdown\nx\n```js\ny\n```\n````');
    assert.strictEqual(textAttachmentBlock({ name: 'notes.txt', languageId: 'plaintext' }, 'hi\n'), 'File notes.txt:\n```\nhi\n```');
  });
});
