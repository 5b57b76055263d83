import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAllowList, parseBaseline } from '../core/keyscan/allowList';
import type { AllowList } from '../core/keyscan/allowList';
import { fileFilter, walkFiles } from '../core/keyscan/fileWalk';
import type { KeyFinding } from '../core/keyscan/finding';
import { classifyGitState, meetsThreshold, severityOf } from '../core/keyscan/gitState';
import type { GitFacts } from '../core/keyscan/gitState';
import { LineIndex } from '../core/keyscan/lineIndex';
import { readCandidate } from '../core/keyscan/readCandidate';
import { scanText } from '../core/keyscan/scanText';
import type { CliOptions } from './args';
import { UsageError } from './args';
import { blobs, ignoredFiles, repositoryRoot, stagedFiles } from './git';
import type { ReportedFinding } from './report';

/** A file to scan: where it is, its repository, and (for --staged) the content to scan instead of the disk's. */
interface Target {
  absolute: string;
  /** The repository's top folder, or the scanned folder outside git (allow lists live there). */
  root: string;
  inRepository: boolean;
  content?: string;
}

/** A scanned file that holds keys. */
interface ScannedFile {
  target: Target;
  text: string;
  findings: KeyFinding[];
}

/** Scans what the options name and returns the findings at or above the severity threshold. */
export function scanFiles(options: CliOptions, cwd: string): ReportedFinding[] {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const baseline = options.baselines.flatMap((file) => {
    try {
      return parseBaseline(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the baseline ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const targets = options.staged ? stagedTargets(paths, cwd) : diskTargets(paths, cwd, options);
  const scanned: ScannedFile[] = [];
  for (const target of targets) {
    const text = target.content ?? readText(target.absolute, options.maxFileSize);
    if (text === undefined) continue;
    const findings = scanText(text).filter((finding) => !finding.allowed);
    if (findings.length > 0) scanned.push({ target, text, findings });
  }
  const allowLists = new Map<string, AllowList>();
  const allowListOf = (root: string) => {
    let list = allowLists.get(root);
    if (!list) allowLists.set(root, (list = loadAllowList(root, baseline)));
    return list;
  };
  const facts = gitFactsFor(scanned.map((file) => file.target));
  const reported: ReportedFinding[] = [];
  for (const { target, text, findings } of scanned) {
    const lines = new LineIndex(text);
    const relativeToRoot = toSlashes(path.relative(target.root, target.absolute));
    const file = toSlashes(path.relative(cwd, target.absolute));
    const factsOf = facts.get(target.absolute) ?? (() => outsideGit);
    for (const finding of findings) {
      const { line, column } = lines.position(finding.start);
      if (allowListOf(target.root).allows(relativeToRoot, line, finding.fingerprint)) continue;
      const gitState = classifyGitState(factsOf(finding.fingerprint));
      reported.push({ file, line, column, kind: finding.kind, severity: severityOf(gitState, relativeToRoot), gitState, redacted: finding.redacted, fingerprint: finding.fingerprint });
    }
  }
  return reported.filter((finding) => meetsThreshold(finding.severity, options.severity));
}

const outsideGit: GitFacts = { inRepository: false, keyInHead: false, keyInIndex: false, tracked: false, ignored: false };

function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

function readText(file: string, maxBytes: number): string | undefined {
  const read = readCandidate(file, maxBytes);
  return read.kind === 'text' ? read.text : undefined;
}

function stagedTargets(paths: string[], cwd: string): Target[] {
  const root = repositoryRoot(cwd);
  if (!root) throw new UsageError('--staged needs a git repository');
  for (const given of paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) throw new UsageError(`no such file or folder: ${given}`);
  }
  const pathspecs = paths.map((given) => path.relative(root, path.resolve(cwd, given)) || '.');
  const files = stagedFiles(root, pathspecs);
  const contents = blobs(root, files.map((relative) => `:${relative}`));
  return files.map((relative) => ({ absolute: path.join(root, relative), root, inRepository: true, content: contents.get(`:${relative}`) ?? '' }));
}

function diskTargets(paths: string[], cwd: string, options: CliOptions): Target[] {
  const targets = new Map<string, Target>();
  const filter = fileFilter(options);
  for (const given of paths) {
    let absolute: string;
    try {
      // A path named on the command line is the user's choice: resolved once, links included.
      absolute = fs.realpathSync.native(path.resolve(cwd, given));
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    const isDirectory = fs.statSync(absolute).isDirectory();
    const repository = repositoryRoot(isDirectory ? absolute : path.dirname(absolute));
    const root = repository ? fs.realpathSync.native(repository) : isDirectory ? absolute : path.dirname(absolute);
    if (isDirectory) {
      for (const file of walkFiles(absolute, filter)) targets.set(file.absolute, { absolute: file.absolute, root, inRepository: repository !== undefined });
    } else {
      // A file named explicitly is scanned even when a glob or folder rule would skip it.
      targets.set(absolute, { absolute, root, inRepository: repository !== undefined });
    }
  }
  return [...targets.values()];
}

/**
 * Git facts for every file that holds keys, with three git processes per repository whatever the
 * number of files: one `cat-file --batch` for HEAD and index versions, one `check-ignore`.
 */
function gitFactsFor(targets: readonly Target[]): Map<string, (fingerprint: string) => GitFacts> {
  const result = new Map<string, (fingerprint: string) => GitFacts>();
  const byRoot = new Map<string, Target[]>();
  for (const target of targets) {
    if (!target.inRepository) continue;
    byRoot.set(target.root, [...(byRoot.get(target.root) ?? []), target]);
  }
  for (const [root, inRoot] of byRoot) {
    const relatives = inRoot.map((target) => toSlashes(path.relative(root, target.absolute)));
    const contents = blobs(root, relatives.flatMap((relative) => [`HEAD:${relative}`, `:${relative}`]));
    const untracked = relatives.filter((relative) => contents.get(`:${relative}`) === undefined && contents.get(`HEAD:${relative}`) === undefined);
    const ignored = ignoredFiles(root, untracked);
    inRoot.forEach((target, i) => {
      const relative = relatives[i];
      const fingerprints = (text: string | undefined) => new Set(text === undefined ? [] : scanText(text).map((finding) => finding.fingerprint));
      const headText = contents.get(`HEAD:${relative}`);
      const indexText = contents.get(`:${relative}`);
      const inHead = fingerprints(headText);
      const inIndex = indexText === headText ? inHead : fingerprints(indexText);
      const tracked = indexText !== undefined || headText !== undefined;
      result.set(target.absolute, (fingerprint) => ({
        inRepository: true,
        keyInHead: inHead.has(fingerprint),
        keyInIndex: inIndex.has(fingerprint),
        tracked,
        ignored: !tracked && ignored.has(relative),
      }));
    });
  }
  return result;
}
