// frameDiff must leave the screen exactly as writing the next frame whole would: replayed into a
// headless xterm, the screen after the diff equals a fresh screen with the frame written on it,
// for random frames (styles, wide characters, lines that move up or down, frames that grow and
// shrink) and for the sequences of a list that scrolls.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { frameDiff } from '../../src/tui/render/frame-diff.js';
import { styledLine } from '../../src/tui/render/styled-line.js';
import { screenTerminal } from './xterm.js';

const COLUMNS = 40;
const ROWS = 12;

const full = (lines: string[]) => `${lines.join('\n')}\n`;

/** The screen after writing `first` whole, then the diff to `second`; and `second` written whole. */
async function afterDiff(first: string[], second: string[], top = 0) {
  const diffed = screenTerminal(COLUMNS, ROWS);
  const fresh = screenTerminal(COLUMNS, ROWS);
  // Something above the frame (a shell prompt) that the frame must leave alone.
  const above = 'prompt$ invite-tui\n'.repeat(top);
  await diffed.write(above + full(first));
  const bytes = frameDiff(first.map(styledLine), second.map(styledLine), { row: first.length, column: 0 }, COLUMNS);
  await diffed.write(bytes);
  await fresh.write(above + full(first));
  await fresh.write(`\x1b[${first.length}A\x1b[J${full(second)}`);
  return {
    diffed: diffed.screen(),
    fresh: fresh.screen(),
    diffedCursor: diffed.cursor(),
    freshCursor: fresh.cursor(),
    bytes,
  };
}

const styles = ['', '\x1b[1m', '\x1b[36m', '\x1b[7m', '\x1b[90m', '\x1b[1m\x1b[33m', '\x1b[38;5;208m', '\x1b[44m'];
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
  .tuple(fc.constantFrom(...styles), fc.array(word, { minLength: 1, maxLength: 4 }))
  .map(([style, words]) => (style ? `${style}${words.join(' ')}\x1b[0m` : words.join(' ')));
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
  it('leaves the screen as a full redraw would, for random pairs of frames', async () => {
    await fc.assert(
      fc.asyncProperty(framePair, fc.integer({ min: 0, max: 3 }), async ([first, second], top) => {
        const { diffed, fresh, diffedCursor, freshCursor } = await afterDiff(first, second, top);
        expect(diffed).toEqual(fresh);
        expect(diffedCursor).toEqual(freshCursor);
      }),
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

  it('writes nothing but the cursor rest when nothing changed', async () => {
    expect(frameDiff(list(0, 0).map(styledLine), list(0, 0).map(styledLine), { row: 11, column: 0 }, COLUMNS)).toBe('');
  });
});
