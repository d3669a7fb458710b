import { describe, expect, it } from 'vitest';
import { addressKey, parseAddress, parseAddressList } from '../../src/invites/addresses.js';

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
  it('sends an international domain in punycode, shows it as typed, refuses a non-ASCII local part', () => {
    expect(parseAddress('Zoë@Bücher.de')).toEqual({
      input: 'Zoë@Bücher.de',
      reason: 'non-ASCII characters before @ are not supported',
    });
    expect(parseAddress('zoe@Bücher.de')).toEqual({
      input: 'zoe@Bücher.de',
      email: 'zoe@xn--bcher-kva.de',
      display: 'zoe@Bücher.de',
      key: 'zoe@xn--bcher-kva.de',
    });
  });

  it('limits the local part to 64, a domain label to 63, the domain to 253 and the address to 254', () => {
    expect(parseAddress(`${'a'.repeat(64)}@acme.test`)).toHaveProperty('email');
    expect(parseAddress(`${'a'.repeat(65)}@acme.test`)).toEqual({
      input: `${'a'.repeat(65)}@acme.test`,
      reason: 'the part before @ is at most 64 characters',
    });
    expect(parseAddress(`a@${'b'.repeat(64)}.test`)).toMatchObject({
      reason: 'each part of the domain is at most 63 characters',
    });
    const longDomain = `a@${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(62)}.test`; // 256
    expect(parseAddress(longDomain)).toMatchObject({ reason: 'the domain is at most 253 characters' });
    const long = `${'a'.repeat(10)}@${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(58)}.test`;
    expect(parseAddress(long)).toEqual({ input: long, reason: 'an email address is at most 254 characters' });
    // An international domain is measured in the form that is sent: 20 Cyrillic letters are 28 in ASCII.
    expect(parseAddress(`a@${'п'.repeat(60)}.рф`)).toMatchObject({
      reason: 'each part of the domain is at most 63 characters',
    });
  });

  it('strips mailto: and quotes', () => {
    expect(parseAddress('mailto:ada@acme.test')).toMatchObject({ email: 'ada@acme.test' });
    expect(parseAddress('"ada@acme.test"')).toMatchObject({ email: 'ada@acme.test' });
    expect(parseAddress("'ada@acme.test'")).toMatchObject({ email: 'ada@acme.test' });
  });

  it('rejects what zod rejects, with its message', () => {
    expect(parseAddress('a..b@acme.test')).toEqual({
      input: 'a..b@acme.test',
      reason: 'value is not a valid email address',
    });
  });
});

describe('addresses of the whole world', () => {
  it.each([
    ['ivan@пример.рф', 'ivan@xn--e1afmkfd.xn--p1ai'],
    ['li@例子.中国', 'li@xn--fsqu00a.xn--fiqs8s'],
    ['x@example.xn--p1ai', 'x@example.xn--p1ai'],
    ['zoe@bücher.de', 'zoe@xn--bcher-kva.de'],
    ['info@xn--mller-kva.ch', 'info@xn--mller-kva.ch'],
    ['sam@موقع.وزارة-الاتصالات.مصر', 'sam@xn--4gbrim.xn----ymcbaaajlc6dj7bxne2c.xn--wgbh1c'],
    ['kim@도메인.한국', 'kim@xn--hq1bm8jm9l.xn--3e0b707e'],
  ])('%s is sent as %s and shown as typed', (typed, sent) => {
    expect(parseAddress(typed)).toEqual({ input: typed, email: sent, display: typed, key: sent });
  });

  it('collapses the Unicode and punycode forms of one address, in any case', () => {
    const list = parseAddressList('ivan@пример.рф IVAN@xn--e1afmkfd.xn--p1ai Ivan@ПРИМЕР.РФ');
    expect(list.valid.map((address) => address.display)).toEqual(['ivan@пример.рф']);
    expect(list.duplicates).toBe(2);
  });
});

