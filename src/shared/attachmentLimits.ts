/**
 * What the Messages API accepts as attachments (Anthropic's docs, `../shared/docs/anthropic-api.md`), the one
 * list: the page checks a dropped or pasted file against it before reading it, the protocol's validator bounds
 * the message that carries it, and the host checks every attachment again.
 *
 * Shared by the host bundle and the browser bundle, so no `vscode` and no Node imports.
 */

const mib = 1024 * 1024;

/** Image types the API takes, by media type, with the file extension their stored copy gets. */
export const imageMediaTypes = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
} as const;

export type ImageMediaType = keyof typeof imageMediaTypes;

export function isImageMediaType(value: string): value is ImageMediaType {
  return Object.hasOwn(imageMediaTypes, value);
}

export const attachmentLimits = {
  /** "Each image's base64 string must stay under 5 MB." */
  imageMaxBase64Chars: 5 * mib,
  /** The largest image file whose base64 stays under that (base64 writes 4 characters per 3 bytes). */
  imageMaxBytes: Math.floor((5 * mib) / 4) * 3,
  /** Longest edge the API accepts (8000 × 8000 px at most). */
  imageMaxPixels: 8000,
  /** Images per request. */
  imagesPerRequest: 100,
  /** The whole request body must stay under 32 MB on the standard endpoints. */
  requestMaxBytes: 32 * mib,
  /**
   * Largest PDF: its base64 plus 1 MB for the rest of the request fits under the request limit. A 20 MB PDF
   * fits; a 50 MB one does not.
   */
  pdfMaxBytes: Math.floor((31 * mib) / 4) * 3,
  /** Page cap of most models (a longer document is refused by the API). */
  pdfMaxPages: 100,
  /** Largest text file or selection: about 300k tokens, more than a context window holds. */
  textMaxBytes: 1 * mib,
  /** Attachments waiting in the composer at once. */
  pendingMax: 20,
  /** Longest file name kept (the rest is cut, with an ellipsis). */
  nameMaxChars: 200,
} as const;

/** Base64 characters of `bytes` bytes (with padding). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** "3.2 MB" / "640 KB" / "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= mib) return `${(bytes / mib).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
