import { describe, expect, it } from 'vitest';
import { parseArgumentRows, parseInviteFile, splitCsvLine } from '../../src/invites/input-rows.js';

describe('parseInviteFile', () => {
  it('reads a CSV with a header, a BOM and CRLF, each row with its line number', () => {
    const parsed = parseInviteFile(
      '\uFEFFemail,role\r\nada@acme.test,owner\r\n"Lovelace, Ada <ada2@acme.test>",reader\r\n',
      undefined,
    );
    expect(parsed.rows).toEqual([
      { line: 2, input: 'ada@acme.test', email: 'ada@acme.test', role: 'owner' },
      { line: 3, input: 'Lovelace, Ada <ada2@acme.test>', email: 'ada2@acme.test', role: 'reader' },
    ]);
  });

  it('falls back to --role, and reports bad rows by line while the good ones stay', () => {
    const parsed = parseInviteFile(
      'email,role\nok@acme.test,\nbad-address,reader\nx@acme.test,admin\n\nok@ACME.test,reader\n',
      'contributor',
    );
    expect(parsed.rows).toEqual([{ line: 2, input: 'ok@acme.test', email: 'ok@acme.test', role: 'contributor' }]);
    expect(parsed.rejected).toEqual([
      { line: 3, input: 'bad-address', reason: 'missing @' },
      { line: 4, input: 'x@acme.test', reason: 'unknown role "admin" (reader, contributor or owner)' },
    ]);
    expect(parsed.blankLines).toEqual([5]);
    expect(parsed.duplicates).toEqual([{ line: 6, input: 'ok@ACME.test', firstLine: 2 }]);
  });

  it('reads one address per line without a header, needing --role', () => {
    expect(parseInviteFile('a@acme.test\nb@acme.test', 'reader').rows.map((row) => [row.line, row.email])).toEqual([
      [1, 'a@acme.test'],
      [2, 'b@acme.test'],
    ]);
    expect(parseInviteFile('a@acme.test', undefined).rejected[0]?.reason).toBe(
      'no role: add a role column or pass --role',
    );
  });
});

describe('parseArgumentRows', () => {
  it('accepts several addresses per argument and collapses repeats', () => {
    const parsed = parseArgumentRows(['a@acme.test,b@acme.test', 'a@acme.test', 'nope'], 'reader');
    expect(parsed.rows.map((row) => row.email)).toEqual(['a@acme.test', 'b@acme.test']);
    expect(parsed.duplicates).toHaveLength(1);
    expect(parsed.rejected).toEqual([{ line: undefined, input: 'nope', reason: 'missing @' }]);
  });
});

describe('splitCsvLine', () => {
  it('handles quotes and escaped quotes', () => {
    expect(splitCsvLine('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
  });
});