describe('display names and quoting (RFC 5322)', () => {
  it('keeps a quoted display name with a comma as one address', () => {
    const list = parseAddressList('"Niaj, Jr." <niaj@example.com>, ada@example.com');
    expect(list.valid.map((address) => address.email)).toEqual(['niaj@example.com', 'ada@example.com']);
    expect(list.invalid).toEqual([]);
  });

  it('takes names of several words, brackets without spaces, and Unicode names', () => {
    const list = parseAddressList(
      'Grace Brewster Hopper <grace@example.com>;Ada<ada@example.com>\nЗоя Иванова <zoya@пример.рф>',
    );
    expect(list.valid.map((address) => address.display)).toEqual([
      'grace@example.com',
      'ada@example.com',
      'zoya@пример.рф',
    ]);
  });

  it('collapses duplicates case-insensitively, the local part included', () => {
    const list = parseAddressList('Ada@Example.com ada@example.com "Ada L." <ADA@EXAMPLE.COM>');
    expect(list.valid).toHaveLength(1);
    expect(list.duplicates).toBe(2);
  });

  it('says what is wrong inside brackets, and a stray quote spoils only its own line', () => {
    const list = parseAddressList('Bob <bob.example.com>\nO"Brien obrien@example.com\nok@example.com');
    expect(list.invalid[0]).toEqual({ input: 'Bob <bob.example.com>', reason: 'missing @' });
    expect(list.valid.map((address) => address.email)).toContain('ok@example.com');
  });
});

describe('pasted text, separator by separator', () => {
  it('a quoted name may hold escaped quotes and commas', () => {
    const list = parseAddressList('"Doe, \\"JJ\\", Jr." <jj@acme.test>, b@acme.test');
    expect(list.valid.map((address) => [address.input, address.email])).toEqual([
      ['"Doe, \\"JJ\\", Jr." <jj@acme.test>', 'jj@acme.test'],
      ['b@acme.test', 'b@acme.test'],
    ]);
    expect(list.invalid).toEqual([]);
  });

  it('tabs, form feeds, vertical tabs and no-break spaces separate addresses too', () => {
    const list = parseAddressList('a@acme.test\u00a0b@acme.test\fc@acme.test\vd@acme.test\te@acme.test');
    expect(list.valid.map((address) => address.email)).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((name) => `${name}@acme.test`),
    );
  });

  it('a line end (\\n or a lone \\r) closes an unclosed quote or bracket: the next line is read on its own', () => {
    for (const text of ['"unclosed a@acme.test\rb@acme.test', '<unclosed a@acme.test\nb@acme.test']) {
      const list = parseAddressList(text);
      expect(list.valid.map((address) => address.email)).toEqual(['b@acme.test']);
      expect(list.invalid).toHaveLength(1);
    }
  });

  it('spaces inside angle brackets stay with the address', () => {
    const list = parseAddressList('Ada < ada@acme.test >');
    expect(list.valid.map((address) => [address.input, address.email])).toEqual([
      ['Ada < ada@acme.test >', 'ada@acme.test'],
    ]);
  });

  it('an @ inside a quoted name does not make it an address of its own', () => {
    const list = parseAddressList('"ada@home" <ada@acme.test>');
    expect(list.valid.map((address) => [address.input, address.email])).toEqual([
      ['"ada@home" <ada@acme.test>', 'ada@acme.test'],
    ]);
    expect(list.invalid).toEqual([]);
  });

  it('words before a bare address are not its name: each is reported', () => {
    const list = parseAddressList('Ada Lovelace ada@acme.test');
    expect(list.valid.map((address) => address.email)).toEqual(['ada@acme.test']);
    expect(list.invalid).toEqual([
      { input: 'Ada', reason: 'missing @' },
      { input: 'Lovelace', reason: 'missing @' },
    ]);
  });

  it('a name cut off from its address by a comma is reported on its own', () => {
    const list = parseAddressList('Ada, <ada@acme.test>');
    expect(list.valid.map((address) => address.input)).toEqual(['<ada@acme.test>']);
    expect(list.invalid).toEqual([{ input: 'Ada', reason: 'missing @' }]);
  });
});

