// The cursor of a scrolling list: which row is highlighted and which rows are on screen.
// Only the visible window is ever rendered, so a list of 10,000 costs what a list of 20 does.

export interface ListCursor {
  index: number;
  /** The first visible row. */
  offset: number;
}

export const START: ListCursor = { index: 0, offset: 0 };

export type CursorMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

/** Moves to `index` (clamped), scrolling as little as needed to keep it visible. */
export function moveTo(cursor: ListCursor, index: number, count: number, height: number): ListCursor {
  if (count === 0) return START;
  const target = Math.max(0, Math.min(count - 1, index));
  const rows = Math.max(1, height);
  let offset = Math.min(cursor.offset, Math.max(0, count - rows));
  if (target < offset) offset = target;
  if (target >= offset + rows) offset = target - rows + 1;
  return { index: target, offset };
}

export function move(cursor: ListCursor, how: CursorMove, count: number, height: number): ListCursor {
  const page = Math.max(1, height - 1);
  const targets: Record<CursorMove, number> = {
    up: cursor.index - 1,
    down: cursor.index + 1,
    pageUp: cursor.index - page,
    pageDown: cursor.index + page,
    home: 0,
    end: count - 1,
  };
  return moveTo(cursor, targets[how], count, height);
}

/** The slice of `items` on screen. */
export function visibleRows<T>(items: readonly T[], cursor: ListCursor, height: number): T[] {
  return items.slice(cursor.offset, cursor.offset + Math.max(1, height));
}
