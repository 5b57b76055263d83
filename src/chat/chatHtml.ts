import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** What the page needs from the extension to be built. */
export interface ChatPageResources {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
}

/** Folders the page may load from: the browser bundle and the shared media (icons). */
export function chatResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The chat page's HTML: a strict Content-Security-Policy (nothing by default; the one script by a fresh
 * nonce; styles, fonts and images only from the extension's own folders: the page renders no remote
 * images, so a hostile reply cannot make it fetch anything), and no inline script or handlers. Model
 * output never reaches this HTML: it arrives later as messages and the page sanitizes it.
 */
export function chatHtml({ webview, extensionUri }: ChatPageResources): string {
  const nonce = randomBytes(18).toString('base64');
  const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'chat.js')).toString();
  const cssFile = vscode.Uri.joinPath(bundle, 'chat.css');
  const css = fs.existsSync(cssFile.fsPath) ? webview.asWebviewUri(cssFile).toString() : undefined;
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source}`,
    `img-src ${source}`,
    `font-src ${source}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${css ? `<link rel="stylesheet" href="${escapeAttribute(css)}">` : ''}
<title>Claude Chat</title>
</head>
<body>
<div id="app" role="main" aria-label="Claude chat"></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(script)}"></script>
</body>
</html>`;
}
