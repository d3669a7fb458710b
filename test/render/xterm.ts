// A headless xterm.js terminal that bytes are replayed into, and its screen as comparable text:
// every cell's character with its attributes, so two screens that differ in one style differ.
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export interface ScreenTerminal {
  write(bytes: string): Promise<void>;
  resize(columns: number, rows: number): void;
  /** Each row: its cells as `char` or `char{attributes}` where not default, trailing blanks dropped. */
  screen(): string[];
  /** The text only, for messages. */
  text(): string;
  cursor(): { x: number; y: number };
}

export function screenTerminal(columns: number, rows: number): ScreenTerminal {
  // convertEol: the pty's line discipline turns "\n" into "\r\n" on the way to a real terminal.
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true, scrollback: 100 });
  return {
    write: (bytes) => new Promise((resolve) => terminal.write(bytes, resolve)),
    resize: (newColumns, newRows) => terminal.resize(newColumns, newRows),
    screen() {
      const buffer = terminal.buffer.active;
      const cell = buffer.getNullCell();
      const lines: string[] = [];
      for (let y = 0; y < terminal.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        let text = '';
        for (let x = 0; x < terminal.cols; x++) {
          line?.getCell(x, cell);
          const char = cell.getChars() || (cell.getWidth() === 0 ? '' : ' ');
          // On a blank, a foreground colour, bold, dim and italic do not show: such a blank looks
          // like an erased cell (the frame writer leaves it alone), so it compares as one.
          const glyph = char !== ' ';
          const shown = glyph
            ? !cell.isAttributeDefault()
            : !cell.isBgDefault() || Boolean(cell.isUnderline() || cell.isInverse() || cell.isStrikethrough());
          const attributes = shown
            ? `{${glyph ? `${cell.getFgColorMode()}:${cell.getFgColor()}` : ''}/${cell.getBgColorMode()}:${cell.getBgColor()}/${[
                glyph && cell.isBold(),
                glyph && cell.isDim(),
                glyph && cell.isItalic(),
                cell.isUnderline(),
                cell.isInverse(),
                cell.isStrikethrough(),
              ].join('')}}`
            : '';
          text += char + attributes;
        }
        lines.push(text.trimEnd());
      }
      return lines;
    },
    text() {
      const buffer = terminal.buffer.active;
      return Array.from({ length: terminal.rows }, (_, y) =>
        (buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').trimEnd(),
      ).join('\n');
    },
    cursor: () => ({ x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY }),
  };
}
