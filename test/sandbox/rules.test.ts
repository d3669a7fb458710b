// The sandbox's rules, over real HTTP: what a real server would say to each request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_STATUSES } from '../../src/api/schemas.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const INVITATIONS = '/api/v1/org/acme/invitations';
const invite = (email: string, role = 'reader') => JSON.stringify({ email, role });

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('sandbox seed data', () => {
  it('has three organizations, one without external invites and one a seat from its limit', async () => {
    const { body: orgs } = await rawRequest(sandbox, 'GET', '/api/v1/org');
    expect(orgs).toEqual([
      { key: 'acme', name: 'Acme Corp', role: 'owner' },
      { key: 'globex', name: 'Globex Corporation', role: 'owner' },
      { key: 'initech', name: 'Initech', role: 'owner' },
    ]);
    const { body: globex } = await rawRequest(sandbox, 'GET', '/api/v1/org/globex');
    expect(globex.allow_external_invites).toBe(false);
  });

  it('has about 50 invitations across every status', async () => {
    const all = [];
    for (const org of ['acme', 'globex', 'initech'])
      all.push(...(await rawRequest(sandbox, 'GET', `/api/v1/org/${org}/invitations`)).body);
    expect(all.length).toBeGreaterThanOrEqual(45);
    expect(new Set(all.map((invitation: { status: string }) => invitation.status))).toEqual(
      new Set(INVITATION_STATUSES),
    );
  });

  it('is the same for the same seed', async () => {
    const again = await startTestSandbox();
    try {
      const first = (await rawRequest(sandbox, 'GET', '/api/v1/org/globex/invitations')).body.map(
        (i: { id: string }) => i.id,
      );
      const second = (await rawRequest(again, 'GET', '/api/v1/org/globex/invitations')).body.map(
        (i: { id: string }) => i.id,
      );
      expect(second).toEqual(first);
    } finally {
      await again.close();
    }
  });

  it('seeds 10,000 invitations into the first org on request', async () => {
    const large = await startTestSandbox({ invitations: 10_000 });
    try {
      const { body } = await rawRequest(large, 'GET', INVITATIONS);
      expect(body).toHaveLength(10_000);
      expect(new Set(body.map((i: { email: string }) => i.email)).size).toBe(10_000);
    } finally {
      await large.close();
    }
  });
});

