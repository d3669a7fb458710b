// The shared batch sender, in process: a fake client answers each invite and fake timers stand in
// for the clock, so the waits (a 429's Retry-After, the pause between passes) are checked to the
// millisecond without taking any time. test/exactly-once/batch.test.ts drives it against the sandbox.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvitationsClient, RetryWait } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { REPLAYED_ANSWER } from '../../src/api/retry-policy.js';
import type { Invitation } from '../../src/api/schemas.js';
import { sendBatch, type BatchEvent, type BatchOptions, type BatchRow } from '../../src/invites/send-batch.js';
import { JournalWriteError, memoryJournal, type Journal } from '../../src/journal/journal.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;

interface Call {
  at: number;
  org: string;
  email: string;
  role: string;
  sendEmail: boolean | undefined;
  key: string | undefined;
  onRetryWait: ((wait: RetryWait) => void) | undefined;
}
/** How the fake server answers a call; `attempt` counts this address's calls, from 1. */
type Answer = (call: Call, attempt: number) => Promise<Invitation>;

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const invitationFor = (call: Call, extra: Partial<Invitation> = {}): Invitation => ({
  id: `inv_${call.email}`,
  email: call.email,
  role: call.role,
  status: 'pending',
  created_at: new Date().toISOString(),
  ...extra,
});
const ok: Answer = async (call) => {
  await after(10);
  return invitationFor(call);
};
const http = (status: number) => new ApiError({ kind: 'http', status, type: `type_${status}`, detail: 'x' });
const failsWith =
  (error: Error): Answer =>
  async () => {
    await after(10);
    throw error;
  };
/** Answers by address; addresses not listed get `ok`. */
const byEmail =
  (answers: Record<string, Answer>): Answer =>
  (call, attempt) =>
    (answers[call.email] ?? ok)(call, attempt);

function fakeClient(answer: Answer) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: Pick<InvitationsClient, 'createInvitation'> = {
    async createInvitation(org, invite, options = {}) {
      const call: Call = {
        at: Date.now(),
        org,
        email: invite.email,
        role: invite.role,
        sendEmail: invite.send_email,
        key: options.idempotencyKey,
        onRetryWait: options.onRetryWait,
      };
      calls.push(call);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await answer(call, calls.filter((earlier) => earlier.email === call.email).length);
      } finally {
        inFlight--;
      }
    },
  };
  return { client, calls, maxInFlight: () => maxInFlight };
}

const rowsOf = (...names: string[]): BatchRow[] =>
  names.map((name) => ({ email: `${name}@acme.test`, role: 'reader', idempotencyKey: `key-${name}` }));

type Timed = BatchEvent<BatchRow> & { at: number };

