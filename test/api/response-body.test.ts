import { describe, expect, it } from 'vitest';
import {
  describeUnexpectedBody,
  parseBody,
  readBodyCapped,
  type BodyText,
  type ParsedBody,
} from '../../src/api/response-body.js';

/** A body delivered in the given chunks, recording how many were pulled and whether it was closed. */
function chunkedBody(chunks: readonly string[]) {
  const state = { pulled: 0, closed: false };
  async function* iterate() {
    try {
      for (const chunk of chunks) {
        state.pulled += 1;
        yield new TextEncoder().encode(chunk);
      }
    } finally {
      state.closed = true;
    }
  }
  const body = Object.assign(iterate(), { destroy: () => undefined });
  return { body, state };
}

const text = (value: string, extra: Partial<BodyText> = {}): BodyText => ({ text: value, truncated: false, ...extra });

describe('readBodyCapped', () => {
  it('reads no body as empty text', async () => {
    expect(await readBodyCapped(null, 10)).toEqual({ text: '', truncated: false });
  });

  it('reads a body under the cap whole, across chunks', async () => {
    const { body } = chunkedBody(['ab', 'cd', 'e']);
    expect(await readBodyCapped(body, 10)).toEqual({ text: 'abcde', truncated: false, limit: 10 });
  });

  it('does not call a body of exactly the cap truncated, in one chunk or several', async () => {
    expect(await readBodyCapped(chunkedBody(['abcdef']).body, 6)).toEqual({
      text: 'abcdef',
      truncated: false,
      limit: 6,
    });
    expect(await readBodyCapped(chunkedBody(['abc', 'def']).body, 6)).toEqual({
      text: 'abcdef',
      truncated: false,
      limit: 6,
    });
  });

  it('keeps exactly the first `limit` bytes of a longer body and marks it truncated', async () => {
    expect(await readBodyCapped(chunkedBody(['abcd', 'efgh', 'ijkl']).body, 6)).toEqual({
      text: 'abcdef',
      truncated: true,
      limit: 6,
    });
    expect(await readBodyCapped(chunkedBody(['abcdefgh']).body, 6)).toMatchObject({ text: 'abcdef', truncated: true });
  });

  it('marks a body one byte over the cap, arriving after the cap was filled, as truncated', async () => {
    expect(await readBodyCapped(chunkedBody(['abc', 'def', 'g']).body, 6)).toEqual({
      text: 'abcdef',
      truncated: true,
      limit: 6,
    });
  });

  it('stops reading an oversized body at the first chunk past the cap, and closes it', async () => {
    const { body, state } = chunkedBody(['abcdef', 'ghi', 'jkl', 'mno']);
    await readBodyCapped(body, 6);
    expect(state.pulled).toBe(2);
    expect(state.closed).toBe(true);
  });
});

describe('parseBody', () => {
  it.each([
    ['nothing', ''],
    ['only whitespace', ' \n\t '],
  ])('calls a body of %s empty', (_name, value) => {
    expect(parseBody(text(value))).toEqual({ kind: 'empty' });
  });

  it('parses JSON whatever whitespace surrounds it, including a BOM or non-breaking space', () => {
    expect(parseBody(text('\n {"a":1} \n'))).toEqual({ kind: 'json', value: { a: 1 } });
    expect(parseBody(text('\ufeff{"a":1}\u00a0'))).toEqual({ kind: 'json', value: { a: 1 } });
  });

  it('says a truncated body is too large, naming the cap in MiB, even if its start parses', () => {
    expect(parseBody(text('[1]', { truncated: true, limit: 2 * 1024 * 1024 }))).toEqual({
      kind: 'unreadable',
      reason: 'the body is larger than 2 MiB',
    });
  });

  it('reports an empty truncated body as empty, not as too large', () => {
    expect(parseBody(text('', { truncated: true, limit: 1024 }))).toEqual({ kind: 'empty' });
  });

  it.each([
    ['<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', '502 Bad Gateway'],
    ['  \n<html><title lang="en"> Service Unavailable </title></html>', 'Service Unavailable'],
    ['<HEAD><TITLE>Moved</TITLE></HEAD>', 'Moved'],
    ['<body><h1>Forbidden</h1></body>', undefined],
    ['<title></title>', undefined],
    ['<title>   </title>', undefined],
    ['<h1>Oops</h1>', undefined],
    ['<center>nginx</center>', undefined],
  ])('recognises an HTML page %j, with its title', (value, title) => {
    expect(parseBody(text(value))).toEqual({ kind: 'html', title });
  });

  it('recognises HTML only at the start of the body, and only whole tag names', () => {
    expect(parseBody(text('{"detail":"<html><title>x</title></html>"}'))).toEqual({
      kind: 'json',
      value: { detail: '<html><title>x</title></html>' },
    });
    expect(parseBody(text('"<html>"'))).toEqual({ kind: 'json', value: '<html>' });
    expect(parseBody(text('<bodyguard>'))).toEqual({
      kind: 'unreadable',
      reason: 'the body is not valid JSON (truncated or garbled)',
    });
    expect(parseBody(text('x <html>'))).toMatchObject({ kind: 'unreadable' });
  });

  it('says garbled JSON is not valid JSON', () => {
    expect(parseBody(text('{"a":'))).toEqual({
      kind: 'unreadable',
      reason: 'the body is not valid JSON (truncated or garbled)',
    });
  });

  it('parses JSON scalars, including falsy ones', () => {
    expect(parseBody(text('0'))).toEqual({ kind: 'json', value: 0 });
    expect(parseBody(text('null'))).toEqual({ kind: 'json', value: null });
  });
});

describe('describeUnexpectedBody', () => {
  it.each<[ParsedBody, string]>([
    [{ kind: 'empty' }, 'the response body is empty'],
    [{ kind: 'json', value: {} }, 'the response does not match the API contract'],
    [{ kind: 'unreadable', reason: 'some reason' }, 'some reason'],
    [
      { kind: 'html', title: undefined },
      'the server sent an HTML page, not JSON; a proxy or gateway may be in the way',
    ],
    [
      { kind: 'html', title: '502 Bad Gateway' },
      'the server sent an HTML page ("502 Bad Gateway"), not JSON; a proxy or gateway may be in the way',
    ],
  ])('describes %j', (parsed, expected) => {
    expect(describeUnexpectedBody(parsed)).toBe(expected);
  });

  it('quotes at most 120 characters of a page title', () => {
    const described = describeUnexpectedBody({ kind: 'html', title: 'x'.repeat(500) });
    expect(described).toContain(`("${'x'.repeat(120)}")`);
  });
});
