import { describe, expect, it } from 'vitest';
import { planRun, resumeLine } from '../../src/invites/resume.js';
import { JournalIndex } from '../../src/journal/intents.js';
import type { JournalEntry, RowEntry } from '../../src/journal/journal.js';

const API = 'http://127.0.0.1:1';
const row = (email: string, event: RowEntry['event'], extra: Partial<RowEntry> = {}): RowEntry => ({
  at: '2026-11-26T10:00:00Z',
  api: API,
  source: 'send',
  run: 'r1',
  org: 'acme',
  email,
  role: 'reader',
  send_email: true,
  idempotency_key: `key-${email}`,
  event,
  ...extra,
});
const run = (event: 'start' | 'end', id = 'r1'): JournalEntry => ({
  at: '2026-11-26T10:00:00Z',
  api: API,
  org: 'acme',
  event,
  run: id,
  source: 'send',
});
const context = { api: API, org: 'acme', sendEmail: true, force: false };
const rowsOf = (...emails: string[]) => emails.map((email) => ({ email, role: 'reader' }));

describe('resume by row', () => {
  const interrupted = [
    run('start'),
    row('sent@x.test', 'attempt'),
    row('sent@x.test', 'sent', { invitation_id: 'inv_1' }),
    row('flight@x.test', 'attempt'),
    row('gateway@x.test', 'attempt'),
    row('gateway@x.test', 'failed', { status: 502, error_kind: 'http' }),
    row('dropped@x.test', 'failed', { status: undefined, error_type: 'network' }),
    row('refused@x.test', 'failed', { status: 403, error_type: 'forbidden' }),
  ];

  it('an open run: sent rows skipped, rows without an outcome keep their key, refusals get a new one', () => {
    const plan = planRun(
      rowsOf('refused@x.test', 'new@x.test', 'FLIGHT@x.test', 'sent@x.test', 'gateway@x.test', 'dropped@x.test'),
      context,
      JournalIndex.of(interrupted),
    );
    const by = new Map(plan.rows.map((planned) => [planned.row.email.toLowerCase(), planned]));
    expect(plan.run).toBe('r1');
    expect(by.get('sent@x.test')).toMatchObject({ action: 'skip', invitationId: 'inv_1' });
    expect(by.get('flight@x.test')).toMatchObject({
      action: 'send',
      idempotencyKey: 'key-flight@x.test',
      reused: true,
    });
    expect(by.get('gateway@x.test')).toMatchObject({ idempotencyKey: 'key-gateway@x.test', reused: true });
    expect(by.get('dropped@x.test')).toMatchObject({ idempotencyKey: 'key-dropped@x.test', reused: true });
    expect(by.get('refused@x.test')).toMatchObject({ action: 'send', reused: false });
    expect(by.get('refused@x.test')).not.toMatchObject({ idempotencyKey: 'key-refused@x.test' });
    expect(resumeLine(plan, false)).toMatch(
      /Resuming the unfinished run .*: 1 row\(s\) it already sent are skipped, 3 row/,
    );
  });

  it('a finished run is over: the same rows again are a new run with new keys', () => {
    const finished = [
      run('start'),
      row('a@x.test', 'attempt'),
      row('a@x.test', 'sent', { invitation_id: 'inv_1' }),
      run('end'),
    ];
    const plan = planRun(rowsOf('a@x.test'), context, JournalIndex.of(finished));
    expect(plan.run).not.toBe('r1');
    expect(plan.rows[0]).toMatchObject({ action: 'send', reused: false });
    expect(plan.rows[0]).not.toMatchObject({ idempotencyKey: 'key-a@x.test' });
    expect(resumeLine(plan, false)).toBeUndefined();
  });

  it('--force sends sent rows again with new keys, but never drops a key without an outcome', () => {
    const plan = planRun(
      rowsOf('sent@x.test', 'flight@x.test'),
      { ...context, force: true },
      JournalIndex.of(interrupted),
    );
    expect(plan.rows[0]).toMatchObject({ action: 'send', reused: false });
    expect(plan.rows[1]).toMatchObject({ action: 'send', idempotencyKey: 'key-flight@x.test' });
  });

  it('another role or email setting is another intent', () => {
    const index = JournalIndex.of(interrupted);
    const owner = planRun([{ email: 'flight@x.test', role: 'owner' }], context, index);
    expect(owner.rows[0]).toMatchObject({ reused: false });
    const quiet = planRun(rowsOf('flight@x.test'), { ...context, sendEmail: false }, index);
    expect(quiet.rows[0]).toMatchObject({ reused: false });
  });

  it('older journals (a hash for a run, no start or end): open while a row has no outcome', () => {
    const legacy = [
      row('a@x.test', 'attempt', { run: 'hash1', send_email: undefined }),
      row('a@x.test', 'sent', { run: 'hash1', send_email: undefined, invitation_id: 'inv_a' }),
      row('b@x.test', 'attempt', { run: 'hash1', send_email: undefined }),
      row('c@x.test', 'attempt', { run: 'hash2', send_email: undefined }),
      row('c@x.test', 'sent', { run: 'hash2', send_email: undefined }),
    ];
    const index = JournalIndex.of(legacy);
    expect(index.openRuns().map((open) => open.run)).toEqual(['hash1']);
    const plan = planRun(rowsOf('a@x.test', 'b@x.test', 'c@x.test'), context, index);
    expect(plan.rows.map((planned) => planned.action)).toEqual(['skip', 'send', 'send']);
  });
});

