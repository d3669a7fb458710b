import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MAX_RECORD_BYTES,
  parseArgumentRows,
  parseInviteFile,
  readInviteFile,
  readInviteRows,
} from '../../src/invites/input-rows.js';
import { UsageError } from '../../src/usage-error.js';

const row = (line: number, input: string, email: string, role: string) => ({ line, input, email, role });

describe('parseInviteFile', () => {
  it('reads a CSV with a header, a BOM and CRLF, each row with its line number', async () => {
    const parsed = await parseInviteFile(
      '\uFEFFemail,role\r\nada@acme.test,owner\r\n"Lovelace, Ada <ada2@acme.test>",reader\r\n',
      undefined,
    );
    expect(parsed.rows).toEqual([
      row(2, 'ada@acme.test', 'ada@acme.test', 'owner'),
      row(3, 'Lovelace, Ada <ada2@acme.test>', 'ada2@acme.test', 'reader'),
    ]);
  });

  it('falls back to --role, and reports bad rows by line while the good ones stay', async () => {
    const parsed = await parseInviteFile(
      'email,role\nok@acme.test,\nbad-address,reader\nx@acme.test,admin\n\nok@ACME.test,reader\n',
      'contributor',
    );
    expect(parsed.rows).toEqual([row(2, 'ok@acme.test', 'ok@acme.test', 'contributor')]);
    expect(parsed.rejected).toEqual([
      { line: 3, input: 'bad-address', reason: 'missing @' },
      { line: 4, input: 'x@acme.test', reason: 'unknown role "admin" (reader, contributor or owner)' },
    ]);
    expect(parsed.blankLines).toEqual([5]);
    expect(parsed.duplicates).toEqual([{ line: 6, input: 'ok@ACME.test', firstLine: 2 }]);
  });

  it('reads one address per line without a header, needing --role', async () => {
    const parsed = await parseInviteFile('a@acme.test\n"Niaj, Jr." <niaj@acme.test>\r\nb@acme.test', 'reader');
    expect(parsed.rows.map((row) => [row.line, row.email])).toEqual([
      [1, 'a@acme.test'],
      [2, 'niaj@acme.test'],
      [3, 'b@acme.test'],
    ]);
    expect((await parseInviteFile('a@acme.test', undefined)).rejected[0]?.reason).toBe(
      'no role: add a role column or pass --role',
    );
  });
});

