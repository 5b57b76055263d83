import { base64Markers } from './base64';
import type { KeyKind } from './families';
import { LineIndex } from './lineIndex';
import { scanText } from './scanText';

/**
 * Finds keys added anywhere in a repository's history by reading the output of
 * `git log --all -p -U0 --no-renames --format=<historyCommitFormat>` line by line. Only added lines
 * are scanned (a removal is not a new leak); the added lines of one hunk are scanned together, so
 * a key concatenated across lines is still found. Memory stays bounded by one hunk.
 */

/** Passed to `git log --format`: a NUL-led header line per commit. */
export const historyCommitFormat = '%x00commit %H%x09%aI%x09%s';

/**
 * The `git log` the history scan reads (after `safeGitOptions`): every branch, patches without context,
 * and neither a textconv filter nor an external diff program, which a repository's own `.git/config` and
 * `.gitattributes` could name to run anything.
 */
export const historyLogArgs: readonly string[] = ['log', '--all', '-p', '-U0', '--no-renames', '--no-color', '--no-ext-diff', '--no-textconv', `--format=${historyCommitFormat}`];

export interface HistoryFinding {
  commit: string;
  /** ISO date of the commit (author date). */
  date: string;
  subject: string;
  /** Path in the repository, as of that commit. */
  file: string;
  /** 1-based line in that commit's version of the file. */
  line: number;
  kind: KeyKind;
  redacted: string;
  fingerprint: string;
}

export class HistoryScanner {
  readonly findings: HistoryFinding[] = [];
  private commit = { sha: '', date: '', subject: '' };
  private file: string | undefined;
  private inHunk = false;
  private hunkFirstLine = 0;
  private added: string[] = [];
  private readonly seen = new Set<string>();

  pushLine(line: string): void {
    if (line.startsWith('\0commit ')) {
      this.flush();
      const [sha = '', date = '', ...subject] = line.slice('\0commit '.length).split('\t');
      this.commit = { sha, date, subject: subject.join('\t') };
      this.file = undefined;
      this.inHunk = false;
    } else if (line.startsWith('diff --git ')) {
      this.flush();
      this.file = undefined;
      this.inHunk = false;
    } else if (!this.inHunk && line.startsWith('+++ ')) {
      const target = line.slice(4);
      this.file = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
    } else if (line.startsWith('@@')) {
      this.flush();
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
      this.inHunk = match !== null;
      this.hunkFirstLine = match ? Number(match[1]) : 0;
    } else if (this.inHunk && line.startsWith('+')) {
      this.added.push(line.slice(1));
    }
  }

  /** Call after the last line. */
  finish(): HistoryFinding[] {
    this.flush();
    return this.findings;
  }

  private flush(): void {
    if (this.added.length === 0 || !this.file) {
      this.added = [];
      return;
    }
    const text = this.added.join('\n');
    this.added = [];
    if (!text.includes('sk-') && !base64Markers.some((marker) => text.includes(marker.text))) return;
    const lines = new LineIndex(text);
    for (const finding of scanText(text)) {
      if (finding.allowed) continue;
      const id = `${this.commit.sha}\t${this.file}\t${finding.fingerprint}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.findings.push({
        commit: this.commit.sha,
        date: this.commit.date,
        subject: this.commit.subject,
        file: this.file,
        line: this.hunkFirstLine + lines.position(finding.start).line - 1,
        kind: finding.kind,
        redacted: finding.redacted,
        fingerprint: finding.fingerprint,
      });
    }
  }
}
