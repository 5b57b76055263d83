import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAllowList, parseBaseline } from '../core/keyscan/allowList';
import type { AllowList } from '../core/keyscan/allowList';
import { scanContent, toFindings } from '../core/keyscan/fileScan';
import type { FileScan, ScanJob } from '../core/keyscan/fileScan';
import { fileFilter, listFiles } from '../core/keyscan/fileWalk';
import { classifyGitState, meetsThreshold, severityOf } from '../core/keyscan/gitState';
import type { GitFacts } from '../core/keyscan/gitState';
import { isBinary } from '../core/keyscan/readCandidate';
import { scanBytes } from '../core/keyscan/scanBytes';
import { ScanPool } from '../core/keyscan/scanPool';
import type { CliOptions } from './args';
import { UsageError } from './args';
import { blobs, headObjectIds, IgnoredFiles, indexObjectIds, repositoryOf, stagedFiles } from './git';
import type { Repository } from './git';
import type { ReportedFinding } from './report';
import { errorMessage } from '../core/errorMessage';

/** Where a scanned file belongs: its repository, or the scanned folder outside git (allow lists live at `root`). */
interface Owner {
  root: string;
  repository: Repository | undefined;
}

/** What git holds in one repository, asked while the files are scanned (three git processes in all). */
class RepositoryListing {
  /** Object ids of the index's and HEAD's files, by root-relative path. */
  readonly ids: Promise<{ index: Map<string, string>; head: Map<string, string> }>;
  private readonly ignore: IgnoredFiles;

  constructor(readonly repository: Repository) {
    this.ids = Promise.all([indexObjectIds(repository.root), headObjectIds(repository.root)]).then(([index, head]) => ({ index, head }));
    this.ignore = new IgnoredFiles(repository.root);
  }

  /** Notes a file that holds keys: whether git ignores it is answered by `ignored()`. */
  holdsKeys(absolute: string): void {
    this.ignore.ask(toSlashes(path.relative(this.repository.root, absolute)));
  }

  ignored(): Promise<Set<string>> {
    return this.ignore.ignored();
  }
}

type ListingOf = (repository: Repository) => RepositoryListing;

/** A scanned file that holds keys. */
interface ScannedFile {
  owner: Owner;
  scan: FileScan;
}

/**
 * Scans what the options name and returns the findings at or above the severity threshold. `script`
 * is the CLI's own file, which worker threads run to scan the files.
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
  const listings = new Map<string, RepositoryListing>();
  const listingOf: ListingOf = (repository) => {
    let listing = listings.get(repository.root);
    if (!listing) listings.set(repository.root, (listing = new RepositoryListing(repository)));
    return listing;
  };
  const scanned = options.staged ? scanStaged(paths, cwd, options.maxFileSize, listingOf) : await scanDisk(paths, cwd, options, script, listingOf);
  const allowLists = new Map<string, AllowList>();
  const allowListOf = (root: string) => {
    let list = allowLists.get(root);
    if (!list) allowLists.set(root, (list = loadAllowList(root, baseline)));
    return list;
  };
  const facts = await gitFactsFor(scanned, listingOf, options.maxFileSize);
  // Repositories whose files held no key still have a git waiting for questions.
  await Promise.all([...listings.values()].map((listing) => listing.ignored()));
  const reported: ReportedFinding[] = [];
  for (const { owner, scan } of scanned) {
    const relativeToRoot = toSlashes(path.relative(owner.root, scan.absolute));
    const file = toSlashes(path.relative(cwd, scan.absolute));
    const factsOf = facts.get(scan.absolute) ?? (() => outsideGit);
    toFindings(scan).forEach((finding, i) => {
      const { line, column } = scan.keys[i].startAt;
      if (allowListOf(owner.root).allows(relativeToRoot, line, finding.fingerprint)) return;
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

/** What is staged for the next commit, read from the index with the same size limit and binary check as files on disk. */
function scanStaged(paths: string[], cwd: string, maxBytes: number, listingOf: ListingOf): ScannedFile[] {
  const repository = repositoryOf(cwd);
  if (!repository) throw new UsageError('--staged needs a git repository');
  const { root } = repository;
  for (const given of paths) {
    if (!fs.existsSync(path.resolve(cwd, given))) throw new UsageError(`no such file or folder: ${given}`);
  }
  const pathspecs = paths.map((given) => path.relative(root, path.resolve(cwd, given)) || '.');
  const files = stagedFiles(root, pathspecs);
  const contents = blobs(root, files.map((relative) => `:${relative}`), maxBytes);
  const owner: Owner = { root, repository };
  return files.flatMap((relative) => {
    const blob = contents.get(`:${relative}`);
    if (blob?.kind !== 'bytes' || isBinary(blob.bytes)) return [];
    const scan = scanContent(path.join(root, relative), blob.bytes, repository.format);
    if (scan) listingOf(repository).holdsKeys(scan.absolute);
    return scan ? [{ owner, scan }] : [];
  });
}

