/**
 * Token estimates of attachments, shown on their chips before sending (always approximate, `≈`). Formulas
 * from Anthropic's vision and PDF pages (`../shared/docs/anthropic-api.md`).
 */
import { estimateTokensOfLength } from '../../tokenEstimate';

/** Images with a longer edge are downscaled by the API before the model sees them. */
export const imageLongEdgeLimit = 1568;
/** "About 1,600 tokens at the limit": the API also caps an image's pixels, so no image costs more. */
export const imageTokensMax = 1600;
/** Pixels per token: tokens ≈ width × height / 750. */
const pixelsPerToken = 750;
/**
 * Each PDF page is sent as its text plus an image of the page. The text of a page is not known without
 * decompressing the file, so a typical page (about 2,000 characters) is assumed.
 */
const pdfTextCharsPerPage = 2000;
/** Without a page count (compressed object streams), a page is assumed per 100 KB. */
const pdfBytesPerPageGuess = 100_000;

/** ≈ tokens of an image of `width` × `height` pixels (after the API's downscaling). */
export function imageTokens(width: number, height: number): number {
  const scale = Math.min(1, imageLongEdgeLimit / Math.max(width, height));
  const tokens = Math.ceil((width * scale * height * scale) / pixelsPerToken);
  return Math.max(1, Math.min(imageTokensMax, tokens));
}

/** Pages to estimate a PDF with: its counted pages, or a guess from its size. */
export function pdfEstimatePages(pages: number | undefined, bytes: number): number {
  return pages ?? Math.max(1, Math.round(bytes / pdfBytesPerPageGuess));
}

/** ≈ tokens of a PDF: per page, its text and an image of the page at the size limit. */
export function pdfTokens(pages: number, modelId: string): number {
  return pages * (imageTokensMax + estimateTokensOfLength(pdfTextCharsPerPage, modelId));
}

/** ≈ tokens of a text attachment of `chars` characters, as sent (with its heading and fence). */
export function textTokens(chars: number, modelId: string): number {
  return estimateTokensOfLength(chars, modelId);
}
