// Resuming by row, not by file: each row is an intent (API, org, address, role, email setting).
// A run is open until every row has a definitive outcome; running the same rows again while it is
// open resumes it — rows it sent are skipped, rows whose attempt has no outcome go again with their
// original key — however the input was edited or reordered. After a finished run, the same
// command is a new run: new keys, nothing skipped. An unresolved key is never dropped, not even by
// --force: sending that intent again without it could invite twice.
import { randomBytes } from 'node:crypto';
import { newIdempotencyKey } from '../api/idempotency.js';
import { intentId, type JournalIndex, type RunState } from '../journal/intents.js';

export interface RowPlanContext {
  api: string;
  org: string;
  sendEmail: boolean;
  /** --force: nothing an earlier run sent is skipped. */
  force: boolean;
  /** A plan that is only looked at (a dry run): new rows get no key (''), as nothing is sent. */
  readOnly?: boolean | undefined;
}

export type RowPlan<R> =
  | { row: R; action: 'skip'; invitationId: string | undefined }
  | {
      row: R;
      action: 'send';
      idempotencyKey: string;
      /** When the key was first used: an answer created well before cannot be this send's. */
      since: number;
      /** The key of an earlier attempt whose outcome is unknown. */
      reused: boolean;
    };

export interface RunPlan<R> {
  /** The run these rows are journaled under: the open run they resume, or a new one. */
  run: string;
  /** Open runs these rows belong to: ended together when every row has its outcome. */
  resumed: RunState[];
  rows: RowPlan<R>[];
}

function newRunId(): string {
  return randomBytes(8).toString('hex');
}

export function planRun<R extends { email: string; role: string }>(
  rows: readonly R[],
  context: RowPlanContext,
  index: JournalIndex,
  now = Date.now(),
): RunPlan<R> {
  const { api, org, sendEmail } = context;
  // A journal that knows no intent (a fresh one) has nothing to resume: no identity is needed.
  const identities =
    index.intents.size === 0
      ? []
      : rows.map((row) => intentId({ api, org, sendEmail, email: row.email, role: row.role }));
  const openRuns = new Map(
    index
      .openRuns()
      .filter((run) => run.api === context.api && run.org === context.org)
      .map((run) => [run.run, run]),
  );
  // The open runs this input takes part in: one of its rows was sent or tried in them.
  const resumed = new Map<string, RunState>();
  for (const identity of identities) {
    const state = index.intents.get(identity);
    const run = state?.run === undefined ? undefined : openRuns.get(state.run);
    if (run) resumed.set(run.run, run);
  }
  const planned = rows.map((row, i): RowPlan<R> => {
    const identity = identities[i];
    const state = identity === undefined ? undefined : index.intents.get(identity);
    if (state?.state === 'open')
      return { row, action: 'send', idempotencyKey: state.key, since: Date.parse(state.firstAt) || now, reused: true };
    if (state?.state === 'sent' && !context.force && state.run !== undefined && resumed.has(state.run))
      return { row, action: 'skip', invitationId: state.invitationId };
    return {
      row,
      action: 'send',
      idempotencyKey: context.readOnly ? '' : newIdempotencyKey(),
      since: now,
      reused: false,
    };
  });
  const latest = [...resumed.values()].sort((a, b) => (a.lastAt < b.lastAt ? 1 : -1))[0];
  return { run: latest?.run ?? newRunId(), resumed: [...resumed.values()], rows: planned };
}

/** The one stderr line that says a run resumes, and what that means for its rows; undefined for a new run. */
export function resumeLine(plan: RunPlan<unknown>, force: boolean): string | undefined {
  if (plan.resumed.length === 0) return undefined;
  const skipped = plan.rows.filter((row) => row.action === 'skip').length;
  const reused = plan.rows.filter((row) => row.action === 'send' && row.reused).length;
  const latest = plan.resumed.find((run) => run.run === plan.run);
  const when = latest?.lastAt ? ` from ${latest.lastAt.replace('T', ' ').slice(0, 16)} UTC` : '';
  const skipping = force ? '--force: no row is skipped' : `${skipped} row(s) it already sent are skipped`;
  return `Resuming the unfinished run${when}: ${skipping}, ${reused} row(s) without a confirmed outcome go again with their original key.`;
}
