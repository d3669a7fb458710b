// The sanitizer's exact contract, code point by code point, and where its length caps fall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeServerText } from '../../src/text/sanitize.js';

/** The code points a terminal could act on, written out independently of the sanitizer's regexes. */
function mustBeRemoved(codePoint: number): boolean {
  const c0 = codePoint <= 0x1f && codePoint !== 0x09 && codePoint !== 0x0a;
  const delAndC1 = codePoint >= 0x7f && codePoint <= 0x9f;
  const bidi =
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    [0x200e, 0x200f, 0x061c].includes(codePoint);
  return c0 || delAndC1 || bidi;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
// Every code point near the edges of what is removed: Latin-1, Arabic, general punctuation.
const NEIGHBOURHOODS = [...range(0x00, 0x2ff), ...range(0x0600, 0x06ff), ...range(0x2000, 0x206f)];

describe('sanitizeServerText, code point by code point', () => {
  it('removes exactly the control, DEL, C1 and bidi code points, and keeps every other', () => {
    const wrong = NEIGHBOURHOODS.filter((codePoint) => {
      const char = String.fromCodePoint(codePoint);
      return sanitizeServerText(char) !== (mustBeRemoved(codePoint) ? '' : char);
    }).map((codePoint) => `U+${codePoint.toString(16).padStart(4, '0')}`);
    expect(wrong).toEqual([]);
  });

  it('keeps the joiners and narrow spaces that real text needs', () => {
    // ZWJ builds emoji sequences; U+202F is what Intl puts before "AM".
    for (const text of ['👩\u200d💻', 'a\u200cb', '10:00\u202fAM', 'x\u00a0y', 'العربية']) {
      expect(sanitizeServerText(text)).toBe(text);
    }
  });

  it('whatever the text, nothing it keeps is a removable code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const kept = Array.from(sanitizeServerText(text, { maxLength: 10_000 }));
        expect(kept.filter((char) => mustBeRemoved(char.codePointAt(0)!))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitizeServerText, escape sequences', () => {
  it.each([
    ['two sequences, both removed', '\x1b[1mA\x1b[0mB', 'AB'],
    ['CSI with intermediate bytes', 'a\x1b[1 qb', 'ab'],
    ['CSI cut off before its final byte', 'a\x1b[12', 'a'],
    ['8-bit OSC to ST', 'a\x9d0;title\x9cb', 'ab'],
    ['8-bit OSC to BEL', 'a\x9d0;title\x07b', 'ab'],
    ['APC', 'a\x1b_payload\x1b\\b', 'ab'],
    ['PM', 'a\x1b^payload\x1b\\b', 'ab'],
    ['SOS', 'a\x1bXpayload\x1b\\b', 'ab'],
    ['an ESC inside OSC ends it', 'a\x1b]0;t\x1b[31mb', 'ab'],
    ['ESC with intermediate bytes (charset designation)', 'a\x1b(0b', 'ab'],
    ['ESC 7 (save cursor)', 'a\x1b7b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeServerText(input)).toBe(expected);
  });
});

describe('sanitizeServerText, lengths', () => {
  it('keeps text of exactly the cap, in code units or in code points', () => {
    expect(sanitizeServerText('abcde', { maxLength: 5 })).toBe('abcde');
    // Ten emoji are twenty UTF-16 units but ten code points: not cut.
    expect(sanitizeServerText('🎉'.repeat(10), { maxLength: 10 })).toBe('🎉'.repeat(10));
  });

  it('cuts text one code point over the cap to the cap, ending in an ellipsis', () => {
    expect(sanitizeServerText('abcdef', { maxLength: 5 })).toBe('abcd…');
    expect(sanitizeServerText('🎉'.repeat(11), { maxLength: 10 })).toBe('🎉'.repeat(9) + '…');
  });

  it('measures the cap after removing escapes, not before', () => {
    expect(sanitizeServerText('\x1b[31mabcde\x1b[0m', { maxLength: 5 })).toBe('abcde');
  });

  it('uses 2000 code points by default', () => {
    expect(sanitizeServerText('x'.repeat(2000))).toBe('x'.repeat(2000));
    expect(sanitizeServerText('x'.repeat(2001))).toBe('x'.repeat(1999) + '…');
  });

  it('with a cap of zero, leaves only the ellipsis', () => {
    expect(sanitizeServerText('abc', { maxLength: 0 })).toBe('…');
  });

  it('looks at no more than 4 × cap + 64 code units of raw text', () => {
    // With a cap of 10 the sanitizer reads 104 units: what follows a wall of controls that long is dropped.
    expect(sanitizeServerText('\x07'.repeat(103) + 'late', { maxLength: 10 })).toBe('l');
    expect(sanitizeServerText('\x07'.repeat(104) + 'late', { maxLength: 10 })).toBe('');
  });

  it('turns non-strings into text', () => {
    expect(sanitizeServerText(42)).toBe('42');
    expect(sanitizeServerText(false)).toBe('false');
  });

  it('keeps line breaks unless asked for a single line, then folds each run into one space', () => {
    expect(sanitizeServerText('a\n\tb', { singleLine: false })).toBe('a\n\tb');
    expect(sanitizeServerText('a\n\tb\n\nc\td', { singleLine: true })).toBe('a b c d');
  });
});