describe('CSV as spreadsheets write it', () => {
  // As Excel and Google Sheets export a contact list: extra columns, quoted cells with commas,
  // quotes and new lines, CRLF, a BOM, and a header that says "E-mail Address".
  const EXPORT = [
    '\uFEFFFull Name,Team,E-mail Address,Notes,Role',
    '"Lovelace, Ada",Engines,ada@example.com,"said ""hi""",owner',
    'Grace Hopper,Navy,grace@example.com,"first line\r\nsecond line\r\nthird",reader',
    'Ivan,Ops,ivan@пример.рф,,contributor',
    ',,,,',
    'Li,Ops,li@例子.中国,"a, b, c",READER,extra,cells',
    'No Address,Ops,,,reader',
    'Short row,Ops,zoe@bücher.de',
    '',
  ].join('\r\n');

  it('finds the email and role columns by name and keeps every line number right', async () => {
    const parsed = await parseInviteFile(EXPORT, 'reader');
    expect(parsed.rows.map((row) => [row.line, row.email, row.role])).toEqual([
      [2, 'ada@example.com', 'owner'],
      [3, 'grace@example.com', 'reader'],
      [6, 'ivan@xn--e1afmkfd.xn--p1ai', 'contributor'],
      [8, 'li@xn--fsqu00a.xn--fiqs8s', 'reader'],
      [10, 'zoe@xn--bcher-kva.de', 'reader'],
    ]);
    expect(parsed.blankLines).toEqual([7]);
    expect(parsed.rejected).toEqual([{ line: 9, input: '', reason: 'no address' }]);
    expect(parsed.hasRoleColumn).toBe(true);
    expect((await parseInviteFile('Email\nada@example.com\n', 'reader')).hasRoleColumn).toBe(false);
  });

  it.each([
    'email',
    'Email',
    'EMAIL',
    'E-mail',
    'Emails',
    'E-mail Address',
    'e_mail_address',
    'Email address',
    ' Mail ',
    'Mail Address',
  ])('takes "%s" as the email column', async (header) => {
    const parsed = await parseInviteFile(`Name,${header}\nAda,ada@example.com\n`, 'reader');
    expect(parsed.rows.map((row) => row.email)).toEqual(['ada@example.com']);
  });

  it.each([';', '\t'])(
    'reads a header and rows split by %j, as some locales and TSV exports write them',
    async (sep) => {
      const text =
        ['Name', 'E-Mail', 'Role'].join(sep) + '\n' + ['"Doe; Jane"', 'jane@example.com', 'owner'].join(sep) + '\n';
      const parsed = await parseInviteFile(text, undefined);
      expect(parsed.rows).toEqual([row(2, 'jane@example.com', 'jane@example.com', 'owner')]);
    },
  );

  it('says so when a CSV has no email column, rather than rejecting every row', async () => {
    await expect(parseInviteFile('Name,Address\nAda,ada@example.com\n', 'reader')).rejects.toThrow(
      /looks like a CSV without an email column \(its header: "Name", "Address"\); name the column of addresses "email"/,
    );
  });

  it('refuses a record over 64 KiB early, with its line number', async () => {
    let produced = 0;
    // 50 MiB on one line, produced lazily: the reader must stop long before the end.
    async function* huge() {
      yield 'email\nada@example.com\n';
      for (let i = 0; i < 800; i++) {
        produced += 65536;
        yield 'x'.repeat(65536);
      }
    }
    const error = await readInviteRows(huge(), 'reader', 'people.csv').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'people.csv, line 3: a row longer than 64 KiB (an unclosed quote, or not a list of addresses); nothing was sent',
    );
    expect(produced).toBeLessThan(MAX_RECORD_BYTES * 8);
  });

  it('names the line of an unclosed quote', async () => {
    await expect(parseInviteFile('email\nada@example.com\n"bob@example.com\n', 'reader')).rejects.toThrow(
      /^the input, line \d+: .*quote/i,
    );
  });

  it('streams: 200,000 rows in chunks cost memory for the rows, not for the text', async () => {
    // Under `npm run mutate` (vitest.stryker.config.ts) fewer: the same code runs, and every mutant
    // of addresses.ts and input-rows.ts would otherwise pay seconds for this one test.
    const ROWS = process.env.MUTATION_TESTING ? 5_000 : 200_000;
    async function* file() {
      yield 'Name,Email,Role\n';
      for (let i = 0; i < ROWS; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) chunk += `"Person, ${j}",p${j}@example.com,reader\n`;
        yield chunk;
      }
    }
    const parsed = await readInviteRows(Readable.from(file()), undefined);
    expect(parsed.rows).toHaveLength(ROWS);
    expect(parsed.rows.at(-1)).toEqual(row(ROWS + 1, `p${ROWS - 1}@example.com`, `p${ROWS - 1}@example.com`, 'reader'));
  }, 60_000);
});

describe('parseArgumentRows', () => {
  it('accepts several addresses per argument and collapses repeats', () => {
    const parsed = parseArgumentRows(['a@acme.test,b@acme.test', 'A@acme.test', 'nope'], 'reader');
    expect(parsed.rows.map((row) => row.email)).toEqual(['a@acme.test', 'b@acme.test']);
    expect(parsed.duplicates).toHaveLength(1);
    expect(parsed.rejected).toEqual([{ line: undefined, index: 3, input: 'nope', reason: 'missing @' }]);
  });
});

