/**
 * What a file is, from its first bytes rather than its name or the browser's guess: the API rejects an image
 * whose declared media type does not match its content, and a renamed file must not slip through.
 */
import type { ImageMediaType } from '../../../shared/attachmentLimits';

export type SniffedFile =
  | { kind: 'image'; mediaType: ImageMediaType }
  | { kind: 'pdf' }
  /** An image format the API does not take (BMP, TIFF, HEIC...), named for the message. */
  | { kind: 'unsupportedImage'; format: string }
  | { kind: 'text' }
  | { kind: 'binary' };

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

const unsupportedByExtension: Record<string, string> = {
  bmp: 'BMP',
  tif: 'TIFF',
  tiff: 'TIFF',
  ico: 'ICO',
  heic: 'HEIC',
  heif: 'HEIF',
  avif: 'AVIF',
  svg: 'SVG',
  jxl: 'JPEG XL',
  psd: 'PSD',
};

/** The format of an image type the API refuses, from the bytes, or else from the name. */
function unsupportedImageFormat(bytes: Uint8Array, name: string): string | undefined {
  if (startsWith(bytes, ascii('BM'))) return 'BMP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ICO';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return 'HEIC';
    if (/^avi[fs]$/.test(brand)) return 'AVIF';
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension ? unsupportedByExtension[extension] : undefined;
}

/** Whether the first 8 KB look like text: no NUL byte (UTF-16 files are refused as binary too). */
function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 8192).includes(0);
}

/** Classifies a file from its content (and, for image formats the API refuses, its name). */
export function sniffFile(bytes: Uint8Array, name: string): SniffedFile {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { kind: 'image', mediaType: 'image/gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { kind: 'image', mediaType: 'image/webp' };
  // A PDF's header may follow up to 1024 bytes of junk, as readers allow.
  if (indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return { kind: 'pdf' };
  const unsupported = unsupportedImageFormat(bytes, name);
  // An SVG is text, but someone attaching one means the picture: say the API cannot take it.
  if (unsupported) return { kind: 'unsupportedImage', format: unsupported };
  return looksLikeText(bytes) ? { kind: 'text' } : { kind: 'binary' };
}

/** First index of an ASCII `needle` in `bytes`, or -1. */
export function indexOfAscii(bytes: Uint8Array, needle: string, from = 0): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, from, 'latin1');
}
