import { describe, expect, it } from 'vitest';
import { keyFor, pastOutcomes, runId } from '../../src/invites/resume.js';
import type { JournalEntry } from '../../src/journal/journal.js';

const entry = (email: string, event: JournalEntry['event'], extra: Partial<JournalEntry> = {}): JournalEntry => ({
  at: '2026-11-26T10:00:00Z',
  api: 'http://127.0.0.1:1',
  source: 'send',
  run: 'r1',
  org: 'acme',
  email,
  role: 'reader',
  idempotency_key: `key-${email}`,
  event,
  ...extra,
});

describe('resume', () => {
  it('names a run by its input', () => {
    const rows = [{ email: 'a@x.test', role: 'reader' }];
    expect(runId('u', 'acme', true, rows)).toBe(runId('u', 'acme', true, [{ email: 'A@x.test', role: 'reader' }]));
    expect(runId('u', 'acme', true, rows)).not.toBe(runId('u', 'acme', false, rows));
    expect(runId('u', 'acme', true, rows)).not.toBe(runId('u', 'globex', true, rows));
  });

  it('skips confirmed rows, retries in-flight and server-failed rows with their key, re-keys refusals', () => {
    const outcomes = pastOutcomes(
      [
        entry('sent@x.test', 'attempt'),
        entry('sent@x.test', 'sent', { invitation_id: 'inv_1' }),
        entry('flight@x.test', 'attempt'),
        entry('gateway@x.test', 'attempt'),
        entry('gateway@x.test', 'failed', { status: 502 }),
        entry('dropped@x.test', 'failed', { status: undefined, error_type: 'network' }),
        entry('refused@x.test', 'failed', { status: 403 }),
        entry('other-run@x.test', 'attempt', { run: 'r2' }),
      ],
      'r1',
    );
    expect(outcomes.get('sent@x.test')).toEqual({ state: 'sent', invitationId: 'inv_1' });
    expect(keyFor('flight@x.test', outcomes)).toBe('key-flight@x.test');
    expect(keyFor('gateway@x.test', outcomes)).toBe('key-gateway@x.test');
    expect(keyFor('dropped@x.test', outcomes)).toBe('key-dropped@x.test');
    expect(keyFor('refused@x.test', outcomes)).not.toBe('key-refused@x.test');
    expect(outcomes.has('other-run@x.test')).toBe(false);
  });
});
