// Reads the rows of a bulk invite: a CSV with a header `email[,role]`, or one address per line.
// Handles a BOM and CRLF; every row keeps its line number for messages.
import { roleSchema, type Role } from '../api/schemas.js';
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

export function parseInviteFile(text: string, defaultRole: Role | undefined): ParsedRows {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  const header = splitCsvLine(lines[0] ?? '').map((cell) => cell.trim().toLowerCase());
  const emailColumn = header.indexOf('email');
  const roleColumn = header.indexOf('role');
  const isCsv = emailColumn >= 0;
  const result: ParsedRows = { rows: [], rejected: [], duplicates: [], blankLines: [], hasRoleColumn: roleColumn >= 0 };
  const seen = new Map<string, number | undefined>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (isCsv && index === 0) return;
    if (raw.trim() === '') return void result.blankLines.push(line);
    const cells = isCsv ? splitCsvLine(raw) : [raw];
    const input = (cells[isCsv ? emailColumn : 0] ?? '').trim();
    const roleText = roleColumn >= 0 ? (cells[roleColumn] ?? '').trim().toLowerCase() : '';
    addRow(result, seen, line, input, roleText, defaultRole);
  });
  return result;
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
  result.rows.push({ line, index, input, email: address.email, role: role.data });
}

/** Splits one CSV line; double quotes may wrap a cell with commas, "" is a literal quote. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
