import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * The one file-listing module of the key scanner: the `claude-keyscan` CLI and the editor's
 * "Scan Workspace" command both list files through it, so they report the same set. Every file
 * under the folder counts, git-ignored ones included (`.env`, build bundles: that is where keys leak
 * from). Symbolic links are never followed, and only regular files are listed.
 */

/** Folders that hold other people's code; skipped unless an `include` glob reaches into them. `.git` is always skipped. */
export const dependencyFolders: readonly string[] = [
  'node_modules', 'bower_components', 'jspm_packages', 'vendor', '.venv', 'venv', '__pycache__', '.tox', 'site-packages', 'Pods', '.yarn', '.pnpm-store', '.gradle',
];

export interface WalkOptions {
  /** Globs (relative to the root, `/`-separated) of files to scan even inside skipped dependency folders. */
  include?: readonly string[];
  /** Globs of files and folders not to scan. */
  exclude?: readonly string[];
}

/** A file found by the walk. */
export interface ListedFile {
  absolute: string;
  /** Relative to the walk's root, with `/` separators. */
  relative: string;
}

export interface FileFilter {
  /** Should the walk enter this folder (relative, `/`-separated)? */
  entersFolder(relative: string, name: string): boolean;
  /** Is this file (relative) wanted? */
  wantsFile(relative: string): boolean;
}

export function fileFilter(options: WalkOptions): FileFilter {
  const globOptions = { dot: true };
  const included = options.include?.length ? picomatch([...options.include], globOptions) : undefined;
  const excluded = options.exclude?.length ? picomatch([...options.exclude], globOptions) : undefined;
  // An include glob reaches into a skipped folder when its fixed start lies inside the folder or above it.
  const includeBases = (options.include ?? []).map((glob) => picomatch.scan(glob).base);
  const reaches = (folder: string) => includeBases.some((base) => base === '' || base.startsWith(`${folder}/`) || base === folder || folder.startsWith(`${base}/`));
  return {
    entersFolder(relative, name) {
      if (name === '.git') return false;
      if (excluded && (excluded(relative) || excluded(`${relative}/`))) return false;
      return !dependencyFolders.includes(name) || reaches(relative);
    },
    wantsFile(relative) {
      if (excluded?.(relative)) return false;
      const inDependency = relative.split('/').slice(0, -1).some((segment) => dependencyFolders.includes(segment));
      return !inDependency || (included?.(relative) ?? false);
    },
  };
}

/**
 * Every regular file under `root` the filter wants, one folder's worth at a time. Folders are read
 * asynchronously, one at a time, so a large tree never holds up the thread that lists it; stopping the
 * iteration stops the walk. The walk never follows a symbolic link (a committed link to `/dev/zero` or
 * to `/etc` is not listed), and the reader checks again when it opens each file.
 */
export async function* listFiles(root: string, filter: FileFilter): AsyncGenerator<ListedFile[]> {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, relativeDir), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to scan there
    }
    const files: ListedFile[] = [];
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (filter.entersFolder(relative, entry.name)) pending.push(relative);
      } else if (entry.isFile() && filter.wantsFile(relative)) {
        files.push({ absolute: path.join(root, relative), relative });
      }
    }
    if (files.length > 0) yield files;
  }
}
