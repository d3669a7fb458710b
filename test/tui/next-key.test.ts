// How one read splits into keys: pure, no React.
import { describe, expect, it } from 'vitest';
import { nextKey, PASTE_END, PASTE_START } from '../../src/tui/input/next-key.js';

/** Every key in `buffer`, taking text runs whole when `textMode`. */
function keys(buffer: string, textMode = false): string[] {
  const out: string[] = [];
  for (let rest = buffer; ;) {
    const next = nextKey(rest, textMode);
    if (next === undefined) return out;
    if ('pending' in next) return [...out, `<pending ${JSON.stringify(rest)}>`];
    out.push(next.key);
    rest = rest.slice(next.length);
  }
}

describe('nextKey', () => {
  it('splits runs of printable and control characters into single keys', () => {
    expect(keys('jj')).toEqual(['j', 'j']);
    expect(keys('\r\r\r')).toEqual(['\r', '\r', '\r']);
    expect(keys('q?')).toEqual(['q', '?']);
    expect(keys('é😀')).toEqual(['é', '😀']);
  });

  it('keeps escape sequences whole, next to other keys', () => {
    expect(keys('\x1b[B\x1b[Bj\r')).toEqual(['\x1b[B', '\x1b[B', 'j', '\r']);
    expect(keys('\x1b[6~\x1b[5~')).toEqual(['\x1b[6~', '\x1b[5~']);
    expect(keys('\x1bOA')).toEqual(['\x1bOA']);
    expect(keys('\x1b\x1b[A')).toEqual(['\x1b\x1b[A']); // meta + up
    expect(keys('\x1bx')).toEqual(['\x1bx']); // alt-x
    expect(keys('\x1b[1;5C')).toEqual(['\x1b[1;5C']);
  });

  it('waits for the rest of a sequence cut off at the end of a read', () => {
    expect(keys('j\x1b')).toEqual(['j', '<pending "\\u001b">']);
    expect(keys('\x1b[1;')).toEqual(['<pending "\\u001b[1;">']);
  });

  it('gives a text field printable runs whole, up to the next control key', () => {
    expect(keys('ada@acme.test\r\r\r', true)).toEqual(['ada@acme.test', '\r', '\r', '\r']);
    // A line feed inside a paste is text (Enter sends a carriage return).
    expect(keys('a@x.test\nb@y.test\r', true)).toEqual(['a@x.test\nb@y.test', '\r']);
    expect(keys('ab\tc', true)).toEqual(['ab', '\t', 'c']);
  });

  it('keeps a bracketed paste whole, in any mode, and the Enter after it is Enter', () => {
    const paste = `${PASTE_START}jj, q@x.test\rk${PASTE_END}\r`;
    expect(keys(paste)).toEqual(['jj, q@x.test\rk', '\r']);
    expect(keys(`${PASTE_START}half`)).toEqual([`<pending "${PASTE_START.replace('\x1b', '\\u001b')}half">`]);
  });
});
