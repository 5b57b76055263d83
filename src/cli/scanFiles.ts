import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAllowList, parseBaseline } from '../core/keyscan/allowList';
import type { AllowList } from '../core/keyscan/allowList';
import { fileFilter, walkFiles } from '../core/keyscan/fileWalk';
import { classifyGitState, meetsThreshold, severityOf } from '../core/keyscan/gitState';
import type { GitFacts } from '../core/keyscan/gitState';
import { scanText } from '../core/keyscan/scanText';
import type { CliOptions } from './args';
import { scanContent, toFindings } from './fileScan';
import type { FileScan } from './fileScan';
import { scanDiskFiles } from './scanPool';
import { UsageError } from './args';
import { blobs, headObjectIds, ignoredFiles, indexObjectIds, objectFormat, repositoryRoot, stagedFiles } from './git';
import type { ReportedFinding } from './report';
import { errorMessage } from '../core/errorMessage';

/** A file to scan: where it is, its repository, and (for --staged) the content to scan instead of the disk's. */
interface Target {
  absolute: string;
  /** The repository's top folder, or the scanned folder outside git (allow lists live there). */
  root: string;
  inRepository: boolean;
  content?: string;
}

/** What git holds in one repository, listed once before the scan. */
interface RepositoryIds {
  format: 'sha1' | 'sha256';
  /** Object ids of the index's and HEAD's files, by root-relative path. */
  index: Map<string, string>;
  head: Map<string, string>;
}

/** A scanned file that holds keys. */
interface ScannedFile {
  target: Target;
  scan: FileScan;
}

/**
 * Scans what the options name and returns the findings at or above the severity threshold. `script`
 * is the CLI's own file, which worker threads run to scan a share of the files.
 */
export async function scanFiles(options: CliOptions, cwd: string, script: string): Promise<ReportedFinding[]> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const baseline = options.baselines.flatMap((file) => {
    try {
      return parseBaseline(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the baseline ${file}: ${errorMessage(error)}`);
    }
  });
  const targets = options.staged ? stagedTargets(paths, cwd) : diskTargets(paths, cwd, options);
  const byFile = new Map(targets.map((target) => [target.absolute, target]));
  const repositories = new Map<string, RepositoryIds>();
  for (const target of targets) {
    if (target.inRepository && !repositories.has(target.root)) {
      repositories.set(target.root, { format: objectFormat(target.root), index: indexObjectIds(target.root), head: headObjectIds(target.root) });
    }
  }
  const hashAs = (target: Target) => {
    const ids = repositories.get(target.root);
    const relative = toSlashes(path.relative(target.root, target.absolute));
    return ids && (ids.index.has(relative) || ids.head.has(relative)) ? ids.format : undefined;
  };
  const scans = options.staged
    ? targets.flatMap((target) => scanContent(target.absolute, target.content ?? '', Buffer.from(target.content ?? '', 'utf8'), hashAs(target)) ?? [])
    : await scanDiskFiles(targets.map((target) => ({ absolute: target.absolute, hashAs: hashAs(target) })), options.maxFileSize, script);
  const scanned: ScannedFile[] = scans.map((scan) => ({ target: byFile.get(scan.absolute) as Target, scan }));
  const allowLists = new Map<string, AllowList>();
  const allowListOf = (root: string) => {
    let list = allowLists.get(root);
    if (!list) allowLists.set(root, (list = loadAllowList(root, baseline)));
    return list;
  };
  const facts = gitFactsFor(scanned, repositories);
  const reported: ReportedFinding[] = [];
  for (const { target, scan } of scanned) {
    const relativeToRoot = toSlashes(path.relative(target.root, target.absolute));
    const file = toSlashes(path.relative(cwd, target.absolute));
    const factsOf = facts.get(target.absolute) ?? (() => outsideGit);
    toFindings(scan).forEach((finding, i) => {
      const { line, column } = scan.keys[i];
      if (allowListOf(target.root).allows(relativeToRoot, line, finding.fingerprint)) return;
      const gitState = classifyGitState(factsOf(finding.fingerprint));
      reported.push({ file, line, column, kind: finding.kind, severity: severityOf(gitState, relativeToRoot), gitState, redacted: finding.redacted, fingerprint: finding.fingerprint });
    });
  }
  reported.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return reported.filter((finding) => meetsThreshold(finding.severity, options.severity));
}

const outsideGit: GitFacts = { inRepository: false, keyInHead: false, keyInIndex: false, tracked: false, ignored: false };

function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
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
 * Git facts for every file that holds keys, with a handful of git processes per repository whatever
 * the number of files. Where the working file, the index and HEAD hold the same blob (compared by
 * object id), the keys found in the file are the keys in each; only versions that differ are read
 * (one `cat-file --batch`) and scanned.
 */
function gitFactsFor(scanned: readonly ScannedFile[], repositories: ReadonlyMap<string, RepositoryIds>): Map<string, (fingerprint: string) => GitFacts> {
  const result = new Map<string, (fingerprint: string) => GitFacts>();
  const byRoot = new Map<string, ScannedFile[]>();
  for (const file of scanned) {
    if (!file.target.inRepository) continue;
    const files = byRoot.get(file.target.root);
    if (files) files.push(file);
    else byRoot.set(file.target.root, [file]);
  }
  for (const [root, files] of byRoot) {
    const { index: indexIds, head: headIds } = repositories.get(root) as RepositoryIds;
    const relatives = files.map((file) => toSlashes(path.relative(root, file.target.absolute)));
    const workIds = files.map((file) => file.scan.blobId);
    const needed: string[] = [];
    relatives.forEach((relative, i) => {
      const indexId = indexIds.get(relative);
      const headId = headIds.get(relative);
      if (indexId !== undefined && indexId !== workIds[i]) needed.push(`:${relative}`);
      if (headId !== undefined && headId !== workIds[i] && headId !== indexId) needed.push(`HEAD:${relative}`);
    });
    const contents = blobs(root, needed);
    const untracked = relatives.filter((relative) => !indexIds.has(relative) && !headIds.has(relative));
    const ignored = ignoredFiles(root, untracked);
    files.forEach((file, i) => {
      const relative = relatives[i];
      const fingerprintsOf = (text: string | undefined) => new Set(text === undefined ? [] : scanText(text).map((finding) => finding.fingerprint));
      const inWork = new Set(toFindings(file.scan).map((finding) => finding.fingerprint));
      const indexId = indexIds.get(relative);
      const headId = headIds.get(relative);
      const inIndex = indexId === undefined ? new Set<string>() : indexId === workIds[i] ? inWork : fingerprintsOf(contents.get(`:${relative}`));
      const inHead =
        headId === undefined ? new Set<string>() : headId === workIds[i] ? inWork : headId === indexId ? inIndex : fingerprintsOf(contents.get(`HEAD:${relative}`));
      const tracked = indexId !== undefined || headId !== undefined;
      result.set(file.target.absolute, (fingerprint) => ({
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
