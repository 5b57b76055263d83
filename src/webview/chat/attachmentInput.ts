import { AttachmentRefused } from '../../core/chat/attachments/attachmentRefused';
import { checkFileSize } from '../../core/chat/attachments/fileSize';
import { attachmentLimits } from '../../shared/attachmentLimits';
import type { FromWebviewMessage } from '../../shared/chatProtocol';

/** What dropping and pasting need from the page. */
export interface AttachmentInputHandlers {
  post(message: FromWebviewMessage): void;
  /** A file refused before it was read (too big): shown as a notice, the draft is untouched. */
  refuse(message: string): void;
}

/** VS Code's own drag data (Explorer, editor tabs) and the standard list of URIs. */
const uriListTypes = ['application/vnd.code.uri-list', 'text/uri-list'];

function uriList(data: DataTransfer): string[] {
  for (const type of uriListTypes) {
    const text = data.getData(type);
    if (!text) continue;
    // RFC 2483: one URI a line, `#` lines are comments.
    const uris = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    if (uris.length > 0) return uris.slice(0, attachmentLimits.pendingMax);
  }
  return [];
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * Sends files the user dropped or pasted to the host: ones from the Explorer or an editor tab by URI (the
 * host reads them), ones from the desktop or the clipboard by content. Each is checked for size before it
 * is read, so a 50 MB file is refused at once with the limit, and nothing typed is touched.
 */
export async function attachFiles(files: readonly File[], handlers: AttachmentInputHandlers): Promise<void> {
  for (const file of files.slice(0, attachmentLimits.pendingMax)) {
    try {
      checkFileSize(file.name, file.size);
      const data = await readAsBase64(file);
      handlers.post({ type: 'attachData', name: file.name || 'pasted', mediaType: file.type, data });
    } catch (error) {
      handlers.refuse(error instanceof AttachmentRefused ? error.message : `"${file.name}" could not be read.`);
    }
  }
}

/**
 * Wires dropping files anywhere on the page (`highlight` is marked while they are over it) and pasting files
 * into `input`. VS Code's webview host listens on the page's window: on `dragenter` it takes a file drag
 * over to the workbench unless the page already called `preventDefault`, and on every `dragover` it tells the
 * workbench, which then lays an overlay over the page. Handling both on the document, before they reach the
 * window, keeps the drag (and the drop) in the chat.
 */
export function installAttachmentInput(document: Document, highlight: HTMLElement, input: HTMLTextAreaElement, handlers: AttachmentInputHandlers): void {
  const carriesFiles = (event: DragEvent) => {
    const types = Array.from(event.dataTransfer?.types ?? []);
    return types.includes('Files') || uriListTypes.some((type) => types.includes(type));
  };
  const claim = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    highlight.classList.add('drop-target');
  };
  document.addEventListener('dragenter', claim);
  document.addEventListener('dragover', claim);
  document.addEventListener('dragleave', (event) => {
    // Leaving the page (not just moving between its elements) ends the highlight.
    if (event.relatedTarget === null) highlight.classList.remove('drop-target');
  });
  document.addEventListener('drop', (event) => {
    highlight.classList.remove('drop-target');
    const data = event.dataTransfer;
    if (!data || !carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const uris = uriList(data);
    if (uris.length > 0) handlers.post({ type: 'attachUris', uris });
    else void attachFiles(Array.from(data.files), handlers);
  });
  // A pasted image arrives as a file; pasted text stays the textarea's own business.
  input.addEventListener('paste', (event) => {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    void attachFiles(files, handlers);
  });
}
