import * as vscode from 'vscode';
import { familyOfKind } from '../core/keyscan/families';
import type { KeyFinding } from '../core/keyscan/finding';
import { describeGitState, isHygienicKeyFile, severityOf } from '../core/keyscan/gitState';
import type { GitState, KeySeverity } from '../core/keyscan/gitState';

/** `source` of every diagnostic we publish; quick fixes look for it. */
export const diagnosticSource = 'claude-keyscan';

/** `code` of the extra warning on a `.env` file git does not ignore. */
export const envFileCode = 'env-file-not-ignored';

export const consoleKeysUrl = 'https://console.anthropic.com/settings/keys';

const severities: Record<KeySeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export type ToPosition = (offset: number) => vscode.Position;

/**
 * The diagnostic for one key in the file at `filePath`: severity from its git state, message with the
 * redacted key only. A key in an ignored `.env` file is where a key belongs: a hint, kept out of Problems.
 */
export function keyDiagnostic(finding: KeyFinding, state: GitState, toPosition: ToPosition, filePath: string): vscode.Diagnostic {
  const range = new vscode.Range(toPosition(finding.start), toPosition(finding.end));
  const encoded = finding.encoding === 'plain' ? '' : finding.encoding === 'base64' ? ' (base64-encoded)' : ' (split by concatenation)';
  const diagnostic = new vscode.Diagnostic(
    range,
    `${familyOfKind(finding.kind).label} ${finding.redacted}${encoded} ${describeGitState(state, filePath)}`,
    isHygienicKeyFile(state, filePath) ? vscode.DiagnosticSeverity.Hint : severities[severityOf(state, filePath)],
  );
  diagnostic.source = diagnosticSource;
  diagnostic.code = finding.kind;
  return diagnostic;
}

export function envFileDiagnostic(finding: KeyFinding, toPosition: ToPosition): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(toPosition(finding.start), toPosition(finding.end)),
    'This .env file holds a key but git does not ignore it: add it to .gitignore',
    vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = diagnosticSource;
  diagnostic.code = envFileCode;
  return diagnostic;
}