describe('parseAddress: what the RFC parser decides, and what is said when it cannot', () => {
  it('an escaped quote does not end a quoted name', () => {
    const list = parseAddressList('"a\\", b" <x@acme.test>');
    expect(list.valid.map((address) => address.input)).toEqual(['"a\\", b" <x@acme.test>']);
    expect(list.invalid).toEqual([]);
    // A backslash at the very end is kept as typed.
    expect(parseAddressList('"abc\\').invalid).toEqual([{ input: '"abc\\', reason: 'missing @' }]);
  });

  it('takes comments out of an address, with an international domain too', () => {
    expect(parseAddress('(comment) a@acme.test')).toMatchObject({ email: 'a@acme.test' });
    expect(parseAddress('(коммент) ivan@пример.рф')).toMatchObject({
      email: 'ivan@xn--e1afmkfd.xn--p1ai',
      display: 'ivan@пример.рф',
    });
  });

  it('refuses a group, asking for its addresses', () => {
    expect(parseAddress('Team: Ada <a@acme.test>;')).toEqual({
      input: 'Team: Ada <a@acme.test>;',
      reason: 'a group of addresses; list the addresses themselves',
    });
  });

  it('says what is wrong when the RFC parser cannot read it', () => {
    // Nothing in brackets: the plain check's reason, or the quotes when the rest looks fine.
    expect(parseAddress('"Ada Lovelace" nobody')).toMatchObject({ reason: 'missing @' });
    expect(parseAddress('x"ada@acme.test"')).toMatchObject({ reason: 'check the quotes: not a valid address' });
    expect(parseAddressList('"unclosed a@acme.test\nb@acme.test').invalid).toEqual([
      { input: '"unclosed a@acme.test', reason: 'check the quotes: not a valid address' },
    ]);
    // In brackets: the address there, spaces and all, as a plain one.
    expect(parseAddress('Ada, Jr. < ada@acme.test >')).toMatchObject({ email: 'ada@acme.test' });
  });

  it('strips mailto: only at the start, after surrounding spaces', () => {
    expect(parseAddress(' mailto:ada@acme.test ')).toMatchObject({ email: 'ada@acme.test' });
    expect(parseAddress('amailto:b@acme.test')).toMatchObject({ reason: 'value is not a valid email address' });
  });

  it('names a domain that has no ASCII form', () => {
    expect(parseAddress('a@xn--.test')).toEqual({ input: 'a@xn--.test', reason: '"xn--.test" is not a valid domain' });
  });

  it('takes a label of exactly 63 and a domain of exactly 253 characters as within their limits', () => {
    expect(parseAddress(`a@${'b'.repeat(63)}.test`)).toHaveProperty('email');
    const domain = `${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(60)}.tst`;
    expect(domain).toHaveLength(253);
    // Within the domain's limit, so the whole address's limit is what is said.
    expect(parseAddress(`a@${domain}`)).toMatchObject({ reason: 'an email address is at most 254 characters' });
  });
});

describe('addressKey: how a typed address and one a server lists compare', () => {
  it('ignores case and the spelling of the domain, and agrees with the parser', () => {
    expect(addressKey('Ada@Example.COM')).toBe('ada@example.com');
    expect(addressKey('jörg@bücher.example')).toBe('jörg@xn--bcher-kva.example');
    expect(addressKey('JÖRG@BÜCHER.example')).toBe(addressKey('jörg@xn--bcher-kva.example'));
    const parsed = parseAddress('Grace <Grace@ACME.test>');
    expect('key' in parsed && parsed.key).toBe(addressKey('grace@acme.test'));
  });

  it('a server string the parser would refuse is only normalized, never rejected', () => {
    expect(addressKey('NOT-AN-ADDRESS')).toBe('not-an-address');
    expect(addressKey('a@b@Example.com')).toBe('a@b@example.com');
    expect(addressKey('x@')).toBe('x@');
  });

  it('a long file of few domains: each converted domain is reused, and the cache stays bounded', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => addressKey(`u${i}@D${i % 7}.Example`));
    expect(new Set(keys.map((key) => key.split('@')[1])).size).toBe(7);
    expect(addressKey(`z@dömain-${'x'.repeat(3)}.test`)).toBe('z@xn--dmain-xxx-07a.test');
  });
});
