import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { rowsToRetry } from '../../src/tui/screens/result-step.js';
import {
  flowReducer,
  initialFlowState,
  tally,
  type FlowAction,
  type FlowState,
  type SendRow,
} from '../../src/tui/flow/flow-reducer.js';

const run = (actions: FlowAction[], state: FlowState = initialFlowState()) => actions.reduce(flowReducer, state);
const row = (email: string, outcome: SendRow['outcome'] = { state: 'queued' }): SendRow => ({
  email,
  display: email,
  outcome,
});
const failure = new ApiError({ kind: 'http', status: 502, detail: 'bad gateway' });

describe('flowReducer', () => {
  it('walks org → emails → role → review, and back step by step', () => {
    const review = run([
      { type: 'orgOpened', org: { key: 'acme' } },
      { type: 'addressTextChanged', text: 'a@acme.test' },
      { type: 'addressesConfirmed' },
      { type: 'roleChosen', role: 'contributor' },
    ]);
    expect(review).toMatchObject({
      step: 'review',
      org: { key: 'acme' },
      role: 'contributor',
      addressText: 'a@acme.test',
      sendEmail: true,
    });
    expect(run([{ type: 'back' }], review).step).toBe('role');
    expect(run([{ type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' }], review).step).toBe('org');
  });

  it('starts with reader preselected and the invitation email on', () => {
    expect(initialFlowState()).toMatchObject({ step: 'org', role: 'reader', sendEmail: true });
    expect(run([{ type: 'sendEmailToggled' }]).sendEmail).toBe(false);
  });

  it('tracks each row through sending to the result', () => {
    const state = run([
      { type: 'orgOpened', org: { key: 'acme' } },
      { type: 'sendStarted', rows: [row('a@x.test'), row('b@x.test')], at: 1 },
      { type: 'rowSending', email: 'a@x.test' },
      { type: 'rowFinished', email: 'a@x.test', outcome: { state: 'sent', invitation: { role: 'reader' } } },
      { type: 'rowFinished', email: 'b@x.test', outcome: { state: 'failed', error: failure } },
      { type: 'sendFinished' },
    ]);
    expect(state.step).toBe('result');
    expect(tally(state.rows)).toEqual({ total: 2, sent: 1, failed: 1, skipped: 0, done: 2, notSent: 0 });
  });

  it('a retry resends only the failed rows and keeps the typed order', () => {
    const result: FlowState = {
      ...initialFlowState(),
      step: 'result',
      rows: [
        row('a@x.test', { state: 'sent', invitation: { role: 'reader' } }),
        row('b@x.test', { state: 'failed', error: failure }),
        row('c@x.test', { state: 'skipped', reason: 'pending' }),
      ],
    };
    const retried = run([{ type: 'sendStarted', rows: [row('b@x.test')], at: 2 }], result);
    expect(retried.step).toBe('sending');
    expect(retried.rows.map((r) => [r.email, r.outcome.state])).toEqual([
      ['a@x.test', 'sent'],
      ['b@x.test', 'queued'],
      ['c@x.test', 'skipped'],
    ]);
  });

  it('keeps the latest rate-limit deadline, and clears it when sending ends', () => {
    const paused = run([
      { type: 'rateLimited', until: 5_000 },
      { type: 'rateLimited', until: 3_000 },
    ]);
    expect(paused.rateLimitedUntil).toBe(5_000);
    expect(run([{ type: 'sendFinished' }], paused).rateLimitedUntil).toBeUndefined();
  });

  it('a 422 sends the person back to the field with the message, cleared once they edit', () => {
    const fixing = run([{ type: 'fixField', field: 'emails', message: 'blocked by policy' }]);
    expect(fixing).toMatchObject({ step: 'emails', fieldMessage: { field: 'emails', message: 'blocked by policy' } });
    expect(run([{ type: 'addressTextChanged', text: 'other@x.test' }], fixing).fieldMessage).toBeUndefined();
  });

  it('Browse opens over any step and Tab returns to where the person was', () => {
    const review = run([
      { type: 'orgOpened', org: { key: 'acme' } },
      { type: 'addressesConfirmed' },
      { type: 'roleChosen', role: 'reader' },
    ]);
    const browsing = run([{ type: 'browseOpened', filter: 'a@x.test' }], review);
    expect(browsing).toMatchObject({ step: 'browse', returnStep: 'review', browseInitialFilter: 'a@x.test' });
    expect(run([{ type: 'browseClosed' }], browsing)).toMatchObject({ step: 'review', browseInitialFilter: undefined });
    expect(run([{ type: 'back' }], browsing).step).toBe('review');
  });

  it('a new invitation keeps the org and role and clears the addresses and results', () => {
    const done: FlowState = {
      ...run([
        { type: 'orgOpened', org: { key: 'acme' } },
        { type: 'roleChosen', role: 'owner' },
      ]),
      step: 'result',
      addressText: 'a@x.test',
      rows: [row('a@x.test')],
    };
    expect(run([{ type: 'newInvitation' }], done)).toMatchObject({
      step: 'emails',
      org: { key: 'acme' },
      role: 'owner',
      addressText: '',
      rows: [],
    });
  });
});

describe('rowsToRetry (the r key on the status panel)', () => {
  it('sends again server and network failures and unsent rows, never refusals or successes', () => {
    const rows = [
      row('sent@x.test', { state: 'sent', invitation: { role: 'reader' } }),
      row('gateway@x.test', { state: 'failed', error: failure }),
      row('member@x.test', {
        state: 'failed',
        error: new ApiError({ kind: 'http', status: 409, type: 'already_exists', detail: 'member' }),
      }),
      row('forbidden@x.test', {
        state: 'failed',
        error: new ApiError({ kind: 'http', status: 403, type: 'forbidden', detail: 'no' }),
      }),
      row('timeout@x.test', { state: 'failed', error: new ApiError({ kind: 'timeout', detail: 'slow' }) }),
      row('stopped@x.test', { state: 'queued' }),
      row('skipped@x.test', { state: 'skipped', reason: 'pending' }),
    ];
    expect(rowsToRetry(rows).map((r) => r.email)).toEqual(['gateway@x.test', 'timeout@x.test', 'stopped@x.test']);
  });
});
