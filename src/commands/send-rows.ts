// The journaled part of `invite-tui send`: claim the rows, resume an unfinished run row by row,
// send through the shared batch sender, and stop cleanly on Ctrl-C, a closed stdout or a journal
// that cannot be written — every row reported either way.
import type { InvitationsClient } from '../api/client.js';
import type { ApiError } from '../api/errors.js';
import { sendAgainWithSameKey } from '../api/retry-policy.js';
import type { InputRow } from '../invites/input-rows.js';
import { resumeLine } from '../invites/resume.js';
import { sendBatch } from '../invites/send-batch.js';
import { defaultClaimsDir } from '../journal/claims.js';
import { JournalWriteError } from '../journal/journal.js';
import { createdByEarlierAttempts, describeHolder, openRun } from '../journal/run-journal.js';
import { EXIT } from './exit-codes.js';
import { onStdoutFailure, say, stdoutFailed } from './output.js';
import { stderrProgress } from './progress.js';
import type { RowResult } from './send-report.js';

/** A journal this large takes a noticeable moment to compact: say what is happening. */
const LARGE_JOURNAL_BYTES = 8 * 2 ** 20;

export interface SendRowsOptions {
  client: InvitationsClient;
  org: string;
  sendEmail: boolean;
  rows: InputRow[];
  concurrency: number;
  force: boolean;
  dryRun: boolean;
  journalPath: string;
  /** Why the pre-flight says a row is not sent (already a member, already pending); undefined to send it. */
  skipReason: (email: string) => string | undefined;
  report: (result: RowResult) => void;
}

export type SendRowsOutcome =
  | 'busy'
  | {
      /** The rows it would send (a dry run) or sent. */
      toSend: InputRow[];
      notStarted: number;
      /** The exit code when the run stopped early (130, 14). */
      stop: number | undefined;
    };

