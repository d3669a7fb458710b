// Retries: when they happen, how long they wait, and that a POST is never sent twice.
import { describe, expect, it } from 'vitest';
import type { RetryWait } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { clientFor, rejectionOf, startTestSandbox } from '../helpers/sandbox.js';

async function withSandbox<T>(
  faults: string,
  run: (sandbox: Awaited<ReturnType<typeof startTestSandbox>>) => Promise<T>,
): Promise<T> {
  const sandbox = await startTestSandbox({ faults });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe('client retries', () => {
  it('honours Retry-After in seconds, tells the caller, then succeeds', () =>
    withSandbox('429=1#1', async (sandbox) => {
      const waits: RetryWait[] = [];
      const started = Date.now();
      const orgs = await clientFor(sandbox, { onRetryWait: (wait) => waits.push(wait) }).listOrgs();
      expect(orgs).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toMatchObject({ attempt: 1, delayMs: 1000, capped: false, requestedMs: 1000 });
      expect(waits[0]?.reason).toMatchObject({ status: 429, retryAfterSeconds: 1 });
    }));

  it('honours Retry-After as an HTTP-date', () =>
    withSandbox('429=date-2@POST#1', async (sandbox) => {
      const waits: RetryWait[] = [];
      const invitation = await clientFor(sandbox, { onRetryWait: (wait) => waits.push(wait) }).createInvitation(
        'acme',
        { email: 'dated@acme.test', role: 'reader' },
      );
      expect(invitation.email).toBe('dated@acme.test');
      // An HTTP-date has one-second resolution: 2 s ahead reads as 1 to 2 s.
      expect(waits[0]?.delayMs).toBeGreaterThanOrEqual(1000);
      expect(waits[0]?.delayMs).toBeLessThanOrEqual(2000);
    }));

  it('caps a long Retry-After and says so', () =>
    withSandbox('429=3600#1', async (sandbox) => {
      const waits: RetryWait[] = [];
      await clientFor(sandbox, { retry: { maxRetryAfterMs: 50 }, onRetryWait: (wait) => waits.push(wait) }).listOrgs();
      expect(waits[0]).toMatchObject({ delayMs: 50, capped: true, requestedMs: 3_600_000 });
    }));

  it('retries a POST that met a 502 after the server committed it: one invitation exists', () =>
    withSandbox('502-after@POST#1', async (sandbox) => {
      const client = clientFor(sandbox);
      const invitation = await client.createInvitation('acme', { email: 'once@acme.test', role: 'reader' });
      expect(invitation.status).toBe('pending');
      const matching = (await client.listInvitations('acme')).filter((i) => i.email === 'once@acme.test');
      expect(matching).toHaveLength(1);
      expect(sandbox.requests.filter((line) => line.startsWith('POST'))).toHaveLength(2);
    }));

  it('retries a POST whose connection dropped after the commit: one invitation exists', () =>
    withSandbox('drop-after@POST#1', async (sandbox) => {
      const client = clientFor(sandbox);
      await client.createInvitation('acme', { email: 'dropped@acme.test', role: 'owner' });
      const matching = (await client.listInvitations('acme')).filter((i) => i.email === 'dropped@acme.test');
      expect(matching).toHaveLength(1);
    }));

  it('retries a POST with the same Idempotency-Key the caller gave, across calls', () =>
    withSandbox('', async (sandbox) => {
      const client = clientFor(sandbox);
      const first = await client.createInvitation(
        'acme',
        { email: 'keyed@acme.test', role: 'reader' },
        { idempotencyKey: 'row-17' },
      );
      const again = await client.createInvitation(
        'acme',
        { email: 'keyed@acme.test', role: 'reader' },
        { idempotencyKey: 'row-17' },
      );
      expect(again.id).toBe(first.id);
    }));

  it('does not retry a POST on 500', () =>
    withSandbox('500@POST', async (sandbox) => {
      const error = await rejectionOf(
        clientFor(sandbox).createInvitation('acme', { email: 'x@acme.test', role: 'reader' }),
      );
      expect(error).toMatchObject({ status: 500, attempts: 1 });
      expect(sandbox.requests).toHaveLength(1);
    }));

  it('retries a GET on 503 and gives up after three attempts', () =>
    withSandbox('503', async (sandbox) => {
      const error = await rejectionOf(clientFor(sandbox).listOrgs());
      expect(error).toMatchObject({ status: 503, attempts: 3 });
      expect(sandbox.requests).toHaveLength(3);
    }));

  it('does not retry a DELETE on 502 (a repeat after an unseen success would mislead)', () =>
    withSandbox('502@DELETE', async (sandbox) => {
      const error = await rejectionOf(clientFor(sandbox).revokeInvitation('acme', 'inv_whatever'));
      expect(error).toMatchObject({ status: 502, attempts: 1 });
    }));

  it('stops waiting when the caller aborts', () =>
    withSandbox('429=30', async (sandbox) => {
      const controller = new AbortController();
      const pending = clientFor(sandbox).listOrgs({ signal: controller.signal, onRetryWait: () => controller.abort() });
      const error = await rejectionOf(pending);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ kind: 'cancelled' });
    }));
});
