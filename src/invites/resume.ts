// Resuming a bulk run from the journal: rows the server confirmed are not sent again, and rows
// that were in flight (or failed in a way a retry can fix) go again with their original key.
import { createHash } from 'node:crypto';
import { newIdempotencyKey } from '../api/idempotency.js';
import type { JournalEntry } from '../journal/journal.js';

export type PastOutcome =
  { state: 'sent'; invitationId: string | undefined } | { state: 'retry'; key: string } | { state: 'failed' };

/** A run is its input: the same API, org, email setting and rows give the same id. */
export function runId(api: string, org: string, sendEmail: boolean, rows: { email: string; role: string }[]): string {
  const input = JSON.stringify([api, org, sendEmail, rows.map((row) => [row.email.toLowerCase(), row.role])]);
  return createHash('sha256').update(input).digest('hex').slice(0, 16);
}

/** The last journaled outcome of each address in this run. */
export function pastOutcomes(entries: JournalEntry[], run: string): Map<string, PastOutcome> {
  const outcomes = new Map<string, PastOutcome>();
  for (const entry of entries) {
    if (entry.run !== run) continue;
    const email = entry.email.toLowerCase();
    if (entry.event === 'sent') outcomes.set(email, { state: 'sent', invitationId: entry.invitation_id });
    else if (entry.event === 'attempt' || retryableFailure(entry))
      outcomes.set(email, { state: 'retry', key: entry.idempotency_key });
    else outcomes.set(email, { state: 'failed' });
  }
  return outcomes;
}

/** The key for a row: its journaled one when a retry must reuse it, else a fresh one. */
export function keyFor(email: string, outcomes: Map<string, PastOutcome>): string {
  const past = outcomes.get(email.toLowerCase());
  return past?.state === 'retry' ? past.key : newIdempotencyKey();
}

// A definitive refusal (401, 403, 409, 422 …) gets a fresh key next time, so a fixed cause
// (a new token, external invites switched on) is not answered with the stored refusal.
function retryableFailure(entry: JournalEntry): boolean {
  return entry.event === 'failed' && (entry.status === undefined || entry.status === 429 || entry.status >= 500);
}
