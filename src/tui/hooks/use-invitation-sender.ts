// Runs the TUI's sends through the shared batch sender, turning its events into flow actions.
// One Idempotency-Key per intent (org, address, role, email setting): `r` and an identical send
// whose outcome is still unknown reuse it, so they can never invite twice; once an intent has its
// answer (sent, or refused for good), sending that address again is a new intent with a new key.
import { useCallback, useRef, type Dispatch } from 'react';
import { newIdempotencyKey } from '../../api/idempotency.js';
import { sendAgainWithSameKey } from '../../api/retry-policy.js';
import type { Role } from '../../api/schemas.js';
import { DEFAULT_CONCURRENCY, sendBatch, type BatchRow } from '../../invites/send-batch.js';
import { intentId, JournalIndex } from '../../journal/intents.js';
import type { Journal } from '../../journal/journal.js';
import type { FlowAction, SendRow } from '../flow/flow-reducer.js';
import { useServices } from '../services.js';

export interface SendRequest {
  org: string;
  role: Role;
  sendEmail: boolean;
  rows: SendRow[];
}

/** Said on a row that goes with the key of an earlier attempt from the journal. */
export const REUSED_KEY_NOTE = 'same Idempotency-Key as an earlier attempt that got no answer';
const BUSY_REASON = 'another invite-tui is sending this address right now';

export function useInvitationSender(dispatch: Dispatch<FlowAction>) {
  const { client, journal, claims, now } = useServices();
  /** Intents of this session still without a definitive outcome, by identity. */
  const openKeys = useRef(new Map<string, { key: string; since: number }>());
  const stopping = useRef(false);

  const send = useCallback(
    async ({ org, role, sendEmail, rows }: SendRequest) => {
      stopping.current = false;
      const identity = (email: string) => intentId({ api: client.baseUrl, org, email, role, sendEmail });
      const queued = rows.filter((row) => row.outcome.state === 'queued');
      const busy = claims ? await claims.claimEach(queued.map((row) => identity(row.email))) : new Set<string>();
      const index = journalIndex(journal);
      const batch: (BatchRow & { identity: string })[] = [];
      const started = rows.map((row): SendRow => {
        if (row.outcome.state !== 'queued') return row;
        const id = identity(row.email);
        if (busy.has(id)) return { ...row, outcome: { state: 'skipped', reason: BUSY_REASON } };
        const inSession = openKeys.current.get(id);
        const fromJournal = inSession ? undefined : index.intents.get(id);
        const reused =
          fromJournal?.state === 'open'
            ? { key: fromJournal.key, since: Date.parse(fromJournal.firstAt) || now() }
            : undefined;
        // The services' clock, which the demo sandbox shares under --clock: replay checks compare it with created_at.
        const key = inSession ?? reused ?? { key: newIdempotencyKey(), since: now() };
        openKeys.current.set(id, key);
        batch.push({ email: row.email, role, idempotencyKey: key.key, since: key.since, identity: id });
        return reused ? { ...row, note: REUSED_KEY_NOTE } : row;
      });
      // Real time: the start of a duration (the rate shown while sending), not a time shown.
      dispatch({ type: 'sendStarted', rows: started, at: Date.now() });
      try {
        await sendBatch({
          client,
          org,
          sendEmail,
          rows: batch,
          concurrency: DEFAULT_CONCURRENCY,
          journal: { journal, api: client.baseUrl, source: 'tui' },
          knownInvitationIds: index.invitationIds,
          shouldStop: () => stopping.current,
          onEvent: (event) => {
            if (event.type === 'rateLimited') dispatch({ type: 'rateLimited', until: event.wait.until });
            else if (event.type === 'started') dispatch({ type: 'rowSending', email: event.row.email });
            else if (event.type === 'sent') {
              openKeys.current.delete(event.row.identity);
              dispatch({
                type: 'rowFinished',
                email: event.row.email,
                outcome: { state: 'sent', invitation: event.invitation },
              });
            } else if (event.type === 'failed') {
              if (sendAgainWithSameKey(event.error) === 'never') openKeys.current.delete(event.row.identity);
              dispatch({
                type: 'rowFinished',
                email: event.row.email,
                outcome: { state: 'failed', error: event.error },
              });
            }
          },
        });
      } finally {
        claims?.releaseAll();
        dispatch({ type: 'sendFinished' });
      }
    },
    [claims, client, dispatch, journal, now],
  );

  /** Stops starting new requests; those in flight finish and are reported. */
  const stop = useCallback(() => {
    stopping.current = true;
    dispatch({ type: 'cancelRequested' });
  }, [dispatch]);

  return { send, stop };
}

/** What the journal knows; empty when it cannot be read (the TUI keeps going without it). */
function journalIndex(journal: Journal): JournalIndex {
  try {
    const index = new JournalIndex();
    journal.scan((entry) => index.add(entry));
    return index;
  } catch {
    return new JournalIndex();
  }
}
