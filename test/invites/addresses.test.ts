import { describe, expect, it } from 'vitest';
import { parseAddress, parseAddressList } from '../../src/invites/addresses.js';

describe('parseAddressList', () => {
  it('splits on commas, semicolons, spaces and newlines', () => {
    const list = parseAddressList('a@acme.test, b@acme.test;c@acme.test d@acme.test\ne@acme.test\r\n\tf@acme.test');
    expect(list.valid.map((address) => address.email)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${name}@acme.test`),
    );
    expect(list.invalid).toEqual([]);
  });

  it('accepts Name <addr>, dropping the name', () => {
    const list = parseAddressList('Ada Lovelace <ada@acme.test>, "Grace H." <grace@acme.test> bob@acme.test');
    expect(list.valid.map((address) => address.email)).toEqual(['ada@acme.test', 'grace@acme.test', 'bob@acme.test']);
  });

  it('collapses duplicates, ignoring the case of the domain', () => {
    const list = parseAddressList('ada@acme.test ada@ACME.test ada@acme.test');
    expect(list.valid).toHaveLength(1);
    expect(list.duplicates).toBe(2);
  });

  it('keeps valid addresses beside invalid ones, each rejection with its reason', () => {
    const list = parseAddressList('ok@acme.test nope @acme.test x@ y@localhost');
    expect(list.valid.map((address) => address.email)).toEqual(['ok@acme.test']);
    expect(list.invalid).toEqual([
      { input: 'nope', reason: 'missing @' },
      { input: '@acme.test', reason: 'nothing before @' },
      { input: 'x@', reason: 'no domain after @' },
      { input: 'y@localhost', reason: 'the domain needs a dot, e.g. localhost.com' },
    ]);
  });

  it('is empty for blank input', () => {
    expect(parseAddressList(' \n ,; ')).toEqual({ valid: [], invalid: [], duplicates: 0 });
  });
});

describe('parseAddress', () => {
  it('sends an international domain in punycode and shows it in Unicode', () => {
    expect(parseAddress('Zoë@Bücher.de')).toEqual({
      input: 'Zoë@Bücher.de',
      reason: 'non-ASCII characters before @ are not supported',
    });
    expect(parseAddress('zoe@Bücher.de')).toEqual({
      input: 'zoe@Bücher.de',
      email: 'zoe@xn--bcher-kva.de',
      display: 'zoe@bücher.de',
    });
  });

  it('limits the local part to 64 and the address to 254 characters', () => {
    expect(parseAddress(`${'a'.repeat(64)}@acme.test`)).toHaveProperty('email');
    expect(parseAddress(`${'a'.repeat(65)}@acme.test`)).toEqual({
      input: `${'a'.repeat(65)}@acme.test`,
      reason: 'the part before @ is at most 64 characters',
    });
    const long = `a@${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(62)}.test`; // 258 characters
    expect(parseAddress(long)).toEqual({ input: long, reason: 'an email address is at most 254 characters' });
  });

  it('strips mailto: and quotes', () => {
    expect(parseAddress('mailto:ada@acme.test')).toMatchObject({ email: 'ada@acme.test' });
    expect(parseAddress('"ada@acme.test"')).toMatchObject({ email: 'ada@acme.test' });
  });

  it('rejects what zod rejects, with its message', () => {
    expect(parseAddress('a..b@acme.test')).toEqual({
      input: 'a..b@acme.test',
      reason: 'value is not a valid email address',
    });
  });
});
