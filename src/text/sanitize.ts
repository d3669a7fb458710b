// Server text is untrusted: it must never be able to move the cursor, clear the screen, set the
// window title, write the clipboard (OSC 52), plant links (OSC 8) or reorder text (bidi overrides).
// Ink's own output filter lets all of these through <Text>, so every human-facing output calls this.

// Escape sequences introduced by ESC (7-bit) or their 8-bit C1 equivalents. String-type
// sequences (OSC, DCS, SOS, PM, APC) run to BEL or ST, or to the end of an unterminated string.
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\x1b\\[|\\x9b)[0-?]*[ -/]*[@-~]?', // CSI
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?', // OSC, DCS, SOS, PM, APC
    '\\x1b[ -/]*[0-~]?', // other ESC sequences, or a lone ESC
  ].join('|'),
  'g',
);
// C0 controls but tab and newline, DEL, C1 controls: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069), and the bidi marks.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LINE_BREAKS = /[\n\t]+/g;

const DEFAULT_MAX_LENGTH = 2000;

export interface SanitizeOptions {
  /** Longest result, in code points; longer text is cut and ends with an ellipsis. */
  maxLength?: number;
  /** Fold newlines and tabs into single spaces, for table cells and one-line messages. */
  singleLine?: boolean;
}

export function sanitizeServerText(value: unknown, options: SanitizeOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (value === undefined || value === null) return '';
  let text = String(value);
  // Cap early so a multi-megabyte answer costs little; the escape pass can only shorten it.
  if (text.length > maxLength * 4 + 64) text = text.slice(0, maxLength * 4 + 64);
  text = text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARACTERS, '').replace(BIDI_CONTROLS, '');
  if (options.singleLine) text = text.replace(LINE_BREAKS, ' ');
  return truncate(text, maxLength);
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= maxLength) return text;
  return codePoints.slice(0, Math.max(0, maxLength - 1)).join('') + '…';
}
