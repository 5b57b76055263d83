import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface WebviewPage {
  webview: vscode.Webview;
  title: string;
  /** The page's one script (a bundle under dist/webview). */
  script: vscode.Uri;
  stylesheet?: vscode.Uri;
  /** Static markup the script takes over; never model output (that arrives later as messages). */
  body: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The HTML of every webview of ours, under one strict Content-Security-Policy: nothing by default; the
 * one script by a fresh nonce; styles, fonts and images only from the extension's own folders. No page
 * loads remote images, so hostile text cannot make it fetch anything; there is no inline script or handler.
 */
export function webviewPageHtml({ webview, title, script, stylesheet, body }: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const source = webview.cspSource;
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${source}`, `img-src ${source}`, `font-src ${source}`].join('; ');
  const style = stylesheet ? `<link rel="stylesheet" href="${escapeAttribute(webview.asWebviewUri(stylesheet).toString())}">\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style}<title>${escapeAttribute(title)}</title>
</head>
<body>
${body}
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(webview.asWebviewUri(script).toString())}"></script>
</body>
</html>`;
}
