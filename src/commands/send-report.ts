// What `send` reports for each row: JSON Lines as results arrive, or a table at the end.
import type { ApiError } from '../api/errors.js';
import type { Invitation, Role } from '../api/schemas.js';
import { describeExpiry } from '../invites/format.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { sanitizeAndCap, describeError, errorJson, out, printJson, table } from './output.js';

export type RowResult = {
  line: number | undefined;
  /** Position among the command-line arguments, for addresses given there. */
  index?: number | undefined;
  email: string;
  role: Role | undefined;
} & (
  | { kind: 'sent'; invitation: Invitation; note?: string }
  | { kind: 'would_send' }
  | { kind: 'over_limit'; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'invalid'; reason: string }
  | { kind: 'not_sent'; reason: string }
);

export function exitCodeOf(result: RowResult): number | undefined {
  if (result.kind === 'failed') return exitCodeFor(result.error);
  // A row refused here is the row's mistake, not the command line's: 2 is for usage alone.
  if (result.kind === 'invalid') return EXIT.validation;
  if (result.kind === 'over_limit') return EXIT.permission;
  if (result.kind === 'not_sent') return EXIT.interrupted;
  return undefined;
}

export function resultJson(result: RowResult): Record<string, unknown> {
  // Built in place (one object per row, not a spread of several): a large run writes one per row.
  const json: Record<string, unknown> = { email: result.email };
  if (result.line !== undefined) json.line = result.line;
  if (result.index !== undefined) json.index = result.index;
  const refused = (type: string, detail: string) => {
    json.ok = false;
    json.error = { status: null, type, detail, errors: [] };
  };
  switch (result.kind) {
    case 'sent':
      json.ok = true;
      json.invitation = result.invitation;
      if (result.note) json.note = result.note;
      break;
    case 'would_send':
      json.ok = true;
      json.dry_run = 'would send';
      json.role = result.role;
      break;
    case 'over_limit':
      refused('member_limit', result.reason);
      break;
    case 'skipped':
      json.ok = true;
      json.skipped = result.reason;
      break;
    case 'failed':
      json.ok = false;
      json.error = errorJson(result.error);
      break;
    case 'invalid':
      refused('invalid_row', result.reason);
      break;
    case 'not_sent':
      refused('not_sent', result.reason);
      break;
  }
  return json;
}

export function printResultJson(result: RowResult): void {
  printJson(resultJson(result));
}

/** The human report: one row per input row, in input order. */
export function printResultTable(results: RowResult[], now: number): void {
  // Arguments first, in the order given, then the file's rows by line.
  const position = (result: RowResult) => (result.line === undefined ? (result.index ?? 0) : 1e9 + result.line);
  const ordered = [...results].sort((a, b) => position(a) - position(b));
  const withLines = ordered.some((result) => result.line !== undefined);
  const rows = ordered.map((result) => {
    const cells = [SYMBOLS[result.kind], sanitizeAndCap(result.email, 254), result.role ?? '', detailOf(result, now)];
    return withLines ? [String(result.line ?? ''), ...cells] : cells;
  });
  const headers = ['', 'ADDRESS', 'ROLE', 'RESULT'];
  for (const line of table(withLines ? ['LINE', ...headers] : headers, rows)) out(line);
}

const SYMBOLS: Record<RowResult['kind'], string> = {
  sent: '✓',
  would_send: '→',
  over_limit: '✗',
  skipped: '-',
  failed: '✗',
  invalid: '✗',
  not_sent: '…',
};

function detailOf(result: RowResult, now: number): string {
  switch (result.kind) {
    case 'sent':
      return `${describeSent(result.invitation, result.role, now)}${result.note ? `: ${result.note}` : ''}`;
    case 'would_send':
      return 'would send';
    case 'over_limit':
      return `not sent: ${result.reason}`;
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

/** Only what the server said: the documented answer may be the role alone. */
function describeSent(invitation: Invitation, requested: Role | undefined, now: number): string {
  const role = sanitizeAndCap(invitation.role, 20);
  const facts = [
    invitation.status ? sanitizeAndCap(invitation.status, 20) : undefined,
    invitation.status === 'pending' || invitation.status === undefined
      ? describeExpiry(invitation.expires_at, now) || undefined
      : undefined,
    invitation.id ? sanitizeAndCap(invitation.id, 60) : undefined,
  ].filter(Boolean);
  const differs = requested !== undefined && invitation.role !== requested;
  const invited = differs ? `invited as ${role} (asked for ${requested})` : 'invited';
  return [invited, ...facts].join(' · ');
}
