/**
 * Characters string-width measures as exactly one column each (its slow path says so for every
 * one of them; test/text/narrow-symbols.test.ts checks), beyond printable ASCII: Latin-1
 * punctuation and letters, general punctuation (dashes, quotes, bullet, ellipsis), arrows, box
 * drawing, Braille (the spinner), ✓, ✗ and ❯. None combines with a neighbour, so a string of them
 * is as wide as it is long. patches/string-width+8.3.0.patch gives such strings string-width's
 * fast path (it spells the same ranges out), and the TUI's frame writer addresses them cell by cell.
 */
export const NARROW_SYMBOLS =
  '\\u00A1-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u259F\\u2713\\u2717\\u276F\\u2800-\\u28FF';
