import * as vscode from 'vscode';
import { allowCommentEdit } from '../core/keyscan/allowComment';
import { envReferenceEdits, envVarFor } from '../core/keyscan/envReference';
import type { OffsetEdit } from '../core/keyscan/envReference';
import { isEnvFile } from '../core/keyscan/gitState';
import { consoleKeysUrl, diagnosticSource, envFileCode } from './keyDiagnostics';
import type { KeyLinter } from './keyLinter';
import { LintCommandIds } from './lintCommandIds';

/** Kinds of credential that make sense as an API key profile (the others cannot call the Messages API). */
const profileKinds = new Set(['anthropic-api-key', 'anthropic-api01-key']);

/**
 * Quick fixes on key diagnostics: replace with an environment variable reference, move into a key
 * profile (SecretStorage), add the file to .gitignore, allow this line, rotate in the Console.
 */
export class KeyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: KeyLinter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const linted = this.linter.lintedFile(document.uri);
    if (!linted) return [];
    const actions: vscode.CodeAction[] = [];
    const text = document.getText();
    let gitignoreOffered = false;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== diagnosticSource) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const judged = linted.findings.find(({ finding }) => finding.start === start);
      if (!judged) continue;
      const { finding, state } = judged;
      const canIgnoreFile = linted.git.repository !== undefined && !linted.git.ignored;

      if (diagnostic.code === envFileCode) {
        if (canIgnoreFile && !gitignoreOffered) actions.push(this.gitignoreAction(document, diagnostic, true));
        gitignoreOffered = true;
        continue;
      }

      const envEdits = envReferenceEdits(document.languageId, text, finding);
      if (envEdits) {
        const action = new vscode.CodeAction(`Replace the key with the ${envVarFor(finding.kind)} environment variable`, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, envEdits);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }

      if (profileKinds.has(finding.kind) && (envEdits || isEnvFile(document.uri.path))) {
        const action = new vscode.CodeAction('Move the key into a Claude API key profile (SecretStorage) and remove it here', vscode.CodeActionKind.QuickFix);
        action.command = {
          command: LintCommandIds.moveToKeyProfile,
          title: action.title,
          arguments: [document.uri.toString(), finding.fingerprint],
        };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }

      if (canIgnoreFile && !gitignoreOffered && state !== 'ignored') {
        actions.push(this.gitignoreAction(document, diagnostic, false));
        gitignoreOffered = true;
      }

      const allow = allowCommentEdit(document.languageId, text, finding.end, isEnvFile(document.uri.path));
      if (allow) {
        const action = new vscode.CodeAction('Allow this key on this line (claude-keyscan:allow)', vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, [allow]);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }

      const rotate = new vscode.CodeAction('Rotate this key in the Anthropic Console', vscode.CodeActionKind.QuickFix);
      rotate.command = { command: 'vscode.open', title: rotate.title, arguments: [vscode.Uri.parse(consoleKeysUrl)] };
      rotate.diagnostics = [diagnostic];
      actions.push(rotate);
    }
    return actions;
  }

  private gitignoreAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
    const name = document.uri.path.split('/').pop() ?? 'this file';
    const action = new vscode.CodeAction(`Add ${name} to .gitignore`, vscode.CodeActionKind.QuickFix);
    action.command = { command: LintCommandIds.addToGitignore, title: action.title, arguments: [document.uri.toString()] };
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    return action;
  }
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly OffsetEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { start, end, newText } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), newText);
  }
  return edit;
}
