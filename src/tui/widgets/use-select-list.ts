// A list's state and keys composed once (as @inkjs/ui composes Select): the cursor, clamped to
// the items whatever happens to them, and the key-scope handlers that move it and pick a row.
// The view is SelectList; the component declares the handlers in its key scope.
import { useState } from 'react';
import type { Handlers } from '../keymap.js';
import { move, moveTo, START } from './list-cursor.js';
import { listMoves } from './list-moves.js';

interface SelectListOptions<T> {
  items: readonly T[];
  /** Rows on screen. */
  height: number;
  /** The row highlighted at first. */
  initialIndex?: number;
  /** Enter on a row; without it the list only moves. */
  onSelect?: (item: T) => void;
}

export function useSelectList<T>({ items, height, initialIndex = 0, onSelect }: SelectListOptions<T>) {
  const [stored, setCursor] = useState(() => moveTo(START, initialIndex, items.length, height));
  // The items may shrink under the cursor (a filter, a resize): it stays on the list.
  const cursor = moveTo(stored, stored.index, items.length, height);
  const highlighted = items[cursor.index];
  const handlers: Handlers = {
    ...listMoves((how) => setCursor(move(cursor, how, items.length, height)), { paged: items.length > height }),
    select: onSelect && highlighted !== undefined && (() => onSelect(highlighted)),
  };
  return { cursor, highlighted, handlers, reset: () => setCursor(START) };
}
