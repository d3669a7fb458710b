import { describe, expect, it } from 'vitest';
import { sanitizeServerText } from '../../src/text/sanitize.js';

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeServerText', () => {
  it.each([
    ['OSC 52 clipboard write (BEL)', 'a\x1b]52;c;ZXZpbA==\x07b', 'ab'],
    ['OSC 52 clipboard write (ST)', 'a\x1b]52;c;ZXZpbA==\x1b\\b', 'ab'],
    ['OSC 8 link keeps its text', '\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07', 'click'],
    ['OSC 0 window title', '\x1b]0;pwned\x07Acme', 'Acme'],
    ['unterminated OSC swallows the rest', 'ok\x1b]0;never ends', 'ok'],
    ['CSI 2J clear screen', 'x\x1b[2Jy', 'xy'],
    ['SGR colour', '\x1b[31;1mred\x1b[0m', 'red'],
    ['cursor movement', 'a\x1b[10;20Hb', 'ab'],
    ['DCS string', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['carriage return', 'safe\rEVIL', 'safeEVIL'],
    ['backspace', 'ab\b\bcd', 'abcd'],
    ['BEL', 'ding\x07', 'ding'],
    ['8-bit CSI 0x9b', 'a\x9b31mb', 'ab'],
    ['other C1 controls', 'a\x85\x8db', 'ab'],
    ['DEL', 'a\x7fb', 'ab'],
    ['bidi override U+202E', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['bidi isolates U+2066-2069', '\u2066a\u2069\u2067b\u2068', 'ab'],
    ['keeps newline and tab', 'line 1\n\tline 2', 'line 1\n\tline 2'],
    ['keeps ordinary unicode', 'Zoë — 東京 🎉', 'Zoë — 東京 🎉'],
    ['ESC + final byte (ESC c resets the terminal)', 'a\x1bcb', 'ab'],
    ['lone ESC at the end', 'a\x1b', 'a'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeServerText(input)).toBe(expected);
  });

  it('caps 100 KB of text and marks the cut', () => {
    const result = sanitizeServerText('x'.repeat(100_000));
    expect(result).toHaveLength(2000);
    expect(result.endsWith('…')).toBe(true);
  });

  it('caps by code points, never splitting a surrogate pair', () => {
    const result = sanitizeServerText('🎉'.repeat(50), { maxLength: 10 });
    expect(Array.from(result)).toHaveLength(10);
    expect(result).toBe('🎉'.repeat(9) + '…');
  });

  it('strips escapes from 100 KB laced with them', () => {
    const laced = ('\x1b]52;c;AAAA\x07\x1b[2J\u202e\x9b'.repeat(2000) + 'tail').slice(0, 100_000);
    const result = sanitizeServerText(laced, { maxLength: 200_000 });
    expect(result).not.toMatch(UNSAFE);
    expect(result).not.toContain('\x1b');
  });

  it('folds line breaks in single-line mode', () => {
    expect(sanitizeServerText('a\n\nb\tc', { singleLine: true })).toBe('a b c');
  });

  it('turns null and undefined into empty text', () => {
    expect(sanitizeServerText(undefined)).toBe('');
    expect(sanitizeServerText(null)).toBe('');
  });
});
