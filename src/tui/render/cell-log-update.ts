// Ink's frame writer (its log-update), replaced through the `createLogUpdate` render option that
// patches/ink+6.8.0.patch adds: instead of erasing the whole frame and writing it again on every
// change, it writes what changed (frame-diff.ts). Whenever the layout on screen is not known
// exactly (the first frame, after a resize, after Ink cleared the screen itself, a frame as tall
// as the terminal) it writes the frame whole, as Ink's own log-update does.
import type { Writable } from 'node:stream';
import { frameDiff, Painter, type CursorAt } from './frame-diff.js';
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

export function cellLogUpdate(stream: Terminal): LogUpdate {
  let previousOutput = '';
  let previousLines: StyledLine[] = [];
  /** Lines of the previous output as Ink counts them (with the empty one after a final newline). */
  let previousLineCount = 0;
  /** Whether the previous frame is on screen exactly as written. */
  let exact = false;
  let size = '';
  let cursorHidden = false;
  let cursorPosition: CursorPosition | undefined;
  let cursorDirty = false;
  let shownCursor: CursorPosition | undefined;
  /** Where the (hidden) cursor was left, relative to the frame's top line. */
  let at: CursorAt = { row: 0, column: 0, pen: undefined };

  const columns = () => stream.columns ?? 80;
  const currentSize = () => `${stream.columns ?? 0}x${stream.rows ?? 0}`;
  const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
  const cursorChanged = (cursor: CursorPosition | undefined) =>
    cursor?.x !== shownCursor?.x || cursor?.y !== shownCursor?.y;
  /** Column 0 of the last line Ink counts: below the frame when it ended with a newline. */
  const toRest = () => {
    const painter = new Painter(at.row, at.column, at.pen, columns());
    painter.moveTo(Math.max(0, previousLineCount - 1), 0);
    return (shownCursor ? HIDE_CURSOR : '') + painter.bytes;
  };
  const restOnExit = () => {
    if (cursorHidden) stream.write(toRest() + SHOW_CURSOR);
  };
  /** After `str` was written whole from column 0 of the frame's top line. */
  const afterWhole = (texts: string[]): CursorAt =>
    texts.at(-1) === ''
      ? { row: texts.length - 1, column: 0, pen: undefined }
      : { row: texts.length - 1, column: undefined, pen: undefined };
  const showCursorAt = (cursor: CursorPosition | undefined) => {
    if (!cursor) return '';
    const painter = new Painter(at.row, at.column, at.pen, columns());
    painter.moveTo(cursor.y, cursor.x);
    at = { row: cursor.y, column: cursor.x, pen: at.pen };
    return painter.bytes + SHOW_CURSOR;
  };

  const render = (str: string): boolean => {
    if (!cursorHidden && stream.isTTY) {
      stream.write(HIDE_CURSOR);
      cursorHidden = true;
      process.once('exit', restOnExit);
    }
    const cursor = activeCursor();
    cursorDirty = false;
    if (str === previousOutput && !cursorChanged(cursor)) return false;
    const texts = str.split('\n');
    const visible = str.endsWith('\n') ? texts.length - 1 : texts.length;
    const lines = texts
      .slice(0, visible)
      .map((text, row) => (previousLines[row]?.text === text ? previousLines[row]! : styledLine(text)));
    const fits = str.endsWith('\n') && visible < (stream.rows ?? Infinity);
    let bytes = shownCursor ? HIDE_CURSOR : '';
    if (str === previousOutput) {
      // Only the cursor moved.
    } else if (exact && fits && currentSize() === size) {
      const diff = frameDiff(previousLines, lines, at, columns());
      bytes += diff.bytes;
      at = diff.to;
    } else {
      const resized = previousOutput !== '' && currentSize() !== size;
      bytes = resized ? bytes + HOME_AND_CLEAR : toRest() + eraseLines(previousLineCount);
      bytes += str;
      at = afterWhole(texts);
    }
    bytes += showCursorAt(cursor);
    stream.write(bytes);
    exact = fits;
    size = currentSize();
    previousOutput = str;
    previousLines = lines;
    previousLineCount = texts.length;
    shownCursor = cursor ? { ...cursor } : undefined;
    return true;
  };

  /** Nothing of ours on screen: the next frame is written whole, from where the cursor is. */
  const forgetFrame = () => {
    previousOutput = '';
    previousLines = [];
    previousLineCount = 0;
    shownCursor = undefined;
    exact = false;
    at = { row: 0, column: 0, pen: undefined };
  };

  render.clear = () => {
    const resized = previousOutput !== '' && currentSize() !== size;
    stream.write(resized ? HOME_AND_CLEAR : toRest() + eraseLines(previousLineCount));
    forgetFrame();
  };
  render.done = () => {
    // The cursor goes below the frame, where the shell's prompt will be.
    stream.write(toRest() + (cursorHidden ? SHOW_CURSOR : ''));
    if (cursorHidden) process.off('exit', restOnExit);
    cursorHidden = false;
    forgetFrame();
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
    at = afterWhole(texts);
    if (!cursor && shownCursor) stream.write(HIDE_CURSOR);
    if (cursor) stream.write(showCursorAt(cursor));
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
