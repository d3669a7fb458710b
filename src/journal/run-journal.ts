// A bulk run's hold on the journal: its rows claimed (refused when another live process is
// sending one of them), the journal read (and compacted when nobody else is sending), each row
// planned (skip, resume with its key, or a new key), and at the end the run marked finished when
// every row has its outcome.
import type { InvitationsClient } from '../api/client.js';
import type { Invitation } from '../api/schemas.js';
import { planRun, type RowPlanContext, type RunPlan } from '../invites/resume.js';
import { RowClaims, type Holder } from './claims.js';
import { intentId } from './intents.js';
import { runJournal, type Journal } from './journal.js';
import { loadJournal } from './rotate.js';

export interface RunJournalOptions extends RowPlanContext {
  journalPath: string;
  claimsDir: string;
  /** Read only: no claims, no compaction, nothing written (a dry run). */
  readOnly?: boolean;
  /** Told before the journal is compacted, with its size in bytes. */
  onCompacting?: (bytes: number) => void;
}

export interface OpenedRun<R> {
  journal: Journal;
  plan: RunPlan<R>;
  /** Lines of the journal that were not records. */
  unreadable: number;
  /** Records moved to the history by this run's compaction. */
  moved: number;
  knownInvitationIds: ReadonlySet<string>;
  /** Journals the run's start (a new run with rows to send). */
  start(): void;
  /** Marks the run (and every open run it resumed) finished, then gives the claims back. */
  finish(everyRowHasOutcome: boolean): void;
  release(): void;
}

export type OpenRunResult<R> = { busy: Holder | undefined } | OpenedRun<R>;

/** Throws JournalWriteError when the claims or the journal cannot be written. */
export async function openRun<R extends { email: string; role: string }>(
  rows: readonly R[],
  options: RunJournalOptions,
): Promise<OpenRunResult<R>> {
  const claims = new RowClaims(options.claimsDir);
  if (!options.readOnly) {
    const identities = rows.map((row) => intentId({ ...options, email: row.email, role: row.role }));
    const claimed = await claims.claimAll(identities);
    if (!claimed.ok) return { busy: claimed.holder };
  }
  try {
    const loaded = loadJournal(
      options.journalPath,
      options.readOnly ? undefined : (work) => claims.whileAlone(work),
      options.onCompacting,
    );
    const plan = planRun(rows, options, loaded.index);
    // Open for as long as the claims are held; closed before they are given back.
    const journal = runJournal(options.journalPath);
    const release = () => {
      try {
        journal.close();
      } finally {
        claims.releaseAll();
      }
    };
    const runRecord = (event: 'start' | 'end', run: string) =>
      journal.append({ event, run, api: options.api, org: options.org, source: 'send' });
    return {
      journal,
      plan,
      unreadable: loaded.skipped,
      moved: loaded.moved,
      knownInvitationIds: loaded.index.invitationIds,
      start: () => {
        if (plan.resumed.length === 0) runRecord('start', plan.run);
      },
      finish(everyRowHasOutcome) {
        try {
          if (everyRowHasOutcome && !options.readOnly) {
            const runs = new Set([plan.run, ...plan.resumed.map((run) => run.run)]);
            for (const run of runs) runRecord('end', run);
          }
        } finally {
          release();
        }
      },
      release,
    };
  } catch (error) {
    claims.releaseAll();
    throw error;
  }
}

/** How far the server's clock may run behind ours when matching an invitation to an attempt. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Rows whose earlier attempt has no journaled outcome, matched against the server's pending
 * invitations: one for the same address and role, created after the attempt began, is that
 * attempt's (the server may not honour Idempotency-Key, so sending again could invite twice).
 * Empty when the server cannot list invitations.
 */
export async function createdByEarlierAttempts<R extends { email: string; role: string }>(
  client: InvitationsClient,
  org: string,
  rows: { row: R; since: number }[],
): Promise<Map<R, Invitation>> {
  const found = new Map<R, Invitation>();
  if (rows.length === 0) return found;
  let pending: Invitation[];
  try {
    pending = await client.listInvitations(org, { status: 'pending' });
  } catch {
    return found;
  }
  for (const { row, since } of rows) {
    const match = pending.find(
      (invitation) =>
        (invitation.email ?? '').toLowerCase() === row.email.toLowerCase() &&
        invitation.role === row.role &&
        (invitation.created_at === undefined || Date.parse(invitation.created_at) >= since - CLOCK_SKEW_MS),
    );
    if (match) found.set(row, match);
  }
  return found;
}

export function describeHolder(holder: Holder | undefined): string {
  if (!holder) return 'another invite-tui process';
  return `invite-tui process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''} (since ${holder.since})`;
}
