// Reads the rows of a bulk invite: a CSV as spreadsheets export it (csv-parse, streamed), or one
// address per line; and the addresses given as arguments. Every row keeps its line number.
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { roleSchema, type Role } from '../api/schemas.js';
import { UsageError } from '../usage-error.js';
import { parseAddress, parseAddressList } from './addresses.js';

export interface InputRow {
  /** 1-based line in the file; undefined for addresses given as arguments. */
  line: number | undefined;
  /** 1-based position among the command-line arguments, for addresses given there. */
  index?: number | undefined;
  input: string;
  email: string;
  role: Role;
}

export interface RejectedRow {
  line: number | undefined;
  index?: number | undefined;
  input: string;
  reason: string;
}

export interface ParsedRows {
  rows: InputRow[];
  rejected: RejectedRow[];
  /** Repeats of an earlier row, skipped. */
  duplicates: { line: number | undefined; index?: number | undefined; input: string; firstLine: number | undefined }[];
  /** Blank lines inside the file: not errors, but said, with their numbers. */
  blankLines: number[];
  /** Whether every row brings its own role (a file with a role column). */
  hasRoleColumn: boolean;
}

/** Header names that mean "the email column", compared without case or punctuation. */
const EMAIL_HEADERS = new Set(['email', 'emails', 'emailaddress', 'mail', 'mailaddress']);
const ROLE_HEADERS = new Set(['role']);
const headerKey = (cell: string) => cell.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** A record longer than this is refused: no address row is near it, and a runaway line costs memory. */
export const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Reads the rows of a bulk invite as they stream in. A first line naming an email column makes
 * the input a CSV as spreadsheets write it (quotes, embedded commas and new lines, extra
 * columns); otherwise each line is one address. A BOM and CRLF are fine; every row keeps the line
 * it starts on. A record over 64 KiB is refused with its line number as soon as it is seen.
 */
export async function readInviteRows(
  source: AsyncIterable<Buffer | string>,
  defaultRole: Role | undefined,
  name = 'the input',
): Promise<ParsedRows> {
  const { head, rest } = await firstLine(source);
  const { header, delimiter } = parseHeader(head);
  const emailColumn = header.findIndex((cell) => EMAIL_HEADERS.has(headerKey(cell)));
  const roleColumn = header.findIndex((cell) => ROLE_HEADERS.has(headerKey(cell)));
  const isCsv = emailColumn >= 0;
  if (!isCsv && header.length > 1 && !head.includes('@'))
    throw new UsageError(
      `${name} looks like a CSV without an email column (its header: ${header
        .slice(0, 8)
        .map((cell) => JSON.stringify(cell.slice(0, 40)))
        .join(', ')}); name the column of addresses "email"`,
    );
  const parser = parse({
    bom: true,
    raw: true,
    max_record_size: MAX_RECORD_BYTES,
    relax_column_count: true,
    ...(isCsv ? { relax_quotes: true, delimiter } : { quote: false, delimiter: '\u0000' }),
  });
  const input = Readable.from(rest);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const result: ParsedRows = { rows: [], rejected: [], duplicates: [], blankLines: [], hasRoleColumn: roleColumn >= 0 };
  const seen = new Map<string, number | undefined>();
  let nextLine = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = nextLine;
      // Line breaks inside quoted cells move the count on; the record's own ending adds one.
      nextLine += innerLineBreaks(raw) + 1;
      if (isCsv && line === 1) continue;
      const cells = isCsv ? record : [record.join('\u0000')];
      if (cells.every((cell) => cell.trim() === '')) {
        result.blankLines.push(line);
        continue;
      }
      const input = (cells[isCsv ? emailColumn : 0] ?? '').trim();
      const roleText = roleColumn >= 0 ? (cells[roleColumn] ?? '').trim().toLowerCase() : '';
      addRow(result, seen, line, input, roleText, defaultRole);
    }
  } catch (error) {
    throw csvMistake(error, name);
  }
  return result;
}

/** Line breaks (CRLF, CR or LF) inside a record, not counting those that end it; no regex, no copy per row. */
function innerLineBreaks(raw: string): number {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 0x0a || raw.charCodeAt(end - 1) === 0x0d)) end--;
  let breaks = 0;
  for (let i = 0; i < end; i++) {
    const char = raw.charCodeAt(i);
    if (char === 0x0d) {
      breaks++;
      if (raw.charCodeAt(i + 1) === 0x0a) i++;
    } else if (char === 0x0a) breaks++;
  }
  return breaks;
}

/** The same, for text already in memory (tests, small inputs). */
export function parseInviteFile(text: string, defaultRole: Role | undefined): Promise<ParsedRows> {
  return readInviteRows(Readable.from([text]), defaultRole);
}

