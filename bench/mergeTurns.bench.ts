// Folding another window's saved turns into this window's (mergeForeignTurns, on every chat save): a
// conversation file is input anyone can write, so the worst case (every foreign turn older than all of
// ours, which a per-turn insertion scan would make quadratic) is measured beside an ordinary one.
import type { Turn } from '../src/core/chat/conversation';
import { mergeForeignTurns } from '../src/core/chat/mergeTurns';
import { medianMs, report } from './report';

const count = 20_000;
const turn = (id: string, createdAt: number): Turn => ({ role: 'user', id, text: 'hello', createdAt });
const mine = Array.from({ length: count }, (_, i) => turn(`m${i}`, 1_000_000 + i));
const benignDisk = [...mine, ...Array.from({ length: count }, (_, i) => turn(`f${i}`, 2_000_000 + i))];
const crafted = [...mine, ...Array.from({ length: count }, (_, i) => turn(`f${i}`, i))];

const merge = (disk: Turn[]) => mergeForeignTurns(mine, disk, { known: new Set(mine.map((t) => t.id)), own: new Set(mine.map((t) => t.id)) });
const benignMs = medianMs(7, () => merge(benignDisk));
const craftedMs = medianMs(7, () => merge(crafted));
report('merge-turns-20k-foreign-older', craftedMs, 'ms', { value: benignMs, unit: 'ms (20k foreign turns newer)' });
