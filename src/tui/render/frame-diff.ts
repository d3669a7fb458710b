// What to write to turn the frame on screen into the next one, in few bytes: only the cells that
// changed, with short cursor moves over the ones that did not, and the terminal's own line
// insertion and deletion when a run of lines moved up or down (a list that scrolled). Positions
// are relative to the frame's top line; the cursor rests at column 0 of the line after the
// frame at the start, and is left wherever the last change was (it is hidden; the caller knows
// where). Every move is relative, so the frame may sit anywhere on the screen. Lines below the
// frame are blank.
import { BLANK_LINE, looksBlank, styleChange, type Cell, type StyledLine } from './styled-line.js';

const CSI = '\x1b[';
/** Unchanged cells between two changed ones are rewritten rather than skipped up to this many. */
const REWRITE_GAP = 3;
/** Moves of a run of lines tried: up to this many lines, either way. */
const MAX_SHIFT = 3;
/** A run of moved lines shorter than this is not worth a scroll. */
const MIN_SHIFT_RUN = 3;

/**
 * Where the cursor is, relative to the frame's top line, and the style set (SGR parameters);
 * undefined for what is not known.
 */
export interface CursorAt {
  row: number;
  column: number | undefined;
  pen: string | undefined;
}

/** Accumulates output and knows where the cursor is and which style is set. */
export class Painter {
  bytes = '';
  /** undefined: not known (after text of unknown width, a line insertion, or at the right edge). */
  column: number | undefined;
  /** undefined: not known (after a raw line). */
  pen: string | undefined;

  constructor(
    public row: number,
    column: number | undefined,
    pen: string | undefined,
    private readonly columns: number,
  ) {
    this.column = column;
    this.pen = pen;
  }

  moveTo(row: number, column: number | undefined): void {
    if (row < this.row) this.bytes += `${CSI}${this.row - row === 1 ? '' : this.row - row}A`;
    if (row > this.row) this.bytes += `${CSI}${row - this.row === 1 ? '' : row - this.row}B`;
    this.row = row;
    if (column === undefined || column === this.column) return;
    const absolute = column === 0 ? '\r' : `${CSI}${column + 1}G`;
    const distance = this.column === undefined ? 0 : column - this.column;
    const relative =
      this.column === undefined
        ? undefined
        : `${CSI}${Math.abs(distance) === 1 ? '' : Math.abs(distance)}${distance > 0 ? 'C' : 'D'}`;
    this.bytes += relative !== undefined && relative.length < absolute.length ? relative : absolute;
    this.column = column;
  }

  style(style: string): void {
    if (style === this.pen) return;
    this.bytes += `${CSI}${this.pen === undefined ? (style === '' ? '' : `0;${style}`) : styleChange(this.pen, style)}m`;
    this.pen = style;
  }

  cells(cells: Cell[], from: number, to: number): void {
    for (let column = from; column < to; column++) {
      const cell = cells[column] ?? BLANK_CELL;
      this.style(cell.style);
      this.bytes += cell.char;
    }
    // At the right edge the terminal holds the cursor on the last column until the next character.
    this.column = to >= this.columns ? undefined : to;
  }

  /** Writes a line of unknown cells whole, from column 0, over an erased line. */
  raw(text: string): void {
    this.moveTo(this.row, 0);
    this.style('');
    this.bytes += `${CSI}K${text}`;
    this.column = this.pen = undefined;
  }

  /** Erase operations fill with the current background: always the default one here. */
  erase(sequence: string): void {
    this.style('');
    this.bytes += sequence;
  }

  lines(operation: 'M' | 'L', count: number): void {
    this.erase(`${CSI}${count === 1 ? '' : count}${operation}`);
    this.column = undefined;
  }
}

const BLANK_CELL: Cell = { char: ' ', style: '' };
/** Cells that look the same: the same character and style, or two blanks whatever colour or weight. */
const sameCell = (a: Cell = BLANK_CELL, b: Cell = BLANK_CELL) =>
  (a.char === b.char && a.style === b.style) || (looksBlank(a) && looksBlank(b));

