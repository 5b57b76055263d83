/**
 * Pages of a PDF, counted as its `/Type /Page` objects (not `/Pages`, the tree's inner nodes). A PDF whose
 * objects sit in compressed object streams hides them: then the count is unknown (undefined) and the
 * estimate falls back to the file size. One regular-expression pass over the bytes.
 */

const pageObject = /\/Type\s*\/Page(?![A-Za-z])/g;

export function pdfPageCount(bytes: Uint8Array): number | undefined {
  // latin1 maps every byte to one character, so the pass is linear and never fails on binary data.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let pages = 0;
  pageObject.lastIndex = 0;
  while (pageObject.exec(text)) pages++;
  return pages > 0 ? pages : undefined;
}
