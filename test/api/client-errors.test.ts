// Every documented status comes back as one ApiError with the envelope's fields.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { clientFor, rejectionOf, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('client against the sandbox: documented statuses', () => {
  it('lists organizations, reads one, and lists its invitations newest first', async () => {
    const client = clientFor(sandbox);
    const orgs = await client.listOrgs();
    expect(orgs.map((org) => org.key)).toEqual(['acme', 'globex', 'initech']);
    expect(await client.getOrg('globex')).toMatchObject({ key: 'globex', allow_external_invites: false });
    const invitations = await client.listInvitations('acme');
    const created = invitations.map((invitation) => Date.parse(invitation.created_at ?? ''));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const pending = await client.listInvitations('acme', { status: 'pending' });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((invitation) => invitation.status === 'pending')).toBe(true);
  });

  it('reads a long list: 10,000 invitations (about 3 MB) are not cut off by the error-body cap', async () => {
    const large = await startTestSandbox({ invitations: 10_000 });
    try {
      expect(await clientFor(large).listInvitations('acme')).toHaveLength(10_000);
    } finally {
      await large.close();
    }
  });

  it('creates an invitation and returns it', async () => {
    const invitation = await clientFor(sandbox).createInvitation('acme', {
      email: 'new.hire@acme.test',
      role: 'contributor',
      send_email: false,
    });
    expect(invitation).toMatchObject({
      email: 'new.hire@acme.test',
      role: 'contributor',
      status: 'pending',
      send_email: false,
      org: 'acme',
    });
  });

  it('401 without a valid token', async () => {
    const error = await apiError(clientFor(sandbox, { token: 'expired-token' }).listOrgs());
    expect(error).toMatchObject({
      kind: 'http',
      status: 401,
      type: 'authentication_error',
      detail: 'Authentication failed',
    });
  });

  it('403 when the caller is not an owner', async () => {
    const error = await apiError(
      clientFor(sandbox, { token: 'demo-reader' }).createInvitation('acme', { email: 'a@acme.test', role: 'reader' }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 403, type: 'forbidden' });
    expect(error.detail).toContain('Only owners');
  });

  it('403 for an outside address where external invites are off', async () => {
    const error = await apiError(
      clientFor(sandbox).createInvitation('globex', { email: 'someone@example.com', role: 'reader' }),
    );
    expect(error).toMatchObject({ status: 403, type: 'forbidden' });
    expect(error.detail).toContain('External invitations are switched off');
  });

  it('404 for an unknown organization', async () => {
    const error = await apiError(
      clientFor(sandbox).createInvitation('no-such-org', { email: 'a@acme.test', role: 'reader' }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 404, type: 'not_found' });
  });

  it('409 for an address that is already a member, and is not retried', async () => {
    const before = sandbox.requests.length;
    const error = await apiError(
      clientFor(sandbox).createInvitation('acme', { email: 'ada.lovelace@acme.test', role: 'reader' }),
    );
    expect(error).toMatchObject({ status: 409, type: 'already_exists', attempts: 1 });
    expect(sandbox.requests.length - before).toBe(1);
  });

  it('422 with field errors and their locations', async () => {
    const error = await apiError(
      clientFor(sandbox).createInvitation('acme', { email: 'not-an-address', role: 'boss' as never }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 422, type: 'validation_error', detail: 'Validation error' });
    expect(error.fieldErrors).toEqual([
      { loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' },
      { loc: ['body', 'role'], msg: "Input should be 'reader', 'contributor', 'owner'", type: 'enum' },
    ]);
  });

  it('426 when the client is older than the server accepts', async () => {
    const strict = await startTestSandbox({ minClientVersion: '99.0.0' });
    try {
      const error = await apiError(clientFor(strict).listOrgs());
      expect(error).toMatchObject({ status: 426, type: 'upgrade_required' });
      expect(error.detail).toMatch(/invite-tui \d+\.\d+\.\d+ is too old/);
    } finally {
      await strict.close();
    }
  });

  it('429 after the retries are spent, with Retry-After', async () => {
    const limited = await startTestSandbox({ faults: '429=1' });
    try {
      const error = await apiError(clientFor(limited, { retry: { maxAttempts: 1 } }).listOrgs());
      expect(error).toMatchObject({ status: 429, type: 'rate_limited', retryAfterSeconds: 1 });
    } finally {
      await limited.close();
    }
  });

  it.each([
    ['500', 500, 'internal_error', 'Internal server error'],
    ['503', 503, 'service_unavailable', 'Service temporarily unavailable'],
  ])('%s with the envelope', async (fault, status, type, detail) => {
    const failing = await startTestSandbox({ faults: fault });
    try {
      const error = await apiError(
        clientFor(failing, { retry: { maxAttempts: 1 } }).createInvitation('acme', {
          email: 'b@acme.test',
          role: 'reader',
        }),
      );
      expect(error).toMatchObject({ kind: 'http', status, type, detail });
    } finally {
      await failing.close();
    }
  });

  it.each([
    ['502', 502, '502 Bad Gateway'],
    ['504', 504, '504 Gateway Time-out'],
  ])('%s with an HTML page from a proxy', async (fault, status, title) => {
    const failing = await startTestSandbox({ faults: fault });
    try {
      const error = await apiError(clientFor(failing).listOrgs());
      expect(error).toMatchObject({ kind: 'http', status, type: undefined, attempts: 3 });
      expect(error.detail).toBe(
        `The server sent an HTML page ("${title}"), not JSON; a proxy or gateway may be in the way`,
      );
    } finally {
      await failing.close();
    }
  });

  it('never carries the token in what it prints or serializes', async () => {
    const error = await apiError(clientFor(sandbox, { token: 'secret-token-7f3a' }).listOrgs());
    for (const text of [
      String(error),
      error.stack ?? '',
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    ]) {
      expect(text).not.toContain('secret-token-7f3a');
    }
  });
});
