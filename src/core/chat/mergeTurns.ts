import type { Turn } from './conversation';

/**
 * What one window knows about the turns of a conversation other windows may also write to (every
 * window opens the shared active conversation and saves the whole file).
 */
export interface TurnOwnership {
  /** Every turn id this window has seen on disk or created: one it knows and no longer holds, it removed. */
  known: Set<string>;
  /** Turns this window created or changed (resumed): its copy is the newest, never replaced from disk. */
  own: Set<string>;
}

/**
 * Folds the copy on disk into this window's turns, so saving never drops what another window wrote:
 * turns it has never seen are taken in (in time order), and turns another window wrote are replaced by
 * the disk copy, which is at least as new. Returns undefined when nothing changed.
 */
export function mergeForeignTurns(mine: readonly Turn[], disk: readonly Turn[], ownership: TurnOwnership): Turn[] | undefined {
  const onDisk = new Map(disk.map((turn) => [turn.id, turn]));
  let changed = false;
  const merged: Turn[] = mine.map((turn) => {
    const theirs = onDisk.get(turn.id);
    if (!theirs || ownership.own.has(turn.id) || sameTurn(theirs, turn)) return turn;
    changed = true;
    return theirs;
  });
  const held = new Set(mine.map((turn) => turn.id));
  const foreign = disk.filter((turn) => !held.has(turn.id) && !ownership.known.has(turn.id));
  for (const turn of disk) ownership.known.add(turn.id);
  if (foreign.length === 0) return changed ? merged : undefined;
  // Turns of two windows interleave by the time they were made: one pass over both lists (a crafted file
  // with many old turns must not make this quadratic).
  const result: Turn[] = [];
  let a = 0;
  let b = 0;
  while (a < merged.length || b < foreign.length) {
    if (b >= foreign.length || (a < merged.length && merged[a].createdAt <= foreign[b].createdAt)) result.push(merged[a++]);
    else result.push(foreign[b++]);
  }
  return result;
}

function sameTurn(a: Turn, b: Turn): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
