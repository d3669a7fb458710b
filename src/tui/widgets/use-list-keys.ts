import { useInput } from 'ink';
import { commandFor } from '../keys.js';
import type { CursorMove } from './list-cursor.js';

const MOVES = { up: 'up', down: 'down', pageUp: 'pageUp', pageDown: 'pageDown' } as const satisfies Record<
  string,
  CursorMove
>;

/** Maps ↑/↓/j/k/PgUp/PgDn to cursor moves; only while the list is the active one. */
export function useListKeys(onMove: (move: CursorMove) => void, isActive: boolean, letters = true): void {
  useInput(
    (input, key) => {
      const command = commandFor(['up', 'down', 'pageUp', 'pageDown'], letters ? input : '', key);
      if (command) onMove(MOVES[command]);
    },
    { isActive },
  );
}
