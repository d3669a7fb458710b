// Ink's frame writer (its log-update), replaced through the `createLogUpdate` render option that
// patches/ink+6.8.0.patch adds: instead of erasing the whole frame and writing it again on every
// change, it writes what changed (frame-diff.ts). Whenever the layout on screen is not known
// exactly (the first frame, after a resize, after Ink cleared the screen itself, a frame as tall
// as the terminal) it writes the frame whole, as Ink's own log-update does.
import type { Writable } from 'node:stream';
import { frameDiff } from './frame-diff.js';
import { styledLine, type StyledLine } from './styled-line.js';

const CSI = '\x1b[';
const HIDE_CURSOR = `${CSI}?25l`;
const SHOW_CURSOR = `${CSI}?25h`;
/**
 * After a resize the terminal may have rewrapped the old frame's lines, so erasing them line by
 * line from the cursor misses some: the frame (as tall as the terminal but one line) is drawn
 * again from the top of a cleared screen. Scrollback is kept.
 */
const HOME_AND_CLEAR = `${CSI}H${CSI}2J`;

export interface CursorPosition {
  x: number;
  y: number;
}

/** The interface of Ink 6.8's log-update (build/log-update.d.ts). */
export interface LogUpdate {
  (str: string): boolean;
  clear: () => void;
  done: () => void;
  sync: (str: string) => void;
  setCursorPosition: (position: CursorPosition | undefined) => void;
  isCursorDirty: () => boolean;
  willRender: (str: string) => boolean;
}

type Terminal = Writable & { columns?: number; rows?: number; isTTY?: boolean };

/** Ink's erase of `count` lines ending at the cursor's, leaving the cursor at column 0. */
const eraseLines = (count: number) => (count === 0 ? '' : `${`${CSI}2K${CSI}1A`.repeat(count - 1)}${CSI}2K${CSI}G`);

const moveRows = (rows: number) => (rows < 0 ? `${CSI}${-rows}A` : rows > 0 ? `${CSI}${rows}B` : '');

export function cellLogUpdate(stream: Terminal): LogUpdate {
  let previousOutput = '';
  let previousLines: StyledLine[] = [];
  /** Lines of the previous output as Ink counts them (with the empty one after a final newline). */
  let previousLineCount = 0;
  /** Whether the previous frame is on screen exactly as written, cursor after it at column 0. */
  let exact = false;
  let size = '';
  let cursorHidden = false;
  let cursorPosition: CursorPosition | undefined;
  let cursorDirty = false;
  let shownCursor: CursorPosition | undefined;

  const currentSize = () => `${stream.columns ?? 0}x${stream.rows ?? 0}`;
  const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
  const cursorChanged = (cursor: CursorPosition | undefined) =>
    cursor?.x !== shownCursor?.x || cursor?.y !== shownCursor?.y;
  const showCursorAgain = () => {
    if (cursorHidden) stream.write(SHOW_CURSOR);
  };

  /** From where the cursor is shown back to column 0 below the frame (hiding it). */
  const backToRest = (lineCount: number) => {
    if (!shownCursor) return '';
    return `${HIDE_CURSOR}${moveRows(lineCount - 1 - shownCursor.y)}\r`;
  };
  const cursorSuffix = (visibleLines: number, cursor: CursorPosition | undefined) =>
    cursor ? `${moveRows(cursor.y - visibleLines)}${CSI}${cursor.x + 1}G${SHOW_CURSOR}` : '';

  const render = (str: string): boolean => {
    if (!cursorHidden && stream.isTTY) {
      stream.write(HIDE_CURSOR);
      cursorHidden = true;
      process.once('exit', showCursorAgain);
    }
    const cursor = activeCursor();
    cursorDirty = false;
    if (str === previousOutput && !cursorChanged(cursor)) return false;
    const texts = str.split('\n');
    const trailingNewline = str.endsWith('\n');
    const visible = trailingNewline ? texts.length - 1 : texts.length;
    const lines = texts
      .slice(0, visible)
      .map((text, row) => (previousLines[row]?.text === text ? previousLines[row]! : styledLine(text)));
    const fits = trailingNewline && visible < (stream.rows ?? Infinity);
    let bytes = backToRest(previousLineCount);
    if (str === previousOutput) {
      // Only the cursor moved.
    } else if (exact && fits && currentSize() === size) {
      bytes += frameDiff(previousLines, lines, { row: previousLines.length, column: 0 }, stream.columns ?? 80);
    } else if (previousOutput !== '' && currentSize() !== size) {
      bytes += HOME_AND_CLEAR + str;
    } else {
      bytes += eraseLines(previousLineCount) + str;
    }
    bytes += cursorSuffix(visible, cursor);
    stream.write(bytes);
    exact = fits;
    size = currentSize();
    previousOutput = str;
    previousLines = lines;
    previousLineCount = texts.length;
    shownCursor = cursor ? { ...cursor } : undefined;
    return true;
  };

  render.clear = () => {
    const resized = previousOutput !== '' && currentSize() !== size;
    stream.write(resized ? HOME_AND_CLEAR : backToRest(previousLineCount) + eraseLines(previousLineCount));
    previousOutput = '';
    previousLines = [];
    previousLineCount = 0;
    shownCursor = undefined;
    exact = false;
  };
  render.done = () => {
    previousOutput = '';
    previousLines = [];
    previousLineCount = 0;
    shownCursor = undefined;
    exact = false;
    if (cursorHidden) {
      stream.write(SHOW_CURSOR);
      cursorHidden = false;
      process.off('exit', showCursorAgain);
    }
  };
  // Ink wrote `str` itself, after clearing the screen: known text, but not a known layout.
  render.sync = (str: string) => {
    const cursor = activeCursor();
    cursorDirty = false;
    const texts = str.split('\n');
    const visible = str.endsWith('\n') ? texts.length - 1 : texts.length;
    previousOutput = str;
    previousLines = texts.slice(0, visible).map(styledLine);
    previousLineCount = texts.length;
    exact = false;
    if (!cursor && shownCursor) stream.write(HIDE_CURSOR);
    if (cursor) stream.write(cursorSuffix(visible, cursor));
    shownCursor = cursor ? { ...cursor } : undefined;
  };
  render.setCursorPosition = (position: CursorPosition | undefined) => {
    cursorPosition = position;
    cursorDirty = true;
  };
  render.isCursorDirty = () => cursorDirty;
  render.willRender = (str: string) => str !== previousOutput || cursorChanged(activeCursor());
  return render;
}
