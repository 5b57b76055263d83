import type { KeySeverity } from '../core/keyscan/gitState';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  staged: boolean;
  format: OutputFormat;
  /** Report findings at or above this severity and exit 1 if there are any. */
  severity: KeySeverity;
  /** Files larger than this are skipped (bytes). */
  maxFileSize: number;
  /** Globs of files to scan even inside dependency folders (`node_modules`, `vendor`, …). */
  include: string[];
  /** Globs of files not to scan. */
  exclude: string[];
  /** Files of fingerprints (or earlier JSON reports) whose keys are allowed. */
  baselines: string[];
  help: boolean;
  version: boolean;
}

/** A mistake in how the CLI was called: exit code 2. */
export class UsageError extends Error {}

export const usage = `Usage: claude-keyscan [paths…] [--staged] [--format text|json|sarif] [--severity error|warning|info]
                      [--include GLOB] [--exclude GLOB] [--baseline FILE] [--max-file-size MB]

Finds hardcoded Anthropic keys (sk-ant-api03-, sk-ant-admin01-, OAuth and session tokens), also when
JSON-escaped, base64-encoded or split by string concatenation. Keys are never printed: findings show a
redacted form and a sha256 fingerprint.

Every file under the given folders is scanned, git-ignored ones too (.env files, build bundles), each
key reported with its git state: committed, staged, tracked, untracked, ignored (or none outside git).
.git and dependency folders (node_modules, vendor, .venv, …) are skipped; symbolic links are not followed.

  paths                 files or folders to scan (default: the current folder)
  --staged              scan what is staged for the next commit (for pre-commit hooks)
  --format FORMAT       text (default), json (array of findings) or sarif (SARIF 2.1.0)
  --severity LEVEL      report findings at or above LEVEL and exit 1 if any (default: warning)
                          error: committed, staged, tracked, or in ignored build output (dist/, *.min.js)
                          warning: in a file git would commit (untracked), or outside git
                          info: in another file git ignores (.env)
  --include GLOB        also scan files matching GLOB inside dependency folders (e.g. 'vendor/**'); repeatable
  --exclude GLOB        do not scan files matching GLOB (relative to the repository or folder); repeatable
  --baseline FILE       allow the keys listed in FILE (fingerprints, or an earlier --format json report); repeatable
  --max-file-size MB    skip larger files (default: 10)
  -h, --help            show this help
  --version             show the version

Allow-listing: a claude-keyscan:allow or gitleaks:allow comment beside the key; path globs and
sha256:… fingerprints in .claude-keyscanignore at the repository root; entries in .gitleaksignore.

Exit codes: 0 nothing found, 1 keys found at or above the severity, 2 usage error.`;

const formats: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const severities: readonly KeySeverity[] = ['error', 'warning', 'info'];

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    paths: [], staged: false, format: 'text', severity: 'warning', maxFileSize: 10 * 1024 * 1024, include: [], exclude: [], baselines: [], help: false, version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inlineValue: string | undefined;
    const equals = arg.indexOf('=');
    if (arg.startsWith('--') && equals !== -1) {
      inlineValue = arg.slice(equals + 1);
      arg = arg.slice(0, equals);
    }
    const value = (): string => {
      const next = inlineValue ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--staged':
        options.staged = true;
        break;
      case '--format': {
        const format = value();
        if (!(formats as string[]).includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${format}"`);
        options.format = format as OutputFormat;
        break;
      }
      case '--severity': {
        const severity = value();
        if (!(severities as string[]).includes(severity)) throw new UsageError(`--severity must be one of ${severities.join(', ')}, not "${severity}"`);
        options.severity = severity as KeySeverity;
        break;
      }
      case '--max-file-size': {
        const megabytes = Number(value());
        if (!Number.isFinite(megabytes) || megabytes <= 0) throw new UsageError('--max-file-size must be a positive number of megabytes');
        options.maxFileSize = megabytes * 1024 * 1024;
        break;
      }
      case '--include':
        options.include.push(value());
        break;
      case '--exclude':
        options.exclude.push(value());
        break;
      case '--baseline':
        options.baselines.push(value());
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--version':
        options.version = true;
        break;
      case '--':
        options.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  return options;
}
