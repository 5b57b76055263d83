import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { webviewPageHtml } from '../webviewPage';

/** What the page needs from the extension to be built. */
export interface ChatPageResources {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
}

/**
 * Folders the page may load from: the browser bundle, the shared media (icons) and the attachments folder
 * (image thumbnails, which the CSP's `img-src` allows as it does the extension's own files).
 */
export function chatResourceRoots(extensionUri: vscode.Uri, attachmentsDir: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), attachmentsDir];
}

/** The chat page's HTML (policy in `webviewPageHtml`). Model output never reaches this HTML: it arrives later as messages and the page sanitizes it. */
export function chatHtml({ webview, extensionUri }: ChatPageResources): string {
  const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const stylesheet = vscode.Uri.joinPath(bundle, 'chat.css');
  return webviewPageHtml({
    webview,
    title: 'Claude Chat',
    script: vscode.Uri.joinPath(bundle, 'chat.js'),
    stylesheet: fs.existsSync(stylesheet.fsPath) ? stylesheet : undefined,
    body: '<div id="app" role="main" aria-label="Claude chat"></div>',
  });
}