describe('readInviteFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'invite-tui-rows-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a file from disk, named in its messages', async () => {
    const file = join(dir, 'people.csv');
    writeFileSync(file, 'email,role\nada@acme.test,owner\nnope,reader\n');
    const parsed = await readInviteFile(file, undefined);
    expect(parsed.rows).toEqual([row(2, 'ada@acme.test', 'ada@acme.test', 'owner')]);
    expect(parsed.rejected).toEqual([{ line: 3, input: 'nope', reason: 'missing @' }]);
    writeFileSync(file, 'Name,Address\nAda,ada@acme.test\n');
    await expect(readInviteFile(file, 'reader')).rejects.toThrow(
      new UsageError(
        `${file} looks like a CSV without an email column (its header: "Name", "Address"); name the column of addresses "email"`,
      ),
    );
  });

  it('says plainly when the file is missing or is a directory', async () => {
    const missing = join(dir, 'missing.csv');
    await expect(readInviteFile(missing, 'reader')).rejects.toThrow(
      new UsageError(`Cannot read ${missing}: no such file`),
    );
    await expect(readInviteFile(dir, 'reader')).rejects.toThrow(
      new UsageError(`Cannot read ${dir}: it is a directory`),
    );
  });

  it('reads stdin for "-", and calls it stdin', async () => {
    const stdin = vi.spyOn(process, 'stdin', 'get');
    try {
      stdin.mockReturnValue(Readable.from(['a@acme.test\nb@acme.test\n']) as unknown as typeof process.stdin);
      expect((await readInviteFile('-', 'reader')).rows.map((row) => row.email)).toEqual([
        'a@acme.test',
        'b@acme.test',
      ]);
      stdin.mockReturnValue(Readable.from(['Name,Address\n']) as unknown as typeof process.stdin);
      await expect(readInviteFile('-', 'reader')).rejects.toThrow(/^stdin looks like a CSV/);
    } finally {
      stdin.mockRestore();
    }
  });
});

describe('what the first line decides', () => {
  it('an empty input has no rows; blank lines before the first address are counted', async () => {
    expect(await parseInviteFile('', 'reader')).toEqual({
      rows: [],
      rejected: [],
      duplicates: [],
      blankLines: [],
      hasRoleColumn: false,
    });
    const parsed = await parseInviteFile('\n\na@acme.test\n', 'reader');
    expect(parsed.blankLines).toEqual([1, 2]);
    expect(parsed.rows).toEqual([row(3, 'a@acme.test', 'a@acme.test', 'reader')]);
  });

  it('a first line of one word is a row to report, not a header', async () => {
    const parsed = await parseInviteFile('Name\na@acme.test\n', 'reader');
    expect(parsed.rejected).toEqual([{ line: 1, input: 'Name', reason: 'missing @' }]);
    expect(parsed.rows.map((parsedRow) => parsedRow.line)).toEqual([2]);
  });

  it('a first line of several cells with an @ is a row too', async () => {
    const parsed = await parseInviteFile('a@acme.test,b@acme.test\nc@acme.test\n', 'reader');
    expect(parsed.rejected.map((rejected) => rejected.line)).toEqual([1]);
    expect(parsed.rows.map((parsedRow) => parsedRow.email)).toEqual(['c@acme.test']);
  });

  it('names at most eight columns of a header without an email column, each cut at 40 characters', async () => {
    await expect(parseInviteFile('A,B,C,D,E,F,G,H,I,J\n1,2\n', 'reader')).rejects.toThrow(
      new UsageError(
        'the input looks like a CSV without an email column (its header: "A", "B", "C", "D", "E", "F", "G", "H"); name the column of addresses "email"',
      ),
    );
    await expect(parseInviteFile(`${'x'.repeat(50)},Team\r\n1,2\r\n`, 'reader')).rejects.toThrow(
      new UsageError(
        `the input looks like a CSV without an email column (its header: "${'x'.repeat(40)}", "Team"); name the column of addresses "email"`,
      ),
    );
  });

  it('finds the header across chunks, and picks the delimiter that gives an email column', async () => {
    async function* chunks() {
      yield 'Na';
      yield 'me;Team,Unit;E-';
      yield 'mail\r';
      yield '\nAda;T,U;a@acme.test\n';
    }
    const parsed = await readInviteRows(chunks(), 'reader');
    expect(parsed.rows).toEqual([row(2, 'a@acme.test', 'a@acme.test', 'reader')]);
    expect(parsed.rejected).toEqual([]);
  });
});

describe('read errors', () => {
  it('an error reading the input is passed on as it is', async () => {
    const failure = Object.assign(new Error('read failed'), { code: 'EIO' });
    async function* failing() {
      yield 'email\na@acme.test\n';
      throw failure;
    }
    await expect(readInviteRows(failing(), 'reader')).rejects.toBe(failure);
  });

  it('an unclosed quote is told with its line, in words', async () => {
    await expect(parseInviteFile('email\nada@example.com\n"bob@example.com\n', 'reader')).rejects.toThrow(
      new UsageError(
        'the input, line 3: Quote Not Closed: the parsing is finished with an opening quote at line 3; nothing was sent',
      ),
    );
  });
});

