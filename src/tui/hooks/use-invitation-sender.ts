// Runs the TUI's sends through the shared batch sender, turning its events into flow actions.
// One Idempotency-Key per address for the session, so `r` can never invite twice.
import { useCallback, useRef, type Dispatch } from 'react';
import { newIdempotencyKey } from '../../api/idempotency.js';
import type { Role } from '../../api/schemas.js';
import { DEFAULT_CONCURRENCY, sendBatch } from '../../invites/send-batch.js';
import type { FlowAction, SendRow } from '../flow/flow-reducer.js';
import { useServices } from '../services.js';

export interface SendRequest {
  org: string;
  role: Role;
  sendEmail: boolean;
  rows: SendRow[];
}

export function useInvitationSender(dispatch: Dispatch<FlowAction>) {
  const { client, journal } = useServices();
  const keys = useRef(new Map<string, string>());
  const stopping = useRef(false);

  const send = useCallback(
    async ({ org, role, sendEmail, rows }: SendRequest) => {
      stopping.current = false;
      // Real time: the start of a duration (the rate shown while sending), not a time shown.
      dispatch({ type: 'sendStarted', rows, at: Date.now() });
      const keyFor = (email: string) => {
        const key = keys.current.get(email) ?? newIdempotencyKey();
        keys.current.set(email, key);
        return key;
      };
      const queued = rows
        .filter((row) => row.outcome.state === 'queued')
        .map((row) => ({ email: row.email, role, idempotencyKey: keyFor(row.email) }));
      await sendBatch({
        client,
        org,
        sendEmail,
        rows: queued,
        concurrency: DEFAULT_CONCURRENCY,
        journal: { journal, api: client.baseUrl, source: 'tui' },
        shouldStop: () => stopping.current,
        onEvent: (event) => {
          if (event.type === 'rateLimited') dispatch({ type: 'rateLimited', until: event.wait.until });
          else if (event.type === 'started') dispatch({ type: 'rowSending', email: event.row.email });
          else if (event.type === 'sent')
            dispatch({
              type: 'rowFinished',
              email: event.row.email,
              outcome: { state: 'sent', invitation: event.invitation },
            });
          else
            dispatch({ type: 'rowFinished', email: event.row.email, outcome: { state: 'failed', error: event.error } });
        },
      });
      dispatch({ type: 'sendFinished' });
    },
    [client, dispatch, journal],
  );

  /** Stops starting new requests; those in flight finish and are reported. */
  const stop = useCallback(() => {
    stopping.current = true;
    dispatch({ type: 'cancelRequested' });
  }, [dispatch]);

  return { send, stop };
}
