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
