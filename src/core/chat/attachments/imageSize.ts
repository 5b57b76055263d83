/**
 * Width and height of a PNG, JPEG, GIF or WebP from its header, without decoding it: enough to estimate its
 * tokens and to refuse images over the API's 8000-pixel limit. Reads only headers (JPEG: marker lengths),
 * so a hostile file costs at most one pass over its bytes.
 */
import type { ImageMediaType } from '../../../shared/attachmentLimits';

export interface ImageSize {
  width: number;
  height: number;
}

function u16be(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

function u16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u24le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}

function png(b: Uint8Array): ImageSize | undefined {
  // Signature (8), IHDR length (4) and type (4), then width and height.
  return b.length >= 24 ? { width: u32be(b, 16), height: u32be(b, 20) } : undefined;
}

function gif(b: Uint8Array): ImageSize | undefined {
  return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : undefined;
}

function webp(b: Uint8Array): ImageSize | undefined {
  if (b.length < 30) return undefined;
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return undefined;
}

/** Start-of-frame markers (baseline, progressive, lossless...; not DHT 0xC4, JPG 0xC8 or DAC 0xCC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpeg(b: Uint8Array): ImageSize | undefined {
  let at = 2;
  // Each segment names its own length, so the walk jumps from header to header: linear at worst.
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker)) return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    at += 2 + u16be(b, at + 2);
  }
  return undefined;
}

/** The image's size, or undefined when its header is unreadable (the API then judges it). */
export function imageSize(bytes: Uint8Array, mediaType: ImageMediaType): ImageSize | undefined {
  const size = { 'image/png': png, 'image/gif': gif, 'image/webp': webp, 'image/jpeg': jpeg }[mediaType](bytes);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}
