// What a terminal sends for each key, so tests read like someone typing.
export const ENTER = '\r';
export const ESC = '\x1b';
export const TAB = '\t';
export const UP = '\x1b[A';
export const DOWN = '\x1b[B';
export const PAGE_DOWN = '\x1b[6~';
export const BACKSPACE = '\x7f';
export const CTRL_C = '\x03';
