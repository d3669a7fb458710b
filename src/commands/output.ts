// Data to stdout, messages to stderr; server text sanitized for people, escaped for scripts.
import { statusName, type ApiError } from '../api/errors.js';
import { safeJson } from '../text/json-output.js';
import { sanitizeServerText } from '../text/sanitize.js';

let stdoutFailure: NodeJS.ErrnoException | undefined;
const stdoutListeners = new Set<(error: NodeJS.ErrnoException) => void>();

/**
 * Makes a closed or failing stdout (a pipe's reader gone: EPIPE; a full disk: ENOSPC) a state the
 * commands can read instead of an uncaught error with a stack trace; later output is dropped.
 */
export function watchStdout(): void {
  if (process.stdout.listeners('error').includes(onStdoutError)) return;
  process.stdout.on('error', onStdoutError);
}

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (stdoutFailure) return;
  stdoutFailure = error;
  for (const listener of stdoutListeners) listener(error);
}

/** Why stdout can no longer be written, once it cannot. */
export const stdoutFailed = (): NodeJS.ErrnoException | undefined => stdoutFailure;

/** Calls `listener` once stdout fails; returns the unsubscribe. */
export function onStdoutFailure(listener: (error: NodeJS.ErrnoException) => void): () => void {
  stdoutListeners.add(listener);
  return () => void stdoutListeners.delete(listener);
}

/** The one line for an output error other than a closed pipe. */
export function describeOutputError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'EIO';
  const meaning = code === 'ENOSPC' ? ': no space left on the device' : '';
  return `invite-tui: cannot write the output (${code}${meaning})`;
}

/** Lines for stdout not yet written: one write per 64 KiB, not one per row of a large run. */
let pending = '';
let flushQueued = false;
const FLUSH_AT = 64 * 1024;

/** Writes what `out` holds; also before every message and on exit, so the two streams keep their order. */
export function flushOut(): void {
  if (pending === '') return;
  const text = pending;
  pending = '';
  if (!stdoutFailure) process.stdout.write(text);
}

export const out = (line = '') => {
  if (stdoutFailure) return;
  pending += `${line}\n`;
  if (pending.length >= FLUSH_AT) flushOut();
  else if (!flushQueued) {
    // A row's line goes out as soon as the loop that reports it yields: live runs stay live.
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      flushOut();
    });
  }
};
process.on('exit', flushOut);
export const say = (line = '') => {
  flushOut();
  process.stderr.write(`${line}\n`);
};
export const printJson = (value: unknown) => out(safeJson(value));
/** Server text for one line of output: sanitized, newlines folded, cut to `maxLength` code points. */
export const sanitizeAndCap = (text: unknown, maxLength = 200) =>
  sanitizeServerText(text, { singleLine: true, maxLength });

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
    ? `${error.status} ${statusName(error.status)}${error.type ? ` (${sanitizeAndCap(error.type, 60)})` : ''}`
    : error.kind.replace('_', ' ');
  const lines = [`${heading}: ${sanitizeAndCap(error.detail, 500)}`];
  for (const field of error.fieldErrors)
    lines.push(`  ${sanitizeAndCap(field.loc.join('.'), 60)}: ${sanitizeAndCap(field.msg)}`);
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