/** A file's rows, or stdin's for "-"; the file is streamed, never read whole. */
export async function readInviteFile(path: string, defaultRole: Role | undefined): Promise<ParsedRows> {
  if (path === '-') return readInviteRows(process.stdin, defaultRole, 'stdin');
  let file;
  try {
    file = await open(path);
    if ((await file.stat()).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
  } catch (error) {
    await file?.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`Cannot read ${path}: ${why}`);
  }
  try {
    return await readInviteRows(file.createReadStream({ autoClose: false }), defaultRole, path);
  } finally {
    await file.close();
  }
}

/** The first line (up to 64 KiB, to decide the format), and the whole input again to parse. */
async function firstLine(
  source: AsyncIterable<Buffer | string>,
): Promise<{ head: string; rest: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let newline = -1;
  while (newline < 0 && size <= MAX_RECORD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    const at = chunk.indexOf(0x0a);
    if (at >= 0) newline = size + at;
    chunks.push(chunk);
    size += chunk.length;
  }
  const seen = Buffer.concat(chunks);
  const head = seen
    .subarray(0, newline >= 0 ? newline : Math.min(size, MAX_RECORD_BYTES))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  async function* rest() {
    yield seen;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
  return { head, rest: rest() };
}

/** Spreadsheets write commas, or semicolons where the comma is the decimal sign, or tabs. */
const DELIMITERS = [',', ';', '\t'];

/**
 * The first line's cells, as a header would have them, split by the delimiter that yields an
 * email column (else by the first one the line holds); a line that is no CSV has one cell.
 */
function parseHeader(line: string): { header: string[]; delimiter: string } {
  const splits = DELIMITERS.filter((delimiter) => line.includes(delimiter)).map((delimiter) => {
    try {
      const cells = parseSync(line, { delimiter, relax_quotes: true, relax_column_count: true })[0] as string[];
      return { header: cells ?? [], delimiter };
    } catch {
      return { header: [], delimiter };
    }
  });
  const withEmail = splits.find(({ header }) => header.some((cell) => EMAIL_HEADERS.has(headerKey(cell))));
  return withEmail ?? splits[0] ?? { header: line.trim() ? [line.trim()] : [], delimiter: ',' };
}

function csvMistake(error: unknown, name: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = (error as CsvError & { lines?: number }).lines;
  const where = `${name}${line ? `, line ${line}` : ''}`;
  if (error.code === 'CSV_MAX_RECORD_SIZE')
    return new UsageError(
      `${where}: a row longer than ${MAX_RECORD_BYTES / 1024} KiB (an unclosed quote, or not a list of addresses); nothing was sent`,
    );
  return new UsageError(`${where}: ${error.message.replace(/^Invalid [^:]*: /, '')}; nothing was sent`);
}

/** Addresses given on the command line; each argument may itself hold several. */
export function parseArgumentRows(args: string[], role: Role | undefined): ParsedRows {
  const result: ParsedRows = { rows: [], rejected: [], duplicates: [], blankLines: [], hasRoleColumn: false };
  const seen = new Map<string, number | undefined>();
  args.forEach((arg, position) => {
    const index = position + 1;
    const list = parseAddressList(arg);
    for (const rejected of list.invalid)
      result.rejected.push({ line: undefined, index, input: rejected.input, reason: rejected.reason });
    for (const address of list.valid) addRow(result, seen, undefined, address.input, '', role, index);
  });
  return result;
}

function addRow(
  result: ParsedRows,
  seen: Map<string, number | undefined>,
  line: number | undefined,
  input: string,
  roleText: string,
  defaultRole: Role | undefined,
  index?: number,
) {
  // A cell may hold `Name <addr>`.
  const address = parseAddress(input);
  if ('reason' in address)
    return void result.rejected.push({ line, index, input, reason: input ? address.reason : 'no address' });
  const role = roleText
    ? roleSchema.safeParse(roleText)
    : defaultRole
      ? { success: true as const, data: defaultRole }
      : undefined;
  if (!role)
    return void result.rejected.push({ line, index, input, reason: 'no role: add a role column or pass --role' });
  if (!role.success)
    return void result.rejected.push({
      line,
      index,
      input,
      reason: `unknown role "${roleText}" (reader, contributor or owner)`,
    });
  const key = address.email.toLowerCase();
  if (seen.has(key)) return void result.duplicates.push({ line, index, input, firstLine: seen.get(key) });
  seen.set(key, line);
  const { email } = address;
  result.rows.push({ line, index, input: input === email ? email : input, email, role: role.data });
}
