import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyGitState, meetsThreshold, severityOf } from '../core/keyscan/gitState';
import { LineIndex } from '../core/keyscan/lineIndex';
import { scanText } from '../core/keyscan/scanText';
import type { CliOptions } from './args';
import { UsageError } from './args';
import { blob, ignoredFiles, listFiles, repositoryRoot, stagedFiles } from './git';
import type { ReportedFinding } from './report';

/** A file to scan: where it is, and (for --staged) the content to scan instead of the disk's. */
interface Target {
  absolute: string;
  root: string | undefined;
  content?: string;
}

/** Folders never worth walking outside a repository. */
const skippedFolders = new Set(['.git', 'node_modules']);

/** Scans what the options name and returns the findings at or above the severity threshold. */
export function scanFiles(options: CliOptions, cwd: string): ReportedFinding[] {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  for (const given of paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) throw new UsageError(`no such file or folder: ${given}`);
  }
  const targets = options.staged ? stagedTargets(paths, cwd) : diskTargets(paths, cwd, options.severity === 'info');
  const findings: ReportedFinding[] = [];
  for (const target of targets) findings.push(...scanTarget(target, options, cwd));
  return findings.filter((finding) => meetsThreshold(finding.severity, options.severity));
}

function stagedTargets(paths: string[], cwd: string): Target[] {
  const root = repositoryRoot(cwd);
  if (!root) throw new UsageError('--staged needs a git repository');
  const pathspecs = paths.map((given) => path.relative(root, path.resolve(cwd, given)) || '.');
  return stagedFiles(root, pathspecs).map((relative) => ({
    absolute: path.join(root, relative),
    root,
    content: blob(root, '', relative) ?? '',
  }));
}

function diskTargets(paths: string[], cwd: string, withIgnored: boolean): Target[] {
  const targets = new Map<string, Target>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = fs.statSync(absolute);
    const root = repositoryRoot(stat.isDirectory() ? absolute : path.dirname(absolute));
    if (root && stat.isDirectory()) {
      const pathspec = path.relative(root, absolute) || '.';
      for (const relative of listFiles(root, [pathspec], withIgnored)) {
        const file = path.join(root, relative);
        targets.set(file, { absolute: file, root });
      }
    } else if (stat.isDirectory()) {
      for (const file of walk(absolute)) targets.set(file, { absolute: file, root: undefined });
    } else {
      // A file named explicitly is scanned even when git ignores it.
      targets.set(absolute, { absolute, root });
    }
  }
  return [...targets.values()];
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Reads a file as text, or undefined for binaries, oversized and unreadable files. */
function readText(file: string, maxFileSize: number): string | undefined {
  try {
    if (fs.statSync(file).size > maxFileSize) return undefined;
    const bytes = fs.readFileSync(file);
    if (bytes.subarray(0, 8000).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

function scanTarget(target: Target, options: CliOptions, cwd: string): ReportedFinding[] {
  const text = target.content ?? readText(target.absolute, options.maxFileSize);
  if (text === undefined || (text.length > options.maxFileSize)) return [];
  const findings = scanText(text).filter((finding) => !finding.allowed);
  if (findings.length === 0) return [];
  const gitFacts = factsFor(target);
  const lines = new LineIndex(text);
  const file = path.relative(cwd, target.absolute).split(path.sep).join('/');
  return findings.map((finding) => {
    const gitState = classifyGitState(gitFacts(finding.fingerprint));
    const { line, column } = lines.position(finding.start);
    return { file, line, column, kind: finding.kind, severity: severityOf(gitState), gitState, redacted: finding.redacted, fingerprint: finding.fingerprint };
  });
}

/** Git facts for one file, looked up once; returns the facts for a key by its fingerprint. */
function factsFor(target: Target): (fingerprint: string) => Parameters<typeof classifyGitState>[0] {
  const root = target.root;
  if (!root) return () => ({ inRepository: false, keyInHead: false, keyInIndex: false, tracked: false, ignored: false });
  const relative = path.relative(root, target.absolute).split(path.sep).join('/');
  const fingerprints = (text: string | undefined) => new Set(text === undefined ? [] : scanText(text).map((f) => f.fingerprint));
  const headText = blob(root, 'HEAD', relative);
  const indexText = blob(root, '', relative);
  const inHead = fingerprints(headText);
  const inIndex = indexText === headText ? inHead : fingerprints(indexText);
  const tracked = indexText !== undefined;
  const ignored = !tracked && ignoredFiles(root, [relative]).has(relative);
  return (fingerprint) => ({ inRepository: true, keyInHead: inHead.has(fingerprint), keyInIndex: inIndex.has(fingerprint), tracked, ignored });
}
