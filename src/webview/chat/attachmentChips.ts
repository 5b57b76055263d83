import { formatTokens } from '../../core/figures';
import { formatBytes } from '../../shared/attachmentLimits';
import type { AttachmentView } from '../../shared/chatProtocol';
import { actionButton, h } from './dom';

/** Where a thumbnail is loaded from: the attachments folder's webview URI, or nothing (then an icon shows). */
export type ThumbnailUrl = (thumbnail: string) => string | undefined;

/** Only names the host writes (`<sha256>.<image extension>`) become image URLs. */
const thumbnailPattern = /^[0-9a-f]{64}\.(?:png|jpg|gif|webp)$/;

/** The thumbnail URL of `thumbnail` under `baseUri`, when both look as the host makes them. */
export function thumbnailUrl(baseUri: string | undefined, thumbnail: string): string | undefined {
  if (!baseUri || !thumbnailPattern.test(thumbnail)) return undefined;
  return `${baseUri.replace(/\/+$/, '')}/${thumbnail}`;
}

const kindLabels: Record<AttachmentView['kind'], string> = { text: 'TXT', image: 'IMG', pdf: 'PDF' };

/**
 * One attachment: a thumbnail (images) or a kind badge, the name, what it is (lines, pixels, pages) and its
 * estimated tokens; in the composer also a remove button. Names are text nodes, never markup.
 */
export function renderAttachment(document: Document, view: AttachmentView, url: ThumbnailUrl, removable: boolean): HTMLElement {
  const d = document;
  const src = view.thumbnail ? url(view.thumbnail) : undefined;
  const visual = src
    ? h(d, 'img', { class: 'attachment-thumbnail', src, alt: '', loading: 'lazy' })
    : h(d, 'span', { class: 'attachment-badge', 'aria-hidden': 'true' }, kindLabels[view.kind]);
  const tokens = `≈${formatTokens(view.tokens)} tok`;
  const chip = h(
    d,
    'span',
    {
      class: 'attachment-chip',
      'data-attachment-id': view.id,
      'data-kind': view.kind,
      'data-missing': view.missing ? 'true' : undefined,
      title: `${view.name} · ${view.detail} · ${formatBytes(view.bytes)} · ${tokens}${view.missing ? ' · its stored copy is missing' : ''}`,
    },
    visual,
    h(d, 'span', { class: 'attachment-name' }, view.name),
    h(d, 'span', { class: 'attachment-detail' }, view.missing ? 'missing' : view.detail),
    h(d, 'span', { class: 'attachment-tokens' }, tokens),
  );
  if (removable) {
    chip.append(actionButton(d, 'remove-attachment', '×', { class: 'attachment-remove', 'aria-label': `Remove ${view.name}`, 'data-attachment-id': view.id }));
  }
  return chip;
}

/** A row of attachments; empty when there are none. */
export function renderAttachmentList(document: Document, views: readonly AttachmentView[], url: ThumbnailUrl, removable: boolean, className: string): HTMLElement {
  return h(document, 'div', { class: className, hidden: views.length === 0 }, ...views.map((view) => renderAttachment(document, view, url, removable)));
}
