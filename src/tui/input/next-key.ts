// How one read from the terminal splits into keys. A terminal hands over whatever arrived
// together: `jj` from key repeat, `\r\r\r` from a fast typist or a laggy ssh link, text and Enter
// from a paste. Ink 6 splits only escape sequences; this splits everything into what a person
// pressed, so each key can be handled on its own.

const ESC = '\x1b';
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

export type NextKey =
  /** A complete key (or a whole paste), and how many characters of the buffer it took. */
  | { key: string; length: number; paste?: true }
  /** The buffer ends inside an escape sequence or a paste: wait for more input. */
  | { pending: true }
  | undefined;

/**
 * The first key in `buffer`. A text field takes a run of printable characters whole (typing or
 * an unbracketed paste goes in at once); anywhere else each character is one key.
 */
export function nextKey(buffer: string, textMode: boolean): NextKey {
  if (buffer === '') return undefined;
  if (buffer.startsWith(ESC)) return escapeKey(buffer);
  if (textMode) {
    // Up to the next control character; a line feed is text (Enter sends a carriage return).
    // eslint-disable-next-line no-control-regex
    const run = /^[^\x00-\x09\x0b-\x1f\x7f]+/u.exec(buffer)?.[0];
    if (run) return { key: run, length: run.length };
  }
  const codePoint = String.fromCodePoint(buffer.codePointAt(0) ?? 0);
  return { key: codePoint, length: codePoint.length };
}

function escapeKey(buffer: string): NextKey {
  if (buffer.startsWith(PASTE_START) || PASTE_START.startsWith(buffer)) return pasted(buffer);
  // ESC ESC starts a meta chord (Alt+arrow in some terminals); the sequence after it is the key.
  const prefix = buffer.startsWith(ESC + ESC) ? 2 : 1;
  const kind = buffer[prefix];
  if (kind === undefined) return { pending: true };
  if (kind === '[') return sequence(buffer, prefix, /^\[\[?[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/);
  if (kind === 'O') return sequence(buffer, prefix, /^O[\x40-\x7e]/);
  // Alt+key: ESC and one code point.
  const codePoint = String.fromCodePoint(buffer.codePointAt(prefix) ?? 0);
  return { key: buffer.slice(0, prefix + codePoint.length), length: prefix + codePoint.length };
}

function sequence(buffer: string, prefix: number, shape: RegExp): NextKey {
  const body = buffer.slice(prefix);
  const match = shape.exec(body);
  if (match) return { key: buffer.slice(0, prefix + match[0].length), length: prefix + match[0].length };
  // Still inside the sequence (only parameter and intermediate bytes so far): more is coming.
  if (/^\[\[?[\x20-\x3f]*$|^O$/.test(body)) return { pending: true };
  // Not a sequence after all: ESC on its own is Escape.
  return { key: ESC, length: 1 };
}

/** A bracketed paste: everything between the markers, as one piece of text. */
function pasted(buffer: string): NextKey {
  const end = buffer.indexOf(PASTE_END);
  if (end < 0) return { pending: true };
  // Escapes inside a paste are not keys; dropping them keeps the text a text field can take.
  const text = buffer.slice(PASTE_START.length, end).replaceAll(ESC, '');
  return { key: text, length: end + PASTE_END.length, paste: true };
}

/** What is left of an incomplete sequence when no more input came: a lone ESC is Escape. */
export function flushPending(buffer: string): { key: string; length: number } {
  if (buffer.startsWith(PASTE_START)) {
    // A paste whose end marker never came: what arrived is still the text.
    const text = buffer.slice(PASTE_START.length).replaceAll(ESC, '');
    return { key: text, length: buffer.length };
  }
  return { key: buffer, length: buffer.length };
}
