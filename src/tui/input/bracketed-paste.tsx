import { useLayoutEffect } from 'react';

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

/**
 * Asks the terminal to mark pasted text, so a paste is never taken for typed keys (see
 * next-key.ts), and turns that off again however the TUI ends: a layout effect's cleanup runs
 * when Ink unmounts, on `q`, Ctrl-C or a signal alike.
 */
export function BracketedPaste({ output }: { output: NodeJS.WriteStream }) {
  useLayoutEffect(() => {
    output.write(BRACKETED_PASTE_ON);
    return () => void output.write(BRACKETED_PASTE_OFF);
  }, [output]);
  return null;
}
