// What `send` reports for each row: JSON Lines as results arrive, or a table at the end.
import type { ApiError } from '../api/errors.js';
import type { Invitation, Role } from '../api/schemas.js';
import { describeExpiry } from '../invites/format.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { clean, describeError, errorJson, out, printJson, table } from './output.js';

export type RowResult = { line: number | undefined; email: string; role: Role | undefined } & (
  | { kind: 'sent'; invitation: Invitation }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'invalid'; reason: string }
  | { kind: 'not_sent'; reason: string }
);

export function exitCodeOf(result: RowResult): number | undefined {
  if (result.kind === 'failed') return exitCodeFor(result.error);
  if (result.kind === 'invalid') return EXIT.usage;
  if (result.kind === 'not_sent') return EXIT.interrupted;
  return undefined;
}

export function resultJson(result: RowResult) {
  const base = { email: result.email, ...(result.line !== undefined ? { line: result.line } : {}) };
  switch (result.kind) {
    case 'sent':
      return { ...base, ok: true, invitation: result.invitation };
    case 'skipped':
      return { ...base, ok: true, skipped: result.reason };
    case 'failed':
      return { ...base, ok: false, error: errorJson(result.error) };
    case 'invalid':
      return { ...base, ok: false, error: { status: null, type: 'invalid_row', detail: result.reason, errors: [] } };
    case 'not_sent':
      return { ...base, ok: false, error: { status: null, type: 'not_sent', detail: result.reason, errors: [] } };
  }
}

export function printResultJson(result: RowResult): void {
  printJson(resultJson(result));
}

/** The human report: one row per input row, in input order. */
export function printResultTable(results: RowResult[], now: number): void {
  const ordered = [...results].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const withLines = ordered.some((result) => result.line !== undefined);
  const rows = ordered.map((result) => {
    const cells = [SYMBOLS[result.kind], clean(result.email, 254), result.role ?? '', detailOf(result, now)];
    return withLines ? [String(result.line ?? ''), ...cells] : cells;
  });
  const headers = ['', 'ADDRESS', 'ROLE', 'RESULT'];
  for (const line of table(withLines ? ['LINE', ...headers] : headers, rows)) out(line);
}

const SYMBOLS: Record<RowResult['kind'], string> = {
  sent: '✓',
  skipped: '-',
  failed: '✗',
  invalid: '✗',
  not_sent: '…',
};

function detailOf(result: RowResult, now: number): string {
  switch (result.kind) {
    case 'sent':
      return `invited (${clean(result.invitation.status ?? 'pending', 20)}, ${describeExpiry(result.invitation.expires_at, now) || 'no expiry given'})`;
    case 'skipped':
      return `skipped: ${result.reason}`;
    case 'failed':
      return describeError(result.error).join(' ');
    case 'invalid':
      return `invalid: ${result.reason}`;
    case 'not_sent':
      return `not sent: ${result.reason}`;
  }
}
