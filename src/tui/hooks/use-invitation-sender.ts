// Sends a batch of invitations: a few at a time, pausing everyone on a 429, keeping one
// Idempotency-Key per address so any retry (automatic or `r`) can never invite twice.
import { useCallback, useRef, type Dispatch } from 'react';
import { newIdempotencyKey, type RetryWait } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { Role } from '../../api/schemas.js';
import type { FlowAction, SendRow } from '../flow/flow-reducer.js';
import { useServices } from '../services.js';

export const SEND_CONCURRENCY = 4;

export interface SendRequest {
  org: string;
  role: Role;
  sendEmail: boolean;
  rows: SendRow[];
}

export function useInvitationSender(dispatch: Dispatch<FlowAction>) {
  const { client, journal, now } = useServices();
  const keys = useRef(new Map<string, string>());
  const stopping = useRef(false);

  const send = useCallback(
    async ({ org, role, sendEmail, rows }: SendRequest) => {
      stopping.current = false;
      dispatch({ type: 'sendStarted', rows, at: now() });
      const queue = rows.filter((row) => row.outcome.state === 'queued');
      let pausedUntil = 0;
      const onRetryWait = (wait: RetryWait) => {
        if (wait.reason.status !== 429) return;
        pausedUntil = Math.max(pausedUntil, wait.until);
        dispatch({ type: 'rateLimited', until: wait.until });
      };

      const worker = async () => {
        for (let row = queue.shift(); row && !stopping.current; row = queue.shift()) {
          // A 429 seen by any worker holds back every new request until Retry-After has passed.
          while (pausedUntil > Date.now() && !stopping.current) await sleep(Math.min(250, pausedUntil - Date.now()));
          if (stopping.current) {
            queue.unshift(row);
            break;
          }
          const key = keys.current.get(row.email) ?? newIdempotencyKey();
          keys.current.set(row.email, key);
          const entry = { org, email: row.email, role, idempotency_key: key, source: 'tui' as const };
          journal.append({ ...entry, event: 'attempt' });
          dispatch({ type: 'rowSending', email: row.email });
          try {
            const invitation = await client.createInvitation(org, { email: row.email, role, send_email: sendEmail }, { idempotencyKey: key, onRetryWait });
            journal.append({ ...entry, event: 'sent', invitation_id: invitation.id });
            dispatch({ type: 'rowFinished', email: row.email, outcome: { state: 'sent', invitation } });
          } catch (caught) {
            const error = caught instanceof ApiError ? caught : new ApiError({ kind: 'network', detail: 'The request failed' });
            journal.append({ ...entry, event: 'failed', status: error.status, error_type: error.type ?? error.kind });
            dispatch({ type: 'rowFinished', email: row.email, outcome: { state: 'failed', error } });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, worker));
      dispatch({ type: 'sendFinished' });
    },
    [client, dispatch, journal, now],
  );

  /** Stops starting new requests; those in flight finish and are reported. */
  const stop = useCallback(() => {
    stopping.current = true;
    dispatch({ type: 'cancelRequested' });
  }, [dispatch]);

  return { send, stop };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
