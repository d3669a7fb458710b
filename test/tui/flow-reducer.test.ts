import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { rowsToRetry } from '../../src/tui/screens/result-step.js';
import {
  flowReducer,
  initialFlowState,
  isReadOnly,
  rowsToSend,
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

  it('starts on the org list with nothing typed, reader preselected and the invitation email on', () => {
    expect(initialFlowState()).toEqual({
      step: 'org',
      returnStep: 'org',
      org: undefined,
      addressText: '',
      role: 'reader',
      sendEmail: true,
      rows: [],
      sendingStartedAt: undefined,
      rateLimitedUntil: undefined,
      cancelling: false,
      fieldMessage: undefined,
      browseInitialFilter: undefined,
      preselectedOrg: undefined,
    });
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

describe('opening an org', () => {
  it('the org list starts on the org used last time, then on the one opened in this session', () => {
    const start = initialFlowState({ rememberedOrg: 'globex' });
    expect(start).toMatchObject({ step: 'org', org: undefined, preselectedOrg: 'globex' });
    const opened = run([{ type: 'orgOpened', org: { key: 'acme' } }, { type: 'orgChangeRequested' }], start);
    expect(opened).toMatchObject({ step: 'org', preselectedOrg: 'acme' });
    expect(initialFlowState().preselectedOrg).toBeUndefined();
    expect(initialFlowState({ org: { key: 'acme' }, rememberedOrg: 'globex' }).preselectedOrg).toBe('acme');
  });

  it('an owner, or an org whose role the server does not state, goes on to the addresses', () => {
    for (const org of [
      { key: 'acme', role: 'owner' },
      { key: 'typed', typed: true },
    ]) {
      expect(run([{ type: 'orgOpened', org }])).toMatchObject({ step: 'emails', returnStep: 'emails', org });
    }
  });

  it('a stated non-owner gets Browse only, and leaving it picks another org', () => {
    const org = { key: 'umbrella', name: 'Umbrella', role: 'reader' };
    const browsing = run([{ type: 'orgOpened', org }]);
    expect(browsing).toMatchObject({ step: 'browse', returnStep: 'org', org });
    expect(run([{ type: 'browseClosed' }], browsing).step).toBe('org');
    expect(run([{ type: 'back' }], browsing).step).toBe('org');
    // Picking an org the person owns from there leads to sending again.
    expect(
      run([{ type: 'browseClosed' }, { type: 'orgOpened', org: { key: 'acme', role: 'owner' } }], browsing),
    ).toMatchObject({ step: 'emails', returnStep: 'emails', org: { key: 'acme' } });
  });

  it('another org starts without the last one’s results or Browse filter, keeping the typed addresses and role', () => {
    const result: FlowState = {
      ...run([
        { type: 'orgOpened', org: { key: 'acme' } },
        { type: 'addressTextChanged', text: 'a@x.test' },
        { type: 'roleChosen', role: 'owner' },
        { type: 'browseOpened', filter: 'a@x.test' },
      ]),
      rows: [row('a@x.test', { state: 'failed', error: failure })],
    };
    const reopened = run([{ type: 'orgChangeRequested' }], result);
    expect(reopened).toMatchObject({ step: 'org', returnStep: 'org' });
    expect(run([{ type: 'orgOpened', org: { key: 'globex' } }], reopened)).toMatchObject({
      step: 'emails',
      org: { key: 'globex' },
      rows: [],
      browseInitialFilter: undefined,
      addressText: 'a@x.test',
      role: 'owner',
    });
  });

  it('only a stated role other than owner is read-only', () => {
    expect(isReadOnly(undefined)).toBe(false);
    expect(isReadOnly({ key: 'acme' })).toBe(false);
    expect(isReadOnly({ key: 'acme', role: 'owner' })).toBe(false);
    expect(isReadOnly({ key: 'acme', role: 'reader' })).toBe(true);
    expect(isReadOnly({ key: 'acme', role: 'contributor' })).toBe(true);
  });
});

describe('the send steps', () => {
  // Built inside each test (not at collection time), so Stryker's per-test coverage sees it.
  const atReview = () =>
    run([
      { type: 'orgOpened', org: { key: 'acme' } },
      { type: 'addressTextChanged', text: 'a@x.test, b@x.test' },
      { type: 'addressesConfirmed' },
      { type: 'roleChosen', role: 'reader' },
    ]);

  it('Esc goes one step back from each step, never out of sending, and from the result to the review', () => {
    const at = (step: FlowState['step']) => run([{ type: 'back' }], { ...atReview(), step, returnStep: 'org' });
    expect(at('org')).toMatchObject({ step: 'org', returnStep: 'org' });
    expect(at('emails')).toMatchObject({ step: 'org', returnStep: 'org' });
    expect(at('role')).toMatchObject({ step: 'emails', returnStep: 'emails' });
    expect(at('review')).toMatchObject({ step: 'role', returnStep: 'role' });
    expect(at('sending')).toMatchObject({ step: 'sending', returnStep: 'sending' });
    expect(at('result')).toMatchObject({ step: 'review', returnStep: 'review' });
  });

  it('Enter on the addresses goes to the role step, where the role chosen before is still chosen', () => {
    const backAtEmails = run([{ type: 'back' }, { type: 'back' }], { ...atReview(), role: 'contributor' });
    expect(backAtEmails.step).toBe('emails');
    expect(run([{ type: 'addressesConfirmed' }], backAtEmails)).toMatchObject({
      step: 'role',
      returnStep: 'role',
      role: 'contributor',
      addressText: 'a@x.test, b@x.test',
    });
  });

  it('a send starts with the addresses to send queued, then those already pending skipped', () => {
    const rows = rowsToSend({
      sendable: [
        { email: 'a@x.test', display: 'Ada <a@x.test>' },
        { email: 'b@x.test', display: 'b@x.test' },
      ],
      skipped: [
        { address: { email: 'c@x.test', display: 'c@x.test' }, reason: 'already has a pending invitation' },
        { address: { email: 'd@x.test', display: 'd@x.test' }, reason: 'already a member' },
      ],
    });
    expect(rows).toEqual([
      { email: 'a@x.test', display: 'Ada <a@x.test>', outcome: { state: 'queued' } },
      { email: 'b@x.test', display: 'b@x.test', outcome: { state: 'queued' } },
      {
        email: 'c@x.test',
        display: 'c@x.test',
        outcome: { state: 'skipped', reason: 'already has a pending invitation' },
      },
      { email: 'd@x.test', display: 'd@x.test', outcome: { state: 'skipped', reason: 'already a member' } },
    ]);
    expect(rowsToSend({ sendable: [], skipped: [] })).toEqual([]);
  });

  it('a send from the review replaces any earlier rows and starts unpaused and not cancelling', () => {
    const earlier: FlowState = {
      ...atReview(),
      rows: [row('old@x.test', { state: 'sent', invitation: { role: 'reader' } })],
      rateLimitedUntil: 9_000,
      cancelling: true,
    };
    const sending = run([{ type: 'sendStarted', rows: [row('a@x.test'), row('b@x.test')], at: 1_234 }], earlier);
    expect(sending).toMatchObject({
      step: 'sending',
      returnStep: 'sending',
      sendingStartedAt: 1_234,
      rateLimitedUntil: undefined,
      cancelling: false,
    });
    expect(sending.rows.map((r) => r.email)).toEqual(['a@x.test', 'b@x.test']);
  });

  it('marks only the row being sent, and stops on request', () => {
    const sending = run([
      { type: 'sendStarted', rows: [row('a@x.test'), row('b@x.test')], at: 1 },
      { type: 'rowSending', email: 'b@x.test' },
      { type: 'cancelRequested' },
    ]);
    expect(sending.rows.map((r) => r.outcome.state)).toEqual(['queued', 'sending']);
    expect(sending.cancelling).toBe(true);
    const finished = run([{ type: 'sendFinished' }], sending);
    expect(finished).toMatchObject({ step: 'result', returnStep: 'result', cancelling: true });
    expect(tally(finished.rows)).toEqual({ total: 2, sent: 0, failed: 0, skipped: 0, done: 0, notSent: 2 });
  });

  it('a retry puts rows it did not have before last, after the ones it keeps', () => {
    const result: FlowState = {
      ...atReview(),
      step: 'result',
      rows: [row('a@x.test', { state: 'failed', error: failure }), row('b@x.test', { state: 'skipped', reason: 'x' })],
    };
    const retried = run([{ type: 'sendStarted', rows: [row('new@x.test'), row('a@x.test')], at: 2 }], result);
    expect(retried.rows.map((r) => r.email)).toEqual(['a@x.test', 'b@x.test', 'new@x.test']);
  });

  it('a refused role goes back to the role step with the typed addresses kept, cleared once a role is chosen', () => {
    const fixing = run([{ type: 'fixField', field: 'role', message: 'no such role' }], {
      ...atReview(),
      step: 'result',
    });
    expect(fixing).toMatchObject({
      step: 'role',
      returnStep: 'role',
      addressText: 'a@x.test, b@x.test',
      fieldMessage: { field: 'role', message: 'no such role' },
    });
    // Editing the addresses does not hide a message about the role.
    expect(run([{ type: 'addressTextChanged', text: 'c@x.test' }], fixing).fieldMessage).toEqual({
      field: 'role',
      message: 'no such role',
    });
    expect(run([{ type: 'roleChosen', role: 'owner' }], fixing).fieldMessage).toBeUndefined();
  });

  it('a refused address brings back only the refused rows as text', () => {
    const fixing = run(
      [{ type: 'fixField', field: 'emails', message: 'blocked', addressText: 'b@x.test' }],
      atReview(),
    );
    expect(fixing).toMatchObject({ step: 'emails', returnStep: 'emails', addressText: 'b@x.test' });
    expect(run([{ type: 'newInvitation' }], fixing)).toMatchObject({ fieldMessage: undefined, returnStep: 'emails' });
  });

  it('Browse over the result and back: Tab returns to the result, with its rows', () => {
    const result: FlowState = { ...atReview(), step: 'result', returnStep: 'result', rows: [row('a@x.test')] };
    const browsing = run([{ type: 'browseOpened', filter: 'a@x.test' }], result);
    expect(browsing).toMatchObject({ step: 'browse', returnStep: 'result', browseInitialFilter: 'a@x.test' });
    expect(run([{ type: 'browseClosed' }], browsing)).toMatchObject({
      step: 'result',
      returnStep: 'result',
      rows: [row('a@x.test')],
    });
    // Opened by Tab, not from a row: no filter.
    expect(run([{ type: 'browseOpened' }], result).browseInitialFilter).toBeUndefined();
  });

  it('counts every outcome', () => {
    expect(
      tally([
        row('a'),
        row('b', { state: 'sending' }),
        row('c', { state: 'sent', invitation: { role: 'reader' } }),
        row('d', { state: 'skipped', reason: 'x' }),
        row('e', { state: 'skipped', reason: 'y' }),
        row('f', { state: 'failed', error: failure }),
      ]),
    ).toEqual({ total: 6, sent: 1, failed: 1, skipped: 2, done: 4, notSent: 2 });
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
