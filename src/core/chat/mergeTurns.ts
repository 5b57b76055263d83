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
  for (const turn of disk) {
    if (held.has(turn.id) || ownership.known.has(turn.id)) continue;
    changed = true;
    // After the last turn that is not newer: turns of two windows interleave by the time they were made.
    let index = merged.length;
    while (index > 0 && merged[index - 1].createdAt > turn.createdAt) index--;
    merged.splice(index, 0, turn);
  }
  for (const turn of disk) ownership.known.add(turn.id);
  return changed ? merged : undefined;
}

function sameTurn(a: Turn, b: Turn): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