describe('the plan of a resumed run', () => {
  it('a reused key keeps the time it was first used; a new key is used from now', () => {
    const index = JournalIndex.of([
      run('start'),
      row('flight@x.test', 'attempt', { at: '2026-11-26T09:00:00Z' }),
      row('flight@x.test', 'failed', { at: '2026-11-26T09:30:00Z', status: 504, error_kind: 'http' }),
    ]);
    const now = Date.parse('2026-11-26T12:00:00Z');
    const plan = planRun(rowsOf('flight@x.test', 'new@x.test'), context, index, now);
    expect(plan.rows[0]).toMatchObject({ reused: true, since: Date.parse('2026-11-26T09:00:00Z') });
    expect(plan.rows[1]).toMatchObject({ reused: false, since: now });
    // A record without a readable time: the key counts as first used now.
    const timeless = JournalIndex.of([
      { ...run('start'), at: undefined as never },
      row('flight@x.test', 'attempt', { at: undefined as never }),
    ]);
    const timelessPlan = planRun(rowsOf('flight@x.test'), context, timeless, now);
    expect(timelessPlan.rows[0]).toMatchObject({ reused: true, since: now });
    // Nor does the resume line say when the run was.
    expect(resumeLine(timelessPlan, false)).toBe(
      'Resuming the unfinished run: 0 row(s) it already sent are skipped, 1 row(s) without a confirmed outcome go again with their original key.',
    );
  });

  it('rows from several open runs: all of them are resumed, under the latest', () => {
    const index = JournalIndex.of([
      run('start', 'early'),
      row('a@x.test', 'attempt', { run: 'early', at: '2026-11-26T08:00:00Z' }),
      run('start', 'late'),
      row('b@x.test', 'attempt', { run: 'late', at: '2026-11-26T11:00:00Z' }),
      run('start', 'middle'),
      row('c@x.test', 'attempt', { run: 'middle', at: '2026-11-26T10:30:00Z' }),
      run('start', 'other'),
      row('d@x.test', 'attempt', { run: 'other', at: '2026-11-26T12:00:00Z' }),
    ]);
    for (const order of [
      ['c@x.test', 'a@x.test', 'b@x.test'],
      ['b@x.test', 'c@x.test', 'a@x.test'],
      ['a@x.test', 'b@x.test', 'c@x.test'],
      ['b@x.test', 'a@x.test'],
      ['a@x.test', 'b@x.test'],
    ])
      expect(planRun(rowsOf(...order), context, index).run).toBe('late');
    const plan = planRun(rowsOf('c@x.test', 'a@x.test', 'b@x.test'), context, index);
    expect(plan.resumed.map((open) => open.run).sort()).toEqual(['early', 'late', 'middle']);
    expect(resumeLine(plan, false)).toBe(
      'Resuming the unfinished run from 2026-11-26 11:00 UTC: 0 row(s) it already sent are skipped, 3 row(s) without a confirmed outcome go again with their original key.',
    );
  });

  it('an open run of another organization or API is not this one', () => {
    const elsewhere = [
      { ...run('start', 'beta-run'), org: 'beta' },
      row('a@x.test', 'attempt', { run: 'beta-run', org: 'beta' }),
      { ...run('start', 'other-api'), api: 'http://127.0.0.1:2' },
      row('a@x.test', 'attempt', { run: 'other-api', api: 'http://127.0.0.1:2' }),
    ];
    const plan = planRun(rowsOf('a@x.test'), context, JournalIndex.of(elsewhere));
    expect(plan.resumed).toEqual([]);
    expect(plan.run).not.toMatch(/beta-run|other-api/);
    expect(plan.rows[0]).toMatchObject({ action: 'send', reused: false });
  });

  it('says what --force means for the rows, and counts only the rows that keep their key', () => {
    const index = JournalIndex.of([
      run('start'),
      row('sent@x.test', 'attempt', { at: '2026-11-26T10:05:00Z' }),
      row('sent@x.test', 'sent', { at: '2026-11-26T10:06:59Z', invitation_id: 'inv_1' }),
      row('flight@x.test', 'attempt', { at: '2026-11-26T10:06:00Z' }),
    ]);
    const rows = rowsOf('sent@x.test', 'flight@x.test', 'new@x.test');
    expect(resumeLine(planRun(rows, { ...context, force: true }, index), true)).toBe(
      'Resuming the unfinished run from 2026-11-26 10:06 UTC: --force: no row is skipped, 1 row(s) without a confirmed outcome go again with their original key.',
    );
    expect(resumeLine(planRun(rows, context, index), false)).toBe(
      'Resuming the unfinished run from 2026-11-26 10:06 UTC: 1 row(s) it already sent are skipped, 1 row(s) without a confirmed outcome go again with their original key.',
    );
  });

  it('a new run gets a fresh id each time', () => {
    const ids = new Set(
      Array.from({ length: 20 }, () => planRun(rowsOf('a@x.test'), context, JournalIndex.of([])).run),
    );
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });
});