export async function sendRows(options: SendRowsOptions): Promise<SendRowsOutcome> {
  const { client, org, sendEmail, report, journalPath } = options;
  let opened;
  try {
    opened = await openRun(options.rows, {
      api: client.baseUrl,
      org,
      sendEmail,
      force: options.force,
      journalPath,
      claimsDir: defaultClaimsDir(),
      readOnly: options.dryRun,
      onCompacting: (bytes) => {
        if (bytes >= LARGE_JOURNAL_BYTES)
          say(
            `journal: moving finished runs out of ${journalPath} (${Math.round(bytes / 2 ** 20)} MB) into its history…`,
          );
      },
    });
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    sayJournalError(error);
    for (const row of options.rows) report({ ...row, kind: 'not_sent', reason: 'the journal could not be written' });
    return { toSend: [], notStarted: options.rows.length, stop: EXIT.localState };
  }
  if ('busy' in opened) {
    say(
      `invite-tui: ${describeHolder(opened.busy)} is sending some of these rows right now. Nothing was sent: let it finish (or stop it), then run the same command again.`,
    );
    return 'busy';
  }
  const { plan } = opened;
  if (opened.unreadable > 0)
    say(`journal: ${opened.unreadable} line(s) that are not records were skipped (${journalPath})`);
  const resuming = resumeLine(plan, options.force);
  if (resuming) say(resuming);

  const toResend = plan.rows.flatMap((row) => (row.action === 'send' && row.reused ? [row] : []));
  const confirmed = options.dryRun ? new Map() : await createdByEarlierAttempts(client, org, toResend);
  const toSend: SendRow[] = [];
  const wouldSend: InputRow[] = [];
  for (const planned of plan.rows) {
    const { row } = planned;
    const invitation = confirmed.get(row);
    if (planned.action === 'skip')
      report({
        ...row,
        kind: 'skipped',
        reason: `already sent by the unfinished run this resumes${planned.invitationId ? ` (${planned.invitationId})` : ''}`,
      });
    else if (invitation && planned.reused) {
      report({ ...row, kind: 'sent', invitation, note: 'created by an earlier attempt whose answer was never seen' });
      if (!options.dryRun)
        appendQuietly(() =>
          opened.journal.append({
            event: 'sent',
            api: client.baseUrl,
            source: 'send',
            run: plan.run,
            org,
            email: row.email,
            role: row.role,
            send_email: sendEmail,
            idempotency_key: planned.idempotencyKey,
            invitation_id: invitation.id,
          }),
        );
    } else {
      const skip = planned.reused ? undefined : options.skipReason(row.email);
      if (skip) report({ ...row, kind: 'skipped', reason: skip });
      // A dry run only reports the rows: no copy of each with its key.
      else if (options.dryRun) wouldSend.push(row);
      else toSend.push(new SendRow(row, planned.idempotencyKey, planned.since));
    }
  }
  // Each row is sorted now; the plan stays referenced for the whole run (its id), its rows need not.
  plan.rows = [];
  if (options.dryRun) {
    opened.release();
    return { toSend: wouldSend, notStarted: 0, stop: undefined };
  }

  const stopping = watchForStop();
  const progress = stderrProgress(toSend.length);
  // The invite endpoint is the documented one, so its 404 can only mean "no such organization":
  // the other rows would get the same answer, and are not sent.
  let missingOrg: ApiError | undefined;
  let done = 0;
  let failed = 0;
  let open = 0;
  let result;
  try {
    if (toSend.length > 0) opened.start();
    result = await sendBatch({
      client,
      org,
      sendEmail,
      rows: toSend,
      concurrency: options.concurrency,
      journal: { journal: opened.journal, api: client.baseUrl, source: 'send', run: plan.run },
      knownInvitationIds: opened.knownInvitationIds,
      shouldStop: () => stopping.happened() || missingOrg !== undefined,
      onEvent: (event) => {
        if (event.type === 'rateLimited')
          return progress.note(
            `rate limited, waiting ${Math.ceil(event.wait.delayMs / 1000)}s${event.wait.capped ? ' (capped)' : ''}`,
          );
        if (event.type === 'nextPass') return say(`Retrying ${event.rows} row(s) that failed on the server side…`);
        if (event.type === 'started') return;
        if (event.type === 'failed') {
          failed++;
          if (event.error.status === 404) missingOrg ??= event.error;
          if (sendAgainWithSameKey(event.error) !== 'never') open++;
          report({ ...event.row, kind: 'failed', error: event.error });
        } else {
          done++;
          report({ ...event.row, kind: 'sent', invitation: event.invitation });
        }
        progress.update(done, failed);
      },
    });
  } catch (error) {
    stopping.dispose();
    opened.release();
    if (!(error instanceof JournalWriteError)) throw error;
    // Only the run's start record can fail here: nothing was sent.
    progress.finish();
    sayJournalError(error);
    for (const row of toSend) report({ ...row, kind: 'not_sent', reason: 'the journal could not be written' });
    return { toSend, notStarted: toSend.length, stop: EXIT.localState };
  }
  progress.finish();
  stopping.dispose();
  const { notStarted, journalError } = result;
  const why = journalError
    ? 'the journal could not be written; free space or use --journal FILE, then run the same command again'
    : 'interrupted before sending; run the same command again to resume';
  for (const row of notStarted)
    report(
      missingOrg && !journalError
        ? { ...row, kind: 'failed', error: missingOrg }
        : { ...row, kind: 'not_sent', reason: why },
    );
  if (missingOrg)
    say(
      `${org}: no such organization (the server answered 404 to the invitation). Check the key (\`invite-tui orgs\` lists yours where the server offers that list).`,
    );
  const unsent = missingOrg && !journalError ? 0 : notStarted.length;
  try {
    opened.finish(!journalError && unsent === 0 && open === 0);
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    if (!journalError) sayJournalError(error);
    return { toSend, notStarted: notStarted.length, stop: EXIT.localState };
  }
  if (journalError) {
    sayJournalError(journalError);
    return { toSend, notStarted: notStarted.length, stop: EXIT.localState };
  }
  const outputError = stdoutFailed();
  if (outputError) {
    say(
      outputError.code === 'EPIPE'
        ? 'Output closed: stopped starting rows; run the same command again to resume.'
        : `Cannot write the output (${outputError.code ?? 'EIO'}): stopped starting rows; run the same command again to resume.`,
    );
    return { toSend, notStarted: unsent, stop: EXIT.interrupted };
  }
  return { toSend, notStarted: unsent, stop: unsent > 0 ? EXIT.interrupted : undefined };
}

/**
 * A row to send, with its key. One shape for every row: a spread copy each (`{ ...row, key }`)
 * got a hidden class of its own, some 300 bytes a row held for the whole run.
 */
class SendRow implements InputRow {
  readonly line: number | undefined;
  readonly index: number | undefined;
  readonly input: string;
  readonly email: string;
  readonly role: InputRow['role'];
  constructor(
    row: InputRow,
    readonly idempotencyKey: string,
    readonly since: number,
  ) {
    this.line = row.line;
    this.index = row.index;
    this.input = row.input;
    this.email = row.email;
    this.role = row.role;
  }
}

function sayJournalError(error: JournalWriteError): void {
  say(`invite-tui: ${error.message}.`);
  say(
    'Nothing more was sent. Free space or fix the permissions, or point --journal FILE somewhere writable; then run the same command again.',
  );
}

function appendQuietly(append: () => void): void {
  try {
    append();
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    // The row is reported; its intent stays open, and the next run confirms it again.
  }
}

/** A first SIGINT or a closed stdout stops starting rows; a second SIGINT quits at once. */
function watchForStop() {
  let happened = false;
  const onSignal = () => {
    if (happened) process.exit(EXIT.interrupted);
    happened = true;
    say('\nStopping: letting the requests in flight finish (Ctrl-C again to quit now)…');
  };
  process.on('SIGINT', onSignal);
  const unsubscribe = onStdoutFailure(() => (happened = true));
  return {
    happened: () => happened || stdoutFailed() !== undefined,
    dispose: () => {
      process.off('SIGINT', onSignal);
      unsubscribe();
    },
  };
}
