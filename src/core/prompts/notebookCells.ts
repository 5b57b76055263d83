import type { ScanRegion } from './extract';
import { lineOf } from './mutations';

/** The code cells of a notebook read as one module, as the kernel runs them top to bottom. */
export interface JoinedCells {
  text: string;
  /** Offset of each cell's text in `text`. */
  starts: number[];
}

/**
 * IPython magics and shell escapes (`%pip install anthropic`, `!ls`) are not Python: blanked with
 * spaces so the parser does not trip on them and every offset stays where it was.
 */
const magicLine = /^[ \t]*[%!].*$/gm;

export function joinCells(cells: readonly string[]): JoinedCells {
  const starts: number[] = [];
  let text = '';
  for (const cell of cells) {
    if (starts.length > 0) text += '\n';
    starts.push(text.length);
    text += cell.replace(magicLine, (line) => ' '.repeat(line.length));
  }
  return { text, starts };
}

/** The region of cell `index`: its calls and constants, reading names from the cells above it. */
export function cellRegion(joined: JoinedCells, index: number, cellLength: number): ScanRegion {
  const start = joined.starts[index];
  return {
    start,
    end: start + cellLength,
    where: (offset) => {
      let cell = joined.starts.length - 1;
      while (cell > 0 && joined.starts[cell] > offset) cell--;
      const line = lineOf(joined.text.slice(joined.starts[cell], offset + 1), offset - joined.starts[cell]);
      return cell === index ? line : `${line} of code cell ${cell + 1}`;
    },
  };
}