describe('sandbox rules', () => {
  it('401 without a token or with an unknown one', async () => {
    expect(await rawRequest(sandbox, 'GET', '/api/v1/org', { token: null })).toMatchObject({
      status: 401,
      body: { code: 401, detail: 'Authentication failed', type: 'authentication_error' },
    });
    expect((await rawRequest(sandbox, 'GET', '/api/v1/org', { token: 'nope' })).status).toBe(401);
  });

  it('readers may browse but not invite or revoke (403)', async () => {
    expect((await rawRequest(sandbox, 'GET', INVITATIONS, { token: 'demo-reader' })).status).toBe(200);
    expect(
      (await rawRequest(sandbox, 'POST', INVITATIONS, { token: 'demo-reader', body: invite('r@acme.test') })).body.type,
    ).toBe('forbidden');
    expect((await rawRequest(sandbox, 'DELETE', `${INVITATIONS}/inv_x`, { token: 'demo-reader' })).status).toBe(403);
  });

  it('403 for an outside address where external invites are off, 200 for an inside one', async () => {
    const outside = await rawRequest(sandbox, 'POST', '/api/v1/org/globex/invitations', {
      body: invite('x@example.com'),
    });
    expect(outside).toMatchObject({ status: 403, body: { type: 'forbidden' } });
    expect(
      (await rawRequest(sandbox, 'POST', '/api/v1/org/globex/invitations', { body: invite('new@globex.test') })).status,
    ).toBe(200);
  });

  it('404 for an unknown org or endpoint, 405 for a wrong method', async () => {
    expect(await rawRequest(sandbox, 'GET', '/api/v1/org/nope')).toMatchObject({
      status: 404,
      body: { type: 'not_found' },
    });
    expect((await rawRequest(sandbox, 'GET', '/api/v2/things')).status).toBe(404);
    expect(await rawRequest(sandbox, 'PUT', INVITATIONS)).toMatchObject({
      status: 405,
      body: { type: 'method_not_allowed' },
    });
  });

  it('409 for a member, and for an address with a pending invitation, whatever its case', async () => {
    expect(
      (await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('Ada.Lovelace@ACME.test') })).body,
    ).toMatchObject({
      code: 409,
      type: 'already_exists',
      detail: 'Ada.Lovelace@ACME.test is already a member of acme',
    });
    expect((await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('twice@acme.test') })).status).toBe(200);
    const second = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('TWICE@acme.test') });
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/already has a pending invitation to acme \(inv_/);
  });

  it('422 with errors[].loc for a bad email, role or body shape', async () => {
    const { status, body } = await rawRequest(sandbox, 'POST', INVITATIONS, {
      body: JSON.stringify({ email: 'nope', role: 'admin', send_email: 'yes' }),
    });
    expect(status).toBe(422);
    expect(body.errors.map((e: { loc: string[] }) => e.loc)).toEqual([
      ['body', 'email'],
      ['body', 'role'],
      ['body', 'send_email'],
    ]);
    const missing = await rawRequest(sandbox, 'POST', INVITATIONS, { body: '{}' });
    expect(missing.body.errors).toContainEqual({ loc: ['body', 'email'], msg: 'Field required', type: 'missing' });
    const long = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite(`${'a'.repeat(65)}@acme.test`) });
    expect(long.body.errors[0]).toMatchObject({
      loc: ['body', 'email'],
      msg: 'the part before @ is at most 64 characters',
    });
  });

  it('400 for malformed JSON', async () => {
    expect(await rawRequest(sandbox, 'POST', INVITATIONS, { body: '{"email": "a@' })).toMatchObject({
      status: 400,
      body: { type: 'invalid_request' },
    });
  });

  it('422 for an unknown status filter', async () => {
    const { status, body } = await rawRequest(sandbox, 'GET', `${INVITATIONS}?status=lost`);
    expect(status).toBe(422);
    expect(body.errors[0].loc).toEqual(['query', 'status']);
  });

  it('403 once the member limit is reached (members and pending invitations)', async () => {
    const path = '/api/v1/org/initech/invitations';
    expect((await rawRequest(sandbox, 'POST', path, { body: invite('last.seat@initech.test') })).status).toBe(200);
    const full = await rawRequest(sandbox, 'POST', path, { body: invite('one.too.many@initech.test') });
    expect(full).toMatchObject({ status: 403, body: { type: 'member_limit_reached' } });
    expect(full.body.detail).toContain('member limit');
  });

  it('426 for an invite-tui older than the minimum version; other clients pass', async () => {
    const strict = await startTestSandbox({ minClientVersion: '2.0.0' });
    try {
      const old = await rawRequest(strict, 'GET', '/api/v1/org', { headers: { 'user-agent': 'invite-tui/1.9.9' } });
      expect(old).toMatchObject({ status: 426, body: { type: 'upgrade_required' } });
      expect(
        (await rawRequest(strict, 'GET', '/api/v1/org', { headers: { 'user-agent': 'invite-tui/2.0.0' } })).status,
      ).toBe(200);
      expect((await rawRequest(strict, 'GET', '/api/v1/org', { headers: { 'user-agent': 'curl/8.0' } })).status).toBe(
        200,
      );
    } finally {
      await strict.close();
    }
  });

  it('429 with Retry-After past --rate requests per second per token', async () => {
    const limited = await startTestSandbox({ rate: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push(await rawRequest(limited, 'GET', '/api/v1/org'));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      expect(statuses[3]?.headers.get('retry-after')).toBe('1');
      expect(statuses[3]?.body.type).toBe('rate_limited');
      // Another token has its own allowance.
      expect((await rawRequest(limited, 'GET', '/api/v1/org', { token: 'demo-reader' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('expires pending invitations 7 days after creation', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const timed = await startTestSandbox({ clock: () => now });
    try {
      const created = await rawRequest(timed, 'POST', INVITATIONS, { body: invite('later@acme.test') });
      expect(created.body).toMatchObject({
        status: 'pending',
        created_at: '2026-11-26T10:00:00.000Z',
        expires_at: '2026-12-03T10:00:00.000Z',
      });
      now += 7 * 24 * 3600 * 1000;
      const { body } = await rawRequest(timed, 'GET', `${INVITATIONS}?status=expired`);
      expect(body.map((i: { id: string }) => i.id)).toContain(created.body.id);
      // An expired invitation no longer blocks a new one.
      expect((await rawRequest(timed, 'POST', INVITATIONS, { body: invite('later@acme.test') })).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('revokes pending invitations (204), not others (409), not unknown ones (404)', async () => {
    const { body: created } = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('revoke.me@acme.test') });
    expect((await rawRequest(sandbox, 'DELETE', `${INVITATIONS}/${created.id}`)).status).toBe(204);
    expect((await rawRequest(sandbox, 'DELETE', `${INVITATIONS}/${created.id}`)).status).toBe(404);
    const { body: accepted } = await rawRequest(sandbox, 'GET', `${INVITATIONS}?status=accepted`);
    const refused = await rawRequest(sandbox, 'DELETE', `${INVITATIONS}/${accepted[0].id}`);
    expect(refused).toMatchObject({ status: 409, body: { type: 'not_pending' } });
  });
});

describe('sandbox idempotency keys', () => {
  it('answers a repeated key and body with the original response, creating nothing new', async () => {
    const headers = { 'idempotency-key': 'key-1' };
    const first = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('idem@acme.test'), headers });
    const second = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('idem@acme.test'), headers });
    expect(second).toMatchObject({ status: 200, body: first.body });
    const { body } = await rawRequest(sandbox, 'GET', INVITATIONS);
    expect(body.filter((i: { email: string }) => i.email === 'idem@acme.test')).toHaveLength(1);
  });

  it('refuses a repeated key with a different body (422)', async () => {
    const headers = { 'idempotency-key': 'key-2' };
    await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('first@acme.test'), headers });
    const reused = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('second@acme.test'), headers });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0]).toMatchObject({ loc: ['header', 'Idempotency-Key'], type: 'idempotency_key_reused' });
  });

  it('keeps keys per token', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('per.token@acme.test'), headers });
    const other = await rawRequest(sandbox, 'POST', INVITATIONS, {
      body: invite('per.token@acme.test'),
      headers,
      token: 'demo-reader',
    });
    expect(other.status).toBe(403);
  });
});
