// frameDiff must leave the screen exactly as writing the next frame whole would: replayed into a
// headless xterm, the screen after the diff equals a fresh screen with the frame written on it,
// for random frames (styles, wide characters, lines that move up or down, frames that grow and
// shrink) and for the sequences of a list that scrolls.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { frameDiff, type CursorAt } from '../../src/tui/render/frame-diff.js';
import { styledLine } from '../../src/tui/render/styled-line.js';
import { screenTerminal } from './xterm.js';

const COLUMNS = 40;
const ROWS = 12;

const full = (lines: string[]) => `${lines.join('\n')}\n`;

/**
 * The screen after writing `frames[0]` whole and then each next frame as a diff from where the
 * previous one left the cursor; and the screen after writing each frame whole over the previous
 * one (erase and rewrite, as Ink's own log-update does).
 */
async function afterDiffs(frames: string[][], top = 0) {
  const diffed = screenTerminal(COLUMNS, ROWS);
  const fresh = screenTerminal(COLUMNS, ROWS);
  // Something above the frame (a shell prompt) that the frame must leave alone.
  const above = 'prompt$ invite-tui\n'.repeat(top);
  await diffed.write(above + full(frames[0]!));
  await fresh.write(above + full(frames[0]!));
  let at: CursorAt = { row: frames[0]!.length, column: 0, pen: undefined };
  let bytes = '';
  for (let index = 1; index < frames.length; index++) {
    const [before, next] = [frames[index - 1]!, frames[index]!];
    // The frame's top line on screen (the prompt lines may have scrolled it up).
    const frameTop = diffed.cursor().y - at.row;
    const diff = frameDiff(before.map(styledLine), next.map(styledLine), at, COLUMNS);
    await diffed.write(diff.bytes);
    // Where the diff says it left the cursor is where it is (new lines at the bottom may scroll).
    if (next.length <= before.length) expect(diffed.cursor().y).toBe(frameTop + diff.to.row);
    if (diff.to.column !== undefined) expect(diffed.cursor().x).toBe(diff.to.column);
    at = diff.to;
    bytes = diff.bytes;
    await fresh.write(`\x1b[${before.length}A\x1b[J${full(next)}`);
  }
  return { diffed: diffed.screen(), fresh: fresh.screen(), bytes };
}

const afterDiff = (first: string[], second: string[], top = 0) => afterDiffs([first, second], top);

// Opening and closing codes as chalk writes them; nested, so closing one keeps the others.
const styles: [string, string][] = [
  ['\x1b[1m', '\x1b[22m'],
  ['\x1b[2m', '\x1b[22m'],
  ['\x1b[3m', '\x1b[23m'],
  ['\x1b[4m', '\x1b[24m'],
  ['\x1b[7m', '\x1b[27m'],
  ['\x1b[36m', '\x1b[39m'],
  ['\x1b[90m', '\x1b[39m'],
  ['\x1b[38;5;208m', '\x1b[39m'],
  ['\x1b[44m', '\x1b[49m'],
  ['\x1b[48;2;10;20;30m', '\x1b[49m'],
  ['\x1b[1m\x1b[33m', '\x1b[0m'],
];
const word = fc.constantFrom(
  'alice@acme.test',
  'pending',
  '·',
  '›',
  '❯ ',
  '  ',
  'reader',
  '…',
  '漢字',
  'é',
  '✓',
  'x',
  '—',
);
const segment = fc
  .tuple(fc.array(fc.constantFrom(...styles), { maxLength: 3 }), fc.array(word, { minLength: 1, maxLength: 4 }))
  .map(([wrappers, words]) => wrappers.reduce((text, [open, close]) => `${open}${text}${close}`, words.join(' ')));
const line = fc
  .array(segment, { maxLength: 4 })
  .map((segments) => segments.join(' '))
  .filter((text) => stringWidth(text) <= COLUMNS);
