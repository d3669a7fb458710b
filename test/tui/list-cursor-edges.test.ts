import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { move, moveTo, START, visibleRows, type CursorMove } from '../../src/tui/widgets/list-cursor.js';

const MOVES: CursorMove[] = ['up', 'down', 'pageUp', 'pageDown', 'home', 'end'];

describe('list cursor edges', () => {
  it('pages up and down by a window less one row, clamped to the list', () => {
    expect(move({ index: 10, offset: 8 }, 'pageUp', 20, 5)).toEqual({ index: 6, offset: 6 });
    expect(move({ index: 10, offset: 8 }, 'pageDown', 20, 5)).toEqual({ index: 14, offset: 10 });
    expect(move({ index: 2, offset: 0 }, 'pageUp', 20, 5)).toEqual(START);
    expect(move({ index: 18, offset: 15 }, 'pageDown', 20, 5)).toEqual({ index: 19, offset: 15 });
  });

  it('goes home and to the end', () => {
    expect(move({ index: 10, offset: 8 }, 'home', 20, 5)).toEqual(START);
    expect(move({ index: 10, offset: 8 }, 'end', 20, 5)).toEqual({ index: 19, offset: 15 });
  });

  it('still moves one row at a time in a window one row (or no rows) high', () => {
    expect(move(START, 'pageDown', 10, 1)).toEqual({ index: 1, offset: 1 });
    expect(move({ index: 5, offset: 5 }, 'pageUp', 10, 1)).toEqual({ index: 4, offset: 4 });
    expect(move(START, 'down', 10, 0)).toEqual({ index: 1, offset: 1 });
    expect(visibleRows([1, 2, 3], { index: 1, offset: 1 }, 0)).toEqual([2]);
  });

  it('pulls the window back when the list shrinks under it', () => {
    // A filter left 10 of 100 rows while the cursor was far down.
    expect(moveTo({ index: 50, offset: 45 }, 50, 10, 5)).toEqual({ index: 9, offset: 5 });
    expect(moveTo({ index: 50, offset: 45 }, 3, 10, 5)).toEqual({ index: 3, offset: 3 });
    // Now shorter than the window: everything is visible from the top.
    expect(moveTo({ index: 50, offset: 45 }, 1, 2, 5)).toEqual({ index: 1, offset: 0 });
  });

  it('keeps the window still while the cursor moves inside it', () => {
    expect(moveTo({ index: 7, offset: 5 }, 5, 20, 5)).toEqual({ index: 5, offset: 5 });
    expect(moveTo({ index: 5, offset: 5 }, 9, 20, 5)).toEqual({ index: 9, offset: 5 });
    expect(moveTo({ index: 5, offset: 5 }, 10, 20, 5)).toEqual({ index: 10, offset: 6 });
  });

  it('clamps a target below zero or past the end', () => {
    expect(moveTo(START, -3, 10, 5)).toEqual(START);
    expect(moveTo(START, 99, 10, 5)).toEqual({ index: 9, offset: 5 });
  });

  it('shows the rows from the offset, one window high', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(visibleRows(rows, { index: 3, offset: 2 }, 3)).toEqual(['c', 'd', 'e']);
    expect(visibleRows(rows, { index: 5, offset: 4 }, 3)).toEqual(['e', 'f']);
  });

  it('whatever the moves, the cursor stays on the list and on screen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.constantFrom(...MOVES), { maxLength: 40 }),
        (count, height, moves) => {
          let cursor = START;
          for (const how of moves) {
            const before = cursor;
            cursor = move(cursor, how, count, height);
            const rows = Math.max(1, height);
            if (count === 0) {
              expect(cursor).toEqual(START);
              continue;
            }
            expect(cursor.index).toBeGreaterThanOrEqual(0);
            expect(cursor.index).toBeLessThan(count);
            expect(cursor.offset).toBeGreaterThanOrEqual(0);
            expect(cursor.offset).toBeLessThanOrEqual(cursor.index);
            expect(cursor.index).toBeLessThan(cursor.offset + rows);
            // The window scrolls no further than needed to keep the cursor visible.
            if (
              before.index >= before.offset &&
              before.index < before.offset + rows &&
              cursor.index >= before.offset &&
              cursor.index < before.offset + rows
            )
              expect(cursor.offset).toBe(before.offset);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
