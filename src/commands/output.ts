// Data to stdout, messages to stderr; server text sanitized for people, escaped for scripts.
import { statusName, type ApiError } from '../api/errors.js';
import { safeJson } from '../text/json-output.js';
import { sanitizeServerText } from '../text/sanitize.js';

export const out = (line = '') => void process.stdout.write(`${line}\n`);
export const say = (line = '') => void process.stderr.write(`${line}\n`);
export const printJson = (value: unknown) => out(safeJson(value));
export const clean = (text: unknown, maxLength = 200) => sanitizeServerText(text, { singleLine: true, maxLength });

/** The error envelope as data, for --json. */
export function errorJson(error: ApiError) {
  return {
    status: error.status ?? null,
    type: error.type ?? error.kind,
    detail: error.detail,
    errors: error.fieldErrors,
  };
}

/** An error for people: status and name, type, detail, and every field error. */
export function describeError(error: ApiError): string[] {
  const heading = error.status
    ? `${error.status} ${statusName(error.status)}${error.type ? ` (${clean(error.type, 60)})` : ''}`
    : error.kind.replace('_', ' ');
  const lines = [`${heading}: ${clean(error.detail, 500)}`];
  for (const field of error.fieldErrors) lines.push(`  ${clean(field.loc.join('.'), 60)}: ${clean(field.msg)}`);
  return lines;
}

/** A plain-text table, columns padded to the widest cell (cells already sanitized). */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}