/**
 * Every file under the given folders (and every file named), read and scanned on worker threads while
 * the folders are still being listed and git lists its index and HEAD.
 */
async function scanDisk(
  paths: string[],
  cwd: string,
  options: CliOptions,
  script: string,
  listingOf: ListingOf,
): Promise<ScannedFile[]> {
  const filter = fileFilter(options);
  const owners = new Map<string, Owner>();
  const scanned: ScannedFile[] = [];
  const pool = new ScanPool({
    maxBytes: options.maxFileSize,
    workerScript: script,
    helpHere: true,
    onFile: (job, result) => {
      if (result.kind !== 'keys') return;
      const owner = owners.get(job.absolute) as Owner;
      scanned.push({ owner, scan: result.scan });
      if (owner.repository) listingOf(owner.repository).holdsKeys(job.absolute);
    },
  });
  const enqueue = (absolute: string, owner: Owner, root?: string) => {
    if (owners.has(absolute)) return;
    owners.set(absolute, owner);
    pool.add([{ absolute, root, hashAs: owner.repository?.format } satisfies ScanJob]);
  };
  const targets = paths.map((given) => {
    try {
      // A path named on the command line is the user's choice: resolved once, links included.
      const absolute = fs.realpathSync.native(path.resolve(cwd, given));
      return { absolute, isDirectory: fs.statSync(absolute).isDirectory() };
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
  });
  if (targets.some((target) => target.isDirectory)) pool.prestart();
  for (const { absolute, isDirectory } of targets) {
    const repository = repositoryOf(isDirectory ? absolute : path.dirname(absolute));
    if (repository) repository.root = fs.realpathSync.native(repository.root);
    const owner: Owner = { root: repository?.root ?? (isDirectory ? absolute : path.dirname(absolute)), repository };
    if (isDirectory) {
      // Every listed file must still be inside the folder when it is opened.
      for await (const files of listFiles(absolute, filter)) for (const file of files) enqueue(file.absolute, owner, absolute);
      // git lists its index and HEAD while the files are scanned (started once the workers have files).
      if (repository) listingOf(repository);
    } else {
      if (repository) listingOf(repository);
      // A file named explicitly is scanned even when a glob or folder rule would skip it.
      enqueue(absolute, owner);
    }
  }
  await pool.finish();
  return scanned;
}

/**
 * Git facts for every file that holds keys, with a handful of git processes per repository whatever
 * the number of files. Where the working file, the index and HEAD hold the same blob (compared by
 * object id), the keys found in the file are the keys in each; only versions that differ are read
 * (one `cat-file --batch`) and scanned.
 */
async function gitFactsFor(
  scanned: readonly ScannedFile[],
  listingOf: ListingOf,
  maxBytes: number,
): Promise<Map<string, (fingerprint: string) => GitFacts>> {
  const result = new Map<string, (fingerprint: string) => GitFacts>();
  const byRoot = new Map<string, ScannedFile[]>();
  for (const file of scanned) {
    if (!file.owner.repository) continue;
    const files = byRoot.get(file.owner.root);
    if (files) files.push(file);
    else byRoot.set(file.owner.root, [file]);
  }
  for (const [root, files] of byRoot) {
    const listing = listingOf(files[0].owner.repository as Repository);
    const { index: indexIds, head: headIds } = await listing.ids;
    const relatives = files.map((file) => toSlashes(path.relative(root, file.scan.absolute)));
    const workIds = files.map((file) => file.scan.blobId);
    const needed: string[] = [];
    relatives.forEach((relative, i) => {
      const indexId = indexIds.get(relative);
      const headId = headIds.get(relative);
      if (indexId !== undefined && indexId !== workIds[i]) needed.push(`:${relative}`);
      if (headId !== undefined && headId !== workIds[i] && headId !== indexId) needed.push(`HEAD:${relative}`);
    });
    const contents = blobs(root, needed, maxBytes);
    const ignored = await listing.ignored();
    // Every key of a version counts, allowed or not: a key is in HEAD even where a marker stands beside it.
    const fingerprintsOf = (spec: string) => {
      const blob = contents.get(spec);
      const found = blob?.kind === 'bytes' && !isBinary(blob.bytes) ? scanBytes(blob.bytes).findings : [];
      return new Set(found.map(({ finding }) => finding.fingerprint));
    };
    files.forEach((file, i) => {
      const relative = relatives[i];
      const inWork = new Set(toFindings(file.scan).map((finding) => finding.fingerprint));
      const indexId = indexIds.get(relative);
      const headId = headIds.get(relative);
      const inIndex = indexId === undefined ? new Set<string>() : indexId === workIds[i] ? inWork : fingerprintsOf(`:${relative}`);
      const inHead = headId === undefined ? new Set<string>() : headId === workIds[i] ? inWork : headId === indexId ? inIndex : fingerprintsOf(`HEAD:${relative}`);
      const tracked = indexId !== undefined || headId !== undefined;
      result.set(file.scan.absolute, (fingerprint) => ({
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