describe('parseArgumentRows, by position', () => {
  it('gives rows, rejections and repeats the position of their argument', () => {
    const parsed = parseArgumentRows(['a@acme.test', 'x, b@acme.test', 'A@acme.test b@acme.test'], 'owner');
    expect(parsed.rows).toEqual([
      { line: undefined, index: 1, input: 'a@acme.test', email: 'a@acme.test', role: 'owner' },
      { line: undefined, index: 2, input: 'b@acme.test', email: 'b@acme.test', role: 'owner' },
    ]);
    expect(parsed.rejected).toEqual([{ line: undefined, index: 2, input: 'x', reason: 'missing @' }]);
    expect(parsed.duplicates).toEqual([
      { line: undefined, index: 3, input: 'A@acme.test', firstLine: undefined },
      { line: undefined, index: 3, input: 'b@acme.test', firstLine: undefined },
    ]);
    expect(parsed.hasRoleColumn).toBe(false);
    expect(parsed.blankLines).toEqual([]);
  });

  it('without --role every address is refused', () => {
    expect(parseArgumentRows(['a@acme.test'], undefined).rejected).toEqual([
      { line: undefined, index: 1, input: 'a@acme.test', reason: 'no role: add a role column or pass --role' },
    ]);
  });
});

describe('columns and cells', () => {
  it('a role column may come first, and its cells may have spaces and capitals', async () => {
    const parsed = await parseInviteFile('role,email\n Owner ,a@acme.test\n', 'reader');
    expect(parsed.hasRoleColumn).toBe(true);
    expect(parsed.rows).toEqual([row(2, 'a@acme.test', 'a@acme.test', 'owner')]);
  });

  it('a row of spaces and empty cells is a blank line; a row too short for the email column has no address', async () => {
    const parsed = await parseInviteFile('Name,Team,Email\n  ,  , \nAda\nBob,Ops,b@acme.test\n', 'reader');
    expect(parsed.blankLines).toEqual([2]);
    expect(parsed.rejected).toEqual([{ line: 3, input: '', reason: 'no address' }]);
    expect(parsed.rows.map((parsedRow) => parsedRow.line)).toEqual([4]);
  });

  it('a list of addresses has no quoting: a stray quote spoils only its own line', async () => {
    const parsed = await parseInviteFile('a@acme.test\n"b@acme.test\nc@acme.test\n', 'reader');
    expect(parsed.rows.map((parsedRow) => parsedRow.email)).toEqual(['a@acme.test', 'c@acme.test']);
    expect(parsed.rejected.map((rejected) => rejected.line)).toEqual([2]);
  });

  it('a NUL inside a line of a list stays in it, and the line is refused', async () => {
    const parsed = await parseInviteFile('a@acme.test\u0000b\n', 'reader');
    expect(parsed.rejected).toEqual([{ line: 1, input: 'a@acme.test\u0000b', reason: expect.any(String) }]);
    expect(parsed.rows).toEqual([]);
  });

  it('a header split by semicolons without an email column is named as such', async () => {
    await expect(parseInviteFile('Name;Address\nAda;ada@acme.test\n', 'reader')).rejects.toThrow(
      /its header: "Name", "Address"\)/,
    );
  });

  it('the first line is only the first line: a header without an email column, split across chunks or alone', async () => {
    async function* chunks() {
      yield 'Name,Address';
      yield '\nAda,ada@acme.test\n';
    }
    await expect(readInviteRows(chunks(), 'reader')).rejects.toThrow(/its header: "Name", "Address"\)/);
    await expect(parseInviteFile('Name,Address', 'reader')).rejects.toThrow(/its header: "Name", "Address"\)/);
  });
});

describe('readInviteFile, more', () => {
  it('says what the system said for other errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-rows-'));
    try {
      const file = join(dir, 'people.csv');
      writeFileSync(file, 'a@acme.test\n');
      await expect(readInviteFile(join(file, 'x'), 'reader')).rejects.toThrow(
        new RegExp(`^Cannot read ${join(file, 'x')}: ENOTDIR`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes every file it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-rows-'));
    const open = () => readdirSync('/proc/self/fd').length;
    try {
      const file = join(dir, 'people.csv');
      writeFileSync(file, 'a@acme.test\n');
      const before = open();
      for (let i = 0; i < 20; i++) await readInviteFile(file, 'reader');
      expect(open()).toBeLessThan(before + 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
