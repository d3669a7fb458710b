import type { Handlers } from '../keymap.js';
import type { CursorMove } from './list-cursor.js';

/** The key-scope handlers that move a list's cursor: ↑/↓ (and j/k), and PgUp/PgDn for long lists. */
export function listMoves(onMove: (how: CursorMove) => void, { paged = true } = {}): Handlers {
  return {
    up: () => onMove('up'),
    down: () => onMove('down'),
    pageUp: paged && (() => onMove('pageUp')),
    pageDown: paged && (() => onMove('pageDown')),
  };
}