function paintLine(painter: Painter, row: number, before: StyledLine, after: StyledLine): void {
  if (before.text === after.text) return;
  if (!before.cells || !after.cells) {
    painter.moveTo(row, undefined);
    painter.raw(after.text);
    return;
  }
  const old = before.cells;
  const next = after.cells;
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return;
    painter.moveTo(row, start);
    painter.cells(next, start, end);
    start = -1;
  };
  for (let column = 0; column < next.length; column++) {
    if (sameCell(old[column], next[column])) continue;
    if (start >= 0 && column - end > REWRITE_GAP) flush();
    if (start < 0) start = column;
    end = column + 1;
  }
  flush();
  if (old.length > next.length) {
    painter.moveTo(row, next.length);
    painter.erase(`${CSI}K`);
  }
}

/** `lines` after the terminal deleted `count` lines at `at` and inserted as many at `insertAt`. */
function shifted(lines: StyledLine[], deleteAt: number, insertAt: number, count: number): StyledLine[] {
  const result = [...lines];
  result.splice(deleteAt, count);
  result.push(...Array<StyledLine>(count).fill(BLANK_LINE));
  result.splice(insertAt, 0, ...Array<StyledLine>(count).fill(BLANK_LINE));
  result.length = lines.length;
  return result;
}

interface Shift {
  deleteAt: number;
  insertAt: number;
  count: number;
}

/** For each distance, the longest run of lines of `next` that sit that many lines away in `before`. */
function candidateShifts(before: StyledLine[], next: StyledLine[]): Shift[] {
  const shifts: Shift[] = [];
  const rows = Math.min(before.length, next.length);
  for (let distance = 1; distance <= MAX_SHIFT; distance++)
    for (const sign of [1, -1]) {
      const offset = distance * sign;
      let best: { start: number; end: number } | undefined;
      let start = -1;
      let moved = false;
      for (let row = 0; row <= rows; row++) {
        const from = row + offset;
        const same = row < rows && from >= 0 && from < before.length && next[row]!.text === before[from]!.text;
        if (same) {
          if (start < 0) {
            start = row;
            moved = false;
          }
          if (next[row]!.text !== before[row]?.text) moved = true;
        } else if (start >= 0) {
          if (moved && row - start >= MIN_SHIFT_RUN && (!best || row - start > best.end - best.start))
            best = { start, end: row };
          start = -1;
        }
      }
      if (!best) continue;
      // Up (content moves towards the top): delete at the run's start, insert after its end.
      // Down: delete the lines pushed past the run's end, insert above its start.
      shifts.push(
        offset > 0
          ? { deleteAt: best.start, insertAt: best.end, count: offset }
          : { deleteAt: best.end + offset, insertAt: best.start + offset, count: -offset },
      );
    }
  return shifts;
}

function paintFrame(
  before: StyledLine[],
  next: StyledLine[],
  from: CursorAt,
  columns: number,
  shift: Shift | undefined,
): Painter {
  const painter = new Painter(from.row, from.column, from.pen, columns);
  let screen = before;
  if (shift) {
    painter.moveTo(shift.deleteAt, undefined);
    painter.lines('M', shift.count);
    painter.moveTo(shift.insertAt, undefined);
    painter.lines('L', shift.count);
    screen = shifted(before, shift.deleteAt, shift.insertAt, shift.count);
  }
  const kept = Math.min(screen.length, next.length);
  for (let row = 0; row < kept; row++) paintLine(painter, row, screen[row]!, next[row]!);
  if (next.length < screen.length) {
    painter.moveTo(next.length, 0);
    painter.erase(`${CSI}J`);
  } else if (next.length > screen.length) {
    // New lines go below the old frame, where the cursor rested; a newline scrolls if need be.
    painter.moveTo(screen.length, 0);
    for (let row = screen.length; row < next.length; row++) {
      const line = next[row]!;
      if (line.cells) painter.cells(line.cells, 0, line.cells.length);
      else painter.raw(line.text);
      painter.style('');
      painter.bytes += '\n';
      painter.row++;
      painter.column = 0;
    }
  }
  return painter;
}

/**
 * The bytes that turn `before` (on screen, cursor at `from`) into `next`, and where they leave the
 * cursor. Of the plain diff and each scroll worth trying, the shortest.
 */
export function frameDiff(
  before: StyledLine[],
  next: StyledLine[],
  from: CursorAt,
  columns: number,
): { bytes: string; to: CursorAt } {
  let best = paintFrame(before, next, from, columns, undefined);
  for (const shift of candidateShifts(before, next)) {
    const painter = paintFrame(before, next, from, columns, shift);
    if (Buffer.byteLength(painter.bytes) < Buffer.byteLength(best.bytes)) best = painter;
  }
  return { bytes: best.bytes, to: { row: best.row, column: best.column, pen: best.pen } };
}