const frame = fc.array(line, { minLength: 1, maxLength: ROWS - 1 });

/** A frame and the next one: random, or the same lines moved by a few rows, with a few edits. */
const framePair = fc.oneof(
  fc.tuple(frame, frame),
  fc
    .tuple(frame, fc.integer({ min: -3, max: 3 }), fc.array(fc.tuple(fc.nat(), line), { maxLength: 3 }), line)
    .map(([first, shift, edits, filler]) => {
      const moved = first.map((_, row) => first[row + shift] ?? filler);
      for (const [row, text] of edits) moved[row % moved.length] = text;
      return [first, moved] as [string[], string[]];
    }),
);

describe('frameDiff', () => {
  it('leaves the screen as a full redraw would, for random sequences of frames', async () => {
    await fc.assert(
      fc.asyncProperty(
        framePair,
        framePair,
        fc.integer({ min: 0, max: 3 }),
        async ([first, second], [, third], top) => {
          // Three frames: the second diff starts where the first left the cursor and the style.
          const { diffed, fresh } = await afterDiffs([first, second, third], top);
          expect(diffed).toEqual(fresh);
        },
      ),
      { numRuns: 300 },
    );
  });

  const NAMES = ['alice', 'bob', 'carol.long-name', 'dan', 'eve.x', 'frank', 'grace.hopper', 'heidi', 'ivan'];
  const list = (top: number, selected: number) => [
    'invite-tui · acme',
    '',
    ...Array.from({ length: 8 }, (_, slot) => {
      const index = top + slot;
      const text = `${NAMES[index % NAMES.length]}.${index}@acme.test  pending`;
      return index === selected ? `\x1b[36m❯ ${text}\x1b[39m` : `  ${text}`;
    }),
    `\x1b[90m${selected + 1} of 1000\x1b[39m`,
  ];

  it('moves a marker inside the window by rewriting two lines and a counter, in few bytes', async () => {
    const { diffed, fresh, bytes } = await afterDiff(list(0, 3), list(0, 4));
    expect(diffed).toEqual(fresh);
    expect(Buffer.byteLength(bytes)).toBeLessThan(120);
  });

  it('scrolls a list by one line with the terminal deleting and inserting a line', async () => {
    const { diffed, fresh, bytes } = await afterDiff(list(0, 7), list(1, 8), 2);
    expect(diffed).toEqual(fresh);
    expect(bytes).toMatch(/\x1b\[M/);
    expect(bytes).toMatch(/\x1b\[L/);
    expect(Buffer.byteLength(bytes)).toBeLessThan(200);
  });

  it('scrolls back up the same way', async () => {
    const { diffed, fresh } = await afterDiff(list(5, 5), list(4, 4), 1);
    expect(diffed).toEqual(fresh);
  });

  // Browse's table: the highlighted row is bold, so a move turns one row plain and the next bold.
  const table = (selected: number) =>
    Array.from({ length: 6 }, (_, row) => {
      const text = `${NAMES[row]}`.padEnd(16) + `\x1b[33mpending   \x1b[39m${row}h ago`;
      return row === selected ? `\x1b[1m\x1b[36m❯ \x1b[39m${text}  \x1b[22m` : `  ${text}`;
    });

  it('skips the blanks of a row that turns bold or plain: they look the same either way', async () => {
    const { diffed, fresh, bytes } = await afterDiffs([table(1), table(2), table(3), table(2)], 1);
    expect(diffed).toEqual(fresh);
    // Only the marker and the row's text are rewritten; its padding is moved over.
    expect(bytes).not.toMatch(/ {6}/);
    expect(bytes).toMatch(/\x1b\[\d*[CG]/);
  });

  it('writes nothing when nothing changed', async () => {
    const frame = list(0, 0).map(styledLine);
    expect(frameDiff(frame, frame, { row: 11, column: 0, pen: '' }, COLUMNS).bytes).toBe('');
  });
});