/** Runs a batch to its end on fake time; every event is stamped with the (fake) time it came. */
async function run(answer: Answer, options: Partial<BatchOptions<BatchRow>> & { rows: BatchRow[] }) {
  vi.setSystemTime(T0);
  const fake = fakeClient(answer);
  const events: Timed[] = [];
  const done = sendBatch({
    client: fake.client,
    org: 'acme',
    sendEmail: true,
    concurrency: 4,
    ...options,
    onEvent: (event) => {
      events.push({ ...event, at: Date.now() });
      options.onEvent?.(event);
    },
  });
  // Settled here too, so that a rejection is not reported as unhandled while time runs.
  let endedAt = NaN;
  const settled = done.then(
    () => (endedAt = Date.now() - T0),
    () => undefined,
  );
  await vi.runAllTimersAsync();
  await settled;
  const result = await done;
  const of = <T extends Timed['type']>(type: T) =>
    events.filter((event): event is Timed & { type: T } => event.type === type);
  const emails = (type: 'started' | 'sent' | 'failed') => of(type).map((event) => event.row.email);
  return { ...fake, result, events, of, emails, endedAt };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sendBatch: every row once, with its own key', () => {
  it('sends each row with its key, org, role and email setting, and reports it started and sent', async () => {
    const rows = rowsOf('a', 'b', 'c', 'd', 'e', 'f');
    const { calls, result, events, emails } = await run(ok, { rows, sendEmail: false });
    expect(calls.map((call) => [call.org, call.email, call.role, call.sendEmail, call.key])).toEqual(
      rows.map((row) => ['acme', row.email, 'reader', false, row.idempotencyKey]),
    );
    expect(emails('sent')).toEqual(rows.map((row) => row.email));
    expect(emails('failed')).toEqual([]);
    // Each row is reported started before its answer, with the invitation the server sent.
    for (const row of rows) {
      const started = events.findIndex((event) => event.type === 'started' && event.row === row);
      const sent = events.findIndex((event) => event.type === 'sent' && event.row === row);
      expect(started).toBeGreaterThanOrEqual(0);
      expect(sent).toBeGreaterThan(started);
      expect(events[sent]).toMatchObject({ invitation: { id: `inv_${row.email}` } });
    }
    expect(result).toEqual({ notStarted: [], journalError: undefined });
  });

  it('an empty batch sends nothing and leaves nothing unsent', async () => {
    const { calls, result, events } = await run(ok, { rows: [] });
    expect(calls).toEqual([]);
    expect(events).toEqual([]);
    expect(result).toEqual({ notStarted: [], journalError: undefined });
  });

  it('keeps at most `concurrency` requests in flight, and uses as many as there are rows', async () => {
    const many = await run(ok, { rows: rowsOf('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), concurrency: 3 });
    expect(many.maxInFlight()).toBe(3);
    expect(many.emails('sent')).toHaveLength(10);
    // Ten rows, three at a time, 10 ms each: four rounds.
    expect(Math.max(...many.of('sent').map((event) => event.at)) - T0).toBe(40);

    const few = await run(ok, { rows: rowsOf('a', 'b'), concurrency: 4 });
    expect(few.maxInFlight()).toBe(2);
    expect(few.calls.map((call) => call.at - T0)).toEqual([0, 0]);
  });

  it('journals each row before its request (attempt) and after it (sent or failed)', async () => {
    const journal = memoryJournal();
    const seenBefore: number[] = [];
    const answer = byEmail({ 'bad@acme.test': failsWith(http(403)) });
    const { result } = await run(
      (call, attempt) => {
        seenBefore.push(journal.entries.filter((e) => e.idempotency_key === call.key && e.event === 'attempt').length);
        return answer(call, attempt);
      },
      {
        rows: rowsOf('good', 'bad'),
        concurrency: 1,
        journal: { journal, api: 'https://api.test', source: 'send', run: 'run-1' },
      },
    );
    expect(seenBefore).toEqual([1, 1]);
    const common = {
      api: 'https://api.test',
      source: 'send',
      run: 'run-1',
      org: 'acme',
      role: 'reader',
      send_email: true,
    };
    expect(journal.entries.map(({ at: _, ...entry }) => entry)).toEqual([
      { ...common, email: 'good@acme.test', idempotency_key: 'key-good', event: 'attempt' },
      {
        ...common,
        email: 'good@acme.test',
        idempotency_key: 'key-good',
        event: 'sent',
        invitation_id: 'inv_good@acme.test',
      },
      { ...common, email: 'bad@acme.test', idempotency_key: 'key-bad', event: 'attempt' },
      {
        ...common,
        email: 'bad@acme.test',
        idempotency_key: 'key-bad',
        event: 'failed',
        status: 403,
        error_type: 'type_403',
        error_kind: 'http',
      },
    ]);
    expect(result.journalError).toBeUndefined();
  });

  it('journals the kind as the error type when the server gave none', async () => {
    const journal = memoryJournal();
    await run(failsWith(new ApiError({ kind: 'http', status: 403, detail: 'no envelope' })), {
      rows: rowsOf('a'),
      journal: { journal, api: 'https://api.test', source: 'tui' },
    });
    expect(journal.entries.at(-1)).toMatchObject({ event: 'failed', status: 403, error_type: 'http', source: 'tui' });
  });
});

describe('sendBatch: a 429 holds the whole batch', () => {
  /** The client's own retry of one request: it reports the wait, sleeps it, and tries again. */
  const waitsOnce =
    (status: number, delayMs: number): Answer =>
    async (call) => {
      await after(5);
      const reason = new ApiError({ kind: 'http', status, detail: 'slow down', retryAfterSeconds: delayMs / 1000 });
      const until = Date.now() + delayMs;
      call.onRetryWait?.({ attempt: 1, delayMs, until, reason, capped: false, requestedMs: delayMs });
      await after(delayMs);
      return ok(call, 2);
    };

  it("one row's 429 holds the batch's other requests until its Retry-After", async () => {
    const rows = rowsOf('limited', 'b', 'c', 'd', 'e', 'f');
    const { calls, of, emails } = await run(byEmail({ 'limited@acme.test': waitsOnce(429, 2_000) }), {
      rows,
      concurrency: 3,
    });
    expect(emails('sent').sort()).toEqual(rows.map((row) => row.email).sort());
    // The first three started at once; the 429 came 5 ms in and asked for 2 s: nobody else starts before.
    expect(calls.slice(0, 3).map((call) => call.at - T0)).toEqual([0, 0, 0]);
    const later = calls.slice(3).map((call) => call.at - T0);
    expect(later).toHaveLength(3);
    expect(Math.min(...later)).toBe(2_005);
    expect(of('rateLimited')).toHaveLength(1);
    expect(of('rateLimited')[0]).toMatchObject({ at: T0 + 5, wait: { until: T0 + 2_005, delayMs: 2_000 } });
  });

  it('after a 429 the batch ends with its last answer, not a slot later', async () => {
    // Paced at one a second after the 429: b goes at 2015, c at 3015 (answered at 3025).
    const { calls, endedAt } = await run(byEmail({ 'limited@acme.test': waitsOnce(429, 2_000) }), {
      rows: rowsOf('limited', 'b', 'c'),
      concurrency: 1,
    });
    expect(calls.map((call) => call.at - T0)).toEqual([0, 2_015, 3_015]);
    expect(endedAt).toBe(3_025);
  });

  it('two workers waiting for a slot and one row left: it goes once, the other worker stops', async () => {
    const { calls, of } = await run(byEmail({ 'limited@acme.test': waitsOnce(429, 2_000) }), {
      rows: rowsOf('limited', 'b', 'x', 'c'),
      concurrency: 2,
    });
    expect(calls.map((call) => call.email)).toEqual(['limited@acme.test', 'b@acme.test', 'x@acme.test', 'c@acme.test']);
    expect(of('started').map((event) => event.row?.email)).toEqual(calls.map((call) => call.email));
    expect(of('failed')).toEqual([]);
  });

  it('a wait for another reason (a 502 retried by the client) holds only its own row', async () => {
    const { calls, of } = await run(byEmail({ 'slow@acme.test': waitsOnce(502, 2_000) }), {
      rows: rowsOf('slow', 'b', 'c', 'd', 'e', 'f'),
      concurrency: 3,
    });
    expect(calls.map((call) => call.at - T0)).toEqual([0, 0, 0, 10, 10, 20]);
    expect(of('rateLimited')).toEqual([]);
  });

  it('a stop while the batch waits out a 429 ends the wait for those not yet started', async () => {
    let stop = false;
    setTimeout(() => (stop = true), 1_000);
    const { calls, result, of } = await run(byEmail({ 'limited@acme.test': waitsOnce(429, 60_000) }), {
      rows: rowsOf('limited', 'b', 'c', 'd'),
      concurrency: 2,
      shouldStop: () => stop,
    });
    expect(calls.map((call) => call.email)).toEqual(['limited@acme.test', 'b@acme.test']);
    expect(result.notStarted.map((row) => row.email)).toEqual(['c@acme.test', 'd@acme.test']);
    // The row in flight still finishes, and is reported.
    expect(of('sent').map((event) => [event.row.email, event.at - T0])).toEqual([
      ['b@acme.test', 10],
      ['limited@acme.test', 60_015],
    ]);
  });
});

describe('sendBatch: extra passes with the same key', () => {
  it('gives rows that failed where the same key may go again more passes, after a pause', async () => {
    const flaky: Answer = async (call, attempt) =>
      attempt < 3 ? failsWith(http(502))(call, attempt) : ok(call, attempt);
    const { calls, of, emails, result } = await run(
      byEmail({ 'flaky@acme.test': flaky, 'taken@acme.test': failsWith(http(409)) }),
      { rows: rowsOf('flaky', 'fine', 'taken'), concurrency: 3 },
    );
    const flakyCalls = calls.filter((call) => call.email === 'flaky@acme.test');
    expect(flakyCalls.map((call) => call.key)).toEqual(['key-flaky', 'key-flaky', 'key-flaky']);
    // Each pass waits a second after the one before ended.
    expect(flakyCalls.map((call) => call.at - T0)).toEqual([0, 1_010, 2_020]);
    expect(of('nextPass').map((event) => [event.rows, event.at - T0])).toEqual([
      [1, 10],
      [1, 1_020],
    ]);
    // A 409 is a definitive answer: no second pass, reported at once.
    expect(calls.filter((call) => call.email === 'taken@acme.test')).toHaveLength(1);
    expect(of('failed').map((event) => [event.row.email, event.error.status, event.at - T0])).toEqual([
      ['taken@acme.test', 409, 10],
    ]);
    expect(emails('sent').sort()).toEqual(['fine@acme.test', 'flaky@acme.test']);
    expect(result.notStarted).toEqual([]);
  });

  it('reports the failure after the last pass; the number of passes and their pause can be set', async () => {
    const always = await run(failsWith(http(504)), { rows: rowsOf('down') });
    expect(always.calls).toHaveLength(3);
    expect(always.of('nextPass')).toHaveLength(2);
    expect(always.of('failed').map((event) => [event.error.status, event.at - T0])).toEqual([[504, 2_030]]);

    const once = await run(failsWith(http(504)), { rows: rowsOf('down'), passes: 1 });
    expect(once.calls).toHaveLength(1);
    expect(once.of('nextPass')).toEqual([]);
    expect(once.of('failed')).toHaveLength(1);

    const slow = await run(failsWith(http(429)), { rows: rowsOf('down'), passes: 2, passPauseMs: 5_000 });
    expect(slow.calls.map((call) => call.at - T0)).toEqual([0, 5_010]);
  });

  it('rows the server may have acted on (a 500) are reported at once, not sent again on their own', async () => {
    const { calls, of } = await run(failsWith(http(500)), { rows: rowsOf('a') });
    expect(calls).toHaveLength(1);
    expect(of('failed').map((event) => event.error.status)).toEqual([500]);
  });

  it('something other than an ApiError thrown by the client counts as a dropped connection', async () => {
    const { calls, of } = await run(failsWith(new TypeError('socket hang up')), { rows: rowsOf('a') });
    expect(calls).toHaveLength(3);
    const [failed] = of('failed');
    expect(failed?.error).toBeInstanceOf(ApiError);
    expect(failed?.error).toMatchObject({ kind: 'network', detail: 'The request failed' });
  });
});

describe('sendBatch: stopping', () => {
  it("stops starting rows once told to (the CLI stops on the invite's 404); rows in flight finish", async () => {
    let missingOrg = false;
    const rows = rowsOf('first', 'gone', 'c', 'd', 'e');
    const { calls, result, of } = await run(
      byEmail({
        'first@acme.test': async (call) => {
          await after(50);
          return invitationFor(call);
        },
        'gone@acme.test': failsWith(http(404)),
      }),
      {
        rows,
        concurrency: 2,
        shouldStop: () => missingOrg,
        onEvent: (event) => {
          if (event.type === 'failed' && event.error.status === 404) missingOrg = true;
        },
      },
    );
    expect(calls.map((call) => call.email)).toEqual(['first@acme.test', 'gone@acme.test']);
    expect(of('sent').map((event) => event.row.email)).toEqual(['first@acme.test']);
    expect(result.notStarted).toEqual(rows.slice(2));
  });

  it('a row kept for another pass is reported failed when the batch stops instead', async () => {
    let stop = false;
    const { calls, of, result } = await run(
      byEmail({
        'gateway@acme.test': failsWith(http(502)),
        'gone@acme.test': async () => {
          await after(20);
          throw http(404);
        },
      }),
      {
        rows: rowsOf('gateway', 'gone', 'c'),
        concurrency: 2,
        shouldStop: () => stop,
        onEvent: (event) => {
          if (event.type === 'failed' && event.error.status === 404) stop = true;
        },
      },
    );
    // gateway failed at 10 ms and its worker took c; gone's 404 at 20 ms stopped the rest.
    expect(calls.map((call) => call.email)).toEqual(['gateway@acme.test', 'gone@acme.test', 'c@acme.test']);
    expect(of('nextPass')).toEqual([]);
    expect(of('failed').map((event) => [event.row.email, event.error.status])).toEqual([
      ['gone@acme.test', 404],
      ['gateway@acme.test', 502],
    ]);
    expect(result.notStarted).toEqual([]);
  });

  it('a journal that cannot be written stops the batch: that row and the rest are not started', async () => {
    const inner = memoryJournal();
    let writes = 0;
    const failing: Journal = {
      scan: inner.scan,
      append(entry) {
        if (++writes === 3) throw new JournalWriteError('/full/journal.jsonl', 'ENOSPC');
        inner.append(entry);
      },
    };
    const rows = rowsOf('a', 'b', 'c');
    const { calls, result, emails } = await run(ok, {
      rows,
      concurrency: 1,
      journal: { journal: failing, api: 'https://api.test', source: 'send' },
    });
    expect(calls.map((call) => call.email)).toEqual(['a@acme.test']);
    expect(emails('started')).toEqual(['a@acme.test']);
    expect(result.notStarted).toEqual([rows[1], rows[2]]);
    expect(result.journalError?.code).toBe('ENOSPC');
  });

  it('a journal that fails on an outcome: the row is still reported, and nothing more starts', async () => {
    let writes = 0;
    const inner = memoryJournal();
    const failing: Journal = {
      scan: inner.scan,
      append(entry) {
        if (++writes === 2) throw new JournalWriteError('/full/journal.jsonl', 'EIO');
        if (writes > 2) throw new Error('written after the journal failed');
        inner.append(entry);
      },
    };
    const rows = rowsOf('a', 'b');
    const { calls, result, emails } = await run(ok, {
      rows,
      concurrency: 1,
      journal: { journal: failing, api: 'https://api.test', source: 'send' },
    });
    expect(calls).toHaveLength(1);
    expect(emails('sent')).toEqual(['a@acme.test']);
    expect(result).toMatchObject({ notStarted: [rows[1]], journalError: { code: 'EIO' } });
  });

  it('an error of the journal other than a failed write is not swallowed', async () => {
    const broken: Journal = {
      scan: () => 0,
      append() {
        throw new RangeError('a bug');
      },
    };
    const batch = sendBatch({
      client: fakeClient(ok).client,
      org: 'acme',
      sendEmail: true,
      rows: rowsOf('a'),
      concurrency: 1,
      onEvent: () => {},
      journal: { journal: broken, api: 'https://api.test', source: 'send' },
    });
    await expect(batch).rejects.toThrow(RangeError);
  });
});

describe('sendBatch: an answer that cannot be this send', () => {
  const answering =
    (extra: Partial<Invitation>): Answer =>
    async (call) => {
      await after(10);
      return invitationFor(call, extra);
    };
  const failure = (result: Awaited<ReturnType<typeof run>>) => {
    const failed = result.of('failed');
    expect(failed).toHaveLength(1);
    expect(result.of('sent')).toEqual([]);
    expect(result.calls).toHaveLength(1);
    return failed[0]?.error;
  };

  it('an invitation an earlier send created is a replay, whether from the journal or from this batch', async () => {
    const known = await run(answering({ id: 'inv_old' }), {
      rows: rowsOf('a'),
      knownInvitationIds: new Set(['inv_old']),
    });
    expect(failure(known)).toMatchObject({
      kind: 'invalid_response',
      type: REPLAYED_ANSWER,
      detail: expect.stringContaining('invitation inv_old was created by an earlier send'),
    });

    const twice = await run(answering({ id: 'inv_same' }), { rows: rowsOf('a', 'b'), concurrency: 1 });
    expect(twice.emails('sent')).toEqual(['a@acme.test']);
    expect(twice.of('failed').map((event) => [event.row.email, event.error.type])).toEqual([
      ['b@acme.test', REPLAYED_ANSWER],
    ]);
  });

  it('an invitation for another address is not this send, whatever the case of the address', async () => {
    const other = await run(answering({ email: 'someone@acme.test' }), { rows: rowsOf('a') });
    expect(failure(other)).toMatchObject({
      type: REPLAYED_ANSWER,
      detail: expect.stringContaining('the answer is an invitation for another address'),
    });
    const cased = await run(answering({ email: 'A@ACME.test' }), { rows: rowsOf('a') });
    expect(cased.emails('sent')).toEqual(['a@acme.test']);
  });

  it('an invitation created more than five minutes before the key was first used is a replay', async () => {
    const since = T0 - 60 * MINUTE;
    const rows = (name: string) => rowsOf(name).map((row) => ({ ...row, since }));
    const created = (at: number) => answering({ created_at: new Date(at).toISOString() });
    const old = await run(created(since - 5 * MINUTE - 1_000), { rows: rows('old') });
    expect(failure(old)?.detail).toContain(
      `invitation inv_old@acme.test was created at ${new Date(since - 5 * MINUTE - 1_000).toISOString()}, before this send`,
    );
    // The server's clock may be up to five minutes behind ours.
    const skewed = await run(created(since - 5 * MINUTE), { rows: rows('skewed') });
    expect(skewed.emails('sent')).toEqual(['skewed@acme.test']);
    // A new key was first used now.
    const fresh = await run(created(T0 - 6 * MINUTE), { rows: rowsOf('fresh') });
    expect(failure(fresh)?.detail).toContain('before this send');
    const recent = await run(created(T0 - 4 * MINUTE), { rows: rowsOf('recent') });
    expect(recent.emails('sent')).toEqual(['recent@acme.test']);
  });

  it('an old invitation without an id says so; an answer with neither id nor date is taken as sent', async () => {
    const noId = await run(answering({ id: undefined, created_at: new Date(T0 - 10 * MINUTE).toISOString() }), {
      rows: rowsOf('a'),
    });
    expect(failure(noId)?.detail).toContain('invitation (no id) was created at');
    const bare = await run(answering({ id: undefined, created_at: undefined }), { rows: rowsOf('a', 'b') });
    expect(bare.emails('sent')).toEqual(['a@acme.test', 'b@acme.test']);
  });
});
