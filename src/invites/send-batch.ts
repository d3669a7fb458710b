// Sends many invitations: a bounded number in flight, everyone paused while the server says
// 429, each row journaled with its Idempotency-Key before its request and with its outcome after.
// Shared by the TUI and `invite-tui send`; no terminal code here.
import type { InvitationsClient, RetryWait } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { Invitation, Role } from '../api/schemas.js';
import type { Journal } from '../journal/journal.js';
import { Pacer } from './pacer.js';

/** Requests in flight at once, unless the caller asks for another number. */
export const DEFAULT_CONCURRENCY = 4;

export interface BatchRow {
  email: string;
  role: Role;
  /** Reused on every retry of this row, across runs too: the server answers a repeat with the original. */
  idempotencyKey: string;
}

export type BatchEvent<R extends BatchRow> =
  | { type: 'started'; row: R }
  | { type: 'sent'; row: R; invitation: Invitation }
  | { type: 'failed'; row: R; error: ApiError }
  | { type: 'rateLimited'; wait: RetryWait };

export interface BatchOptions<R extends BatchRow> {
  client: InvitationsClient;
  org: string;
  sendEmail: boolean;
  rows: readonly R[];
  concurrency: number;
  onEvent: (event: BatchEvent<R>) => void;
  journal?: { journal: Journal; api: string; source: 'tui' | 'send'; run?: string };
  /** Checked before each new request: true stops starting more (those in flight finish). */
  shouldStop?: () => boolean;
}

/** Resolves when every started request has settled; returns the rows never started. */
export async function sendBatch<R extends BatchRow>(options: BatchOptions<R>): Promise<R[]> {
  const { client, org, sendEmail, onEvent, journal } = options;
  const queue = [...options.rows];
  const stopped = () => options.shouldStop?.() ?? false;
  let pausedUntil = 0;
  const pacer = new Pacer(options.concurrency);
  const onRetryWait = (wait: RetryWait) => {
    if (wait.reason.status !== 429) return;
    pausedUntil = Math.max(pausedUntil, wait.until);
    pacer.rateLimited(wait.until);
    onEvent({ type: 'rateLimited', wait });
  };
  const record = (
    row: R,
    outcome: {
      event: 'attempt' | 'sent' | 'failed';
      invitation_id?: string | undefined;
      status?: number | undefined;
      error_type?: string | undefined;
    },
  ) =>
    journal?.journal.append({
      api: journal.api,
      source: journal.source,
      run: journal.run,
      org,
      email: row.email,
      role: row.role,
      idempotency_key: row.idempotencyKey,
      ...outcome,
    });

  const worker = async () => {
    while (queue.length > 0 && !stopped()) {
      // A 429 seen by any worker holds back every new request until its Retry-After has passed.
      while (pausedUntil > Date.now() && !stopped()) await sleep(Math.min(250, pausedUntil - Date.now()));
      await pacer.slot();
      const row = stopped() ? undefined : queue.shift();
      if (!row) break;
      const startedAt = Date.now();
      record(row, { event: 'attempt' });
      onEvent({ type: 'started', row });
      try {
        const invitation = await client.createInvitation(
          org,
          { email: row.email, role: row.role, send_email: sendEmail },
          { idempotencyKey: row.idempotencyKey, onRetryWait },
        );
        pacer.accept(startedAt);
        record(row, { event: 'sent', invitation_id: invitation.id });
        onEvent({ type: 'sent', row, invitation });
      } catch (caught) {
        const error =
          caught instanceof ApiError ? caught : new ApiError({ kind: 'network', detail: 'The request failed' });
        record(row, { event: 'failed', status: error.status, error_type: error.type ?? error.kind });
        onEvent({ type: 'failed', row, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, queue.length)) }, worker));
  return queue;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
