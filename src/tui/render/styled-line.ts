// A line of an Ink frame as terminal cells: which character and which style each column holds,
// so that two frames can be compared cell by cell. Only lines the frame writer can address
// column by column are split (every character one column wide, only SGR escapes); any other
// line is rewritten whole.
import { NARROW_SYMBOLS } from '../../text/narrow-symbols.js';

/** One terminal column: its character and its style as SGR parameters ('' is the default). */
export interface Cell {
  char: string;
  style: string;
}

/** A frame line; `cells` is undefined when the line cannot be addressed column by column. */
export interface StyledLine {
  text: string;
  cells: Cell[] | undefined;
}

export const BLANK_LINE: StyledLine = { text: '', cells: [] };

const ONE_COLUMN = new RegExp(`^[\\u0020-\\u007E${NARROW_SYMBOLS}]$`);
// eslint-disable-next-line no-control-regex -- an escape sequence is what it matches
const SGR = /\x1b\[([0-9;]*)m/y;

/** A style's parts, by its canonical spelling (each style seen is remembered; there are few). */
export interface StyleParts {
  flags: string[];
  foreground: string;
  background: string;
}
const styleParts = new Map<string, StyleParts>([['', { flags: [], foreground: '', background: '' }]]);

/** The SGR attribute codes that switch each flag off. */
const FLAG_OFF: Record<string, string> = { 1: '22', 2: '22', 3: '23', 4: '24', 5: '25', 7: '27', 8: '28', 9: '29' };

/**
 * The SGR parameters that change the terminal's style from `from` to `to` (both known): either a
 * reset and `to` in full, or only what differs, whichever is shorter.
 */
export function styleChange(from: string, to: string): string {
  if (to === '' || from === '') return to;
  const before = styleParts.get(from)!;
  const after = styleParts.get(to)!;
  const codes: string[] = [];
  const removed = before.flags.filter((flag) => !after.flags.includes(flag));
  // 22 switches off both bold and dim; whichever of them stays is set again below.
  for (const code of new Set(removed.map((flag) => FLAG_OFF[flag]!))) codes.push(code);
  const again = removed.some((flag) => flag === '1' || flag === '2') ? ['1', '2'] : [];
  for (const flag of after.flags) if (!before.flags.includes(flag) || again.includes(flag)) codes.push(flag);
  if (after.foreground !== before.foreground) codes.push(after.foreground || '39');
  if (after.background !== before.background) codes.push(after.background || '49');
  const delta = codes.join(';');
  return delta.length < to.length + 2 ? delta : `0;${to}`;
}

/** The SGR attributes in force, with one canonical spelling for each combination. */
class Pen {
  private flags = new Set<string>();
  private foreground = '';
  private background = '';
  style = '';

  /** Applies one SGR sequence's parameters; false for any this writer does not model. */
  apply(parameters: string): boolean {
    const codes = parameters === '' ? [0] : parameters.split(';').map(Number);
    for (let index = 0; index < codes.length; index++) {
      const code = codes[index]!;
      if (code === 0) {
        this.flags.clear();
        this.foreground = this.background = '';
      } else if ([1, 2, 3, 4, 5, 7, 8, 9].includes(code)) this.flags.add(String(code));
      else if (code === 22) {
        this.flags.delete('1');
        this.flags.delete('2');
      } else if ([23, 24, 25, 27, 28, 29].includes(code)) this.flags.delete(String(code - 20));
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) this.foreground = String(code);
      else if (code === 39) this.foreground = '';
      else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) this.background = String(code);
      else if (code === 49) this.background = '';
      else if (code === 38 || code === 48) {
        const length = codes[index + 1] === 5 ? 2 : codes[index + 1] === 2 ? 4 : 0;
        if (length === 0 || index + length >= codes.length) return false;
        const color = codes.slice(index, index + length + 1).join(';');
        if (code === 38) this.foreground = color;
        else this.background = color;
        index += length;
      } else return false;
    }
    const flags = [...this.flags].sort();
    this.style = [...flags, this.foreground, this.background].filter(Boolean).join(';');
    if (!styleParts.has(this.style))
      styleParts.set(this.style, { flags, foreground: this.foreground, background: this.background });
    return true;
  }
}

/** Attributes that show on a blank cell: a background, underline, inverse, strikethrough. */
const SHOWN_ON_BLANK = ['4', '7', '9'];

/**
 * A space whose style does not show on it (a colour, bold, dim or italic only changes glyphs): it
 * looks the same as an erased cell, so the frame writer neither rewrites nor keeps it.
 */
export function looksBlank(cell: Cell): boolean {
  if (cell.char !== ' ') return false;
  if (cell.style === '') return true;
  const parts = styleParts.get(cell.style)!;
  return parts.background === '' && !parts.flags.some((flag) => SHOWN_ON_BLANK.includes(flag));
}

/** Splits an Ink frame line into cells; trailing blanks that look erased are the same as no cells. */
export function styledLine(text: string): StyledLine {
  const cells: Cell[] = [];
  const pen = new Pen();
  for (let index = 0; index < text.length;) {
    const char = text[index]!;
    if (char === '\x1b') {
      SGR.lastIndex = index;
      const match = SGR.exec(text);
      if (!match || !pen.apply(match[1]!)) return { text, cells: undefined };
      index = SGR.lastIndex;
      continue;
    }
    if (!ONE_COLUMN.test(char)) return { text, cells: undefined };
    cells.push({ char, style: pen.style });
    index++;
  }
  while (cells.length > 0 && looksBlank(cells.at(-1)!)) cells.pop();
  return { text, cells };
}
