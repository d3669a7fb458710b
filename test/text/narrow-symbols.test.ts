// patches/string-width+8.3.0.patch lets string-width answer strings of NARROW_SYMBOLS by their
// length. That is only right if string-width's own slow path agrees, for every one of those
// characters and for any string made of them. A zero-width space (not in the fast path's class)
// sends a string down the slow path; the plain call takes the patched fast path.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { NARROW_SYMBOLS } from '../../src/text/narrow-symbols.js';

const symbolClass = new RegExp(`^[${NARROW_SYMBOLS}]$`);
const slowPathWidth = (text: string) => stringWidth(`${text}\u200B`);
const symbols: string[] = [];
for (let code = 0x80; code <= 0xffff; code++) {
  const character = String.fromCharCode(code);
  if (symbolClass.test(character)) symbols.push(character);
}

describe('the narrow symbols of the string-width fast path', () => {
  it('are each one column wide by string-width itself', () => {
    expect(symbols.length).toBeGreaterThan(500);
    const wrong = symbols
      .filter((character) => slowPathWidth(character) !== 1 || stringWidth(character) !== 1)
      .map((character) => `U+${character.charCodeAt(0).toString(16).toUpperCase()}`);
    expect(wrong).toEqual([]);
  });

  it('make strings exactly as wide as they are long, mixed with ASCII', () => {
    const character = fc.oneof(
      fc.constantFrom(...symbols),
      fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.array(character, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(slowPathWidth(text)).toBe(text.length);
        expect(stringWidth(text)).toBe(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('include what the TUI draws on its first screens', () => {
    for (const character of ['·', '›', '…', '↑', '↓', '⠋', '⠙', '✓', '✗', '❯', '—', '•'])
      expect(symbolClass.test(character), character).toBe(true);
  });
});
