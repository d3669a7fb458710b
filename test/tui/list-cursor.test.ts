import { describe, expect, it } from 'vitest';
import { move, moveTo, START, visibleRows } from '../../src/tui/widgets/list-cursor.js';

describe('list cursor', () => {
  it('scrolls only when the cursor leaves the window', () => {
    let cursor = START;
    for (let i = 0; i < 4; i++) cursor = move(cursor, 'down', 100, 5);
    expect(cursor).toEqual({ index: 4, offset: 0 });
    cursor = move(cursor, 'down', 100, 5);
    expect(cursor).toEqual({ index: 5, offset: 1 });
    cursor = move(cursor, 'up', 100, 5);
    expect(cursor).toEqual({ index: 4, offset: 1 });
  });

  it('clamps at both ends and pages by a window less one row', () => {
    expect(move(START, 'up', 10, 5)).toEqual(START);
    expect(move(START, 'pageDown', 10, 5)).toEqual({ index: 4, offset: 0 });
    expect(move(START, 'end', 10, 5)).toEqual({ index: 9, offset: 5 });
    expect(move({ index: 9, offset: 5 }, 'down', 10, 5)).toEqual({ index: 9, offset: 5 });
  });

  it('handles an empty list and a list shorter than the window', () => {
    expect(move(START, 'down', 0, 5)).toEqual(START);
    expect(moveTo(START, 2, 3, 10)).toEqual({ index: 2, offset: 0 });
  });

  it('renders only the visible window of 10,000 rows', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => i);
    const cursor = moveTo(START, 5_000, rows.length, 20);
    expect(visibleRows(rows, cursor, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 4_981 + i));
  });
});
