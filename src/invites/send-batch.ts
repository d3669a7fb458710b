// Sends many invitations: a bounded number in flight, every pause owned by the pacer, each row
// journaled with its Idempotency-Key before its request and with its outcome after. Rows that
// fail where the same key may go again get extra passes. Shared by the TUI and `invite-tui send`;
// no terminal code here.
import type { InvitationsClient, RetryWait } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { REPLAYED_ANSWER, sendAgainWithSameKey } from '../api/retry-policy.js';
import type { Invitation, Role } from '../api/schemas.js';
import { JournalWriteError, type Journal } from '../journal/journal.js';
import { Pacer } from './pacer.js';

/** Requests in flight at once, unless the caller asks for another number. */
export const DEFAULT_CONCURRENCY = 4;
/** The first pass and up to two more for rows the same key may repeat (429, 502, 504, dropped). */
const DEFAULT_PASSES = 3;
const PASS_PAUSE_MS = 1_000;
/** How far the server's clock may run behind ours before an answer counts as older than the send. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface BatchRow {
  email: string;
  role: Role;
  /** Reused on every retry of this row, across runs too: the server answers a repeat with the original. */
  idempotencyKey: string;
  /** When this key was first used (epoch ms); now, for a new one. */
  since?: number | undefined;
}

export type BatchEvent<R extends BatchRow> =
  | { type: 'started'; row: R }
  | { type: 'sent'; row: R; invitation: Invitation }
  | { type: 'failed'; row: R; error: ApiError }
  | { type: 'rateLimited'; wait: RetryWait }
  | { type: 'nextPass'; rows: number };

export interface BatchOptions<R extends BatchRow> {
  /** Only its invite call is used, so tests can drive the batch with a fake. */
  client: Pick<InvitationsClient, 'createInvitation'>;
  org: string;
  sendEmail: boolean;
  rows: readonly R[];
  concurrency: number;
  onEvent: (event: BatchEvent<R>) => void;
  journal?: { journal: Journal; api: string; source: 'tui' | 'send'; run?: string };
  /** Checked before each new request: true stops starting more (those in flight finish). */
  shouldStop?: () => boolean;
  /** Passes over rows that failed where the same key may go again (default 3). */
  passes?: number;
  passPauseMs?: number;
  /** Invitations earlier sends created: the same one answered again is a replay, not a new invitation. */
  knownInvitationIds?: ReadonlySet<string>;
}

export interface BatchResult<R> {
  /** Rows never started: a stop, or a journal that could not be written. */
  notStarted: R[];
  /** Set when the journal could not be written; the batch stopped there. */
  journalError: JournalWriteError | undefined;
}

export async function sendBatch<R extends BatchRow>(options: BatchOptions<R>): Promise<BatchResult<R>> {
  const { client, org, sendEmail, onEvent, journal } = options;
  const passes = options.passes ?? DEFAULT_PASSES;
  const knownIds = new Set(options.knownInvitationIds);
  const pacer = new Pacer(options.concurrency);
  let journalError: JournalWriteError | undefined;
  const stopped = () => journalError !== undefined || (options.shouldStop?.() ?? false);
  const onRetryWait = (wait: RetryWait) => {
    if (wait.reason.status !== 429) return;
    pacer.rateLimited(wait.until);
    onEvent({ type: 'rateLimited', wait });
  };
  const record = (
    row: R,
    outcome: Partial<Parameters<Journal['append']>[0]> & { event: 'attempt' | 'sent' | 'failed' },
  ) => {
    if (!journal) return true;
    try {
      journal.journal.append({
        api: journal.api,
        source: journal.source,
        run: journal.run,
        org,
        email: row.email,
        role: row.role,
        send_email: sendEmail,
        idempotency_key: row.idempotencyKey,
        ...outcome,
      } as Parameters<Journal['append']>[0]);
      return true;
    } catch (error) {
      if (!(error instanceof JournalWriteError)) throw error;
      journalError ??= error;
      return false;
    }
  };

  let queue = [...options.rows];
  let notStarted: R[] = [];
  for (let pass = 1; queue.length > 0; pass++) {
    const again: { row: R; error: ApiError }[] = [];
    const finalPass = pass >= passes;
    const worker = async () => {
      while (queue.length > 0 && (await pacer.slot(stopped))) {
        const row = queue.shift();
        if (!row) break;
        if (!record(row, { event: 'attempt' })) {
          queue.unshift(row);
          break;
        }
        const startedAt = Date.now();
        onEvent({ type: 'started', row });
        let outcome: { invitation: Invitation } | { error: ApiError };
        try {
          const invitation = await client.createInvitation(
            org,
            { email: row.email, role: row.role, send_email: sendEmail },
            { idempotencyKey: row.idempotencyKey, onRetryWait },
          );
          pacer.accept(startedAt);
          const replayed = replayReason(invitation, row, knownIds);
          outcome = replayed ? { error: replayed } : { invitation };
        } catch (caught) {
          outcome = {
            error:
              caught instanceof ApiError ? caught : new ApiError({ kind: 'network', detail: 'The request failed' }),
          };
        }
        if ('invitation' in outcome) {
          if (outcome.invitation.id) knownIds.add(outcome.invitation.id);
          record(row, { event: 'sent', invitation_id: outcome.invitation.id });
          onEvent({ type: 'sent', row, invitation: outcome.invitation });
          continue;
        }
        const { error } = outcome;
        record(row, {
          event: 'failed',
          status: error.status,
          error_type: error.type ?? error.kind,
          error_kind: error.kind,
        });
        if (!finalPass && sendAgainWithSameKey(error) === 'now') again.push({ row, error });
        else onEvent({ type: 'failed', row, error });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, queue.length)) }, worker));
    notStarted = queue;
    if (stopped()) {
      // Rows kept for another pass have a failure to show: report it rather than start them.
      for (const { row, error } of again) onEvent({ type: 'failed', row, error });
      break;
    }
    queue = again.map(({ row }) => row);
    if (queue.length > 0) {
      onEvent({ type: 'nextPass', rows: queue.length });
      pacer.pauseUntil(Date.now() + (options.passPauseMs ?? PASS_PAUSE_MS));
    }
  }
  return { notStarted, journalError };
}

/**
 * Why a success answer cannot be this send's new invitation, if it cannot: the server replayed
 * its answer to an earlier send (an id seen before, an invitation older than this key), or
 * answered for another address.
 */
function replayReason(invitation: Invitation, row: BatchRow, knownIds: ReadonlySet<string>): ApiError | undefined {
  const id = invitation.id ?? '';
  const created = invitation.created_at ? Date.parse(invitation.created_at) : NaN;
  const since = row.since ?? Date.now();
  let why: string | undefined;
  if (id && knownIds.has(id)) why = `invitation ${id} was created by an earlier send`;
  else if (invitation.email && invitation.email.toLowerCase() !== row.email.toLowerCase())
    why = 'the answer is an invitation for another address';
  else if (created < since - CLOCK_SKEW_MS)
    why = `invitation ${id || '(no id)'} was created at ${invitation.created_at}, before this send`;
  if (!why) return undefined;
  return new ApiError({
    kind: 'invalid_response',
    type: REPLAYED_ANSWER,
    detail: `The server answered with an earlier send's invitation (${why}): nothing new was created. Revoke it or wait for it to expire, then send again.`,
  });
}
