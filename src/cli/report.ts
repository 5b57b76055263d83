import { familyOfKind } from '../core/keyscan/families';
import type { KeyKind } from '../core/keyscan/families';
import { describeGitState } from '../core/keyscan/gitState';
import type { GitState, KeySeverity } from '../core/keyscan/gitState';

/** One finding as the CLI reports it (the JSON output is an array of these). */
export interface ReportedFinding {
  /** Relative to the current directory, with `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  kind: KeyKind;
  severity: KeySeverity;
  gitState: GitState;
  redacted: string;
  fingerprint: string;
}

export function formatText(findings: readonly ReportedFinding[]): string {
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${familyOfKind(f.kind).label} ${f.redacted} ${describeGitState(f.gitState, f.file)}`,
  );
  const files = new Set(findings.map((f) => f.file)).size;
  lines.push(findings.length === 0 ? 'claude-keyscan: no keys found' : `claude-keyscan: ${findings.length} key(s) in ${files} file(s)`);
  return lines.join('\n') + '\n';
}

export function formatJson(findings: readonly ReportedFinding[]): string {
  // Exactly the documented fields, in a stable order.
  const rows = findings.map(({ file, line, column, kind, severity, gitState, redacted, fingerprint }) => ({
    file, line, column, kind, severity, gitState, redacted, fingerprint,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

const sarifLevel: Record<KeySeverity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as GitHub code scanning and other CI tools read it. */
export function formatSarif(findings: readonly ReportedFinding[], version: string): string {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claude-keyscan',
            version,
            informationUri: 'https://github.com/claude-api-toolkit/claude-api-toolkit',
            rules: kinds.map((kind) => ({
              id: kind,
              shortDescription: { text: `Hardcoded ${familyOfKind(kind).label}` },
              help: { text: 'Move the key into an environment variable or a secret store, and rotate it if it was ever committed: https://console.anthropic.com/settings/keys' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.kind,
          ruleIndex: kinds.indexOf(f.kind),
          level: sarifLevel[f.severity],
          message: { text: `${familyOfKind(f.kind).label} ${f.redacted}: ${describeGitState(f.gitState, f.file)}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file) }, region: { startLine: f.line, startColumn: f.column } } }],
          partialFingerprints: { 'keyFingerprint/v1': f.fingerprint },
          properties: { gitState: f.gitState, redacted: f.redacted },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
