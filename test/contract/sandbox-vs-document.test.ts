// The sandbox checked against the same document: every answer passes through Prism's
// validating proxy (`prism proxy docs/openapi.yaml --errors`), which flags (and with --errors
// replaces by a 500) any answer the document does not allow. Requests are not checked here (the
// mock tests check the client's), so requests the client would never send reach the sandbox too. The chain is
//   client → recorder → Prism proxy → switch → sandbox
// so one Prism serves every sandbox this file starts, and the recorder keeps Prism's verdicts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientOptions } from '../../src/api/client.js';
import type { ApiError } from '../../src/api/errors.js';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { apiErrorOf } from '../helpers/api-error.js';
import { startForwarder, type Forwarder } from '../helpers/forwarder.js';
import { startPrismProxy, type PrismProcess } from '../helpers/prism.js';
import { clientFor, rawRequest, rejectionOf, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let recorder: Forwarder;
let prism: PrismProcess;
let toSandbox: Forwarder;
let sandbox: TestSandbox | undefined;

beforeAll(async () => {
  toSandbox = await startForwarder();
  prism = await startPrismProxy(toSandbox.url);
  recorder = await startForwarder(prism.url);
}, 120_000);
afterAll(async () => {
  await recorder?.close();
  await prism?.stop();
  await toSandbox?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  recorder.exchanges.length = 0;
  await sandbox?.close();
  sandbox = undefined;
});

async function useSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  sandbox = await startTestSandbox(options);
  toSandbox.target = sandbox.url;
  return sandbox;
}

function client(overrides: Partial<ClientOptions> = {}) {
  return clientFor(recorder, overrides);
}

/** What Prism said of each exchange so far: `METHOD path status`, then its violations or its own error. */
function verdicts(): string[] {
  return recorder.exchanges.map((exchange) => {
    const said = exchange.violations
      ? ` VIOLATES ${exchange.violations}`
      : exchange.prismProblem
        ? ` PRISM ${exchange.prismProblem}`
        : '';
    return `${exchange.method} ${exchange.path.split('?')[0]} ${exchange.status}${said}`;
  });
}

function expectNoViolations() {
  expect(verdicts().filter((verdict) => / (VIOLATES|PRISM) /.test(verdict))).toEqual([]);
}

describe('the sandbox through the validating proxy', () => {
  it('answers browsing as documented: organizations, one organization, invitations (all, pending)', async () => {
    await useSandbox();
    const orgs = await client().listOrgs();
    expect(orgs.map((org) => org.key)).toEqual(['acme', 'globex', 'initech']);
    expect(await client().getOrg('acme')).toMatchObject({ key: 'acme', member_limit: expect.any(Number) });
    const all = await client().listInvitations('acme');
    const pending = await client().listInvitations('acme', { status: 'pending' });
    expect(all.length).toBeGreaterThan(pending.length);
    expect(pending.every((invitation) => invitation.status === 'pending')).toBe(true);
    expect(recorder.exchanges).toHaveLength(4);
    expectNoViolations();
  });

  it('answers an invitation and every refusal its rules make as documented', async () => {
    await useSandbox();
    const created = await client().createInvitation('acme', { email: 'new.person@acme.test', role: 'reader' });
    expect(created).toMatchObject({ role: 'reader', status: 'pending', email: 'new.person@acme.test' });
    const refusals = [
      () => client().createInvitation('acme', { email: 'new.person@acme.test', role: 'reader' }),
      () => client().createInvitation('nope', { email: 'new.person@acme.test', role: 'reader' }),
      () => client({ token: 'not-a-token' }).createInvitation('acme', { email: 'x@acme.test', role: 'reader' }),
      () => client({ token: 'demo-reader' }).createInvitation('acme', { email: 'x@acme.test', role: 'reader' }),
      () => client().createInvitation('globex', { email: 'outsider@elsewhere.test', role: 'reader' }),
    ];
    const errors = [];
    for (const refusal of refusals) errors.push(await apiErrorOf(refusal()));
    expect(errors.map((error) => `${error.status} ${error.type}`)).toEqual([
      '409 already_exists',
      '404 not_found',
      '401 authentication_error',
      '403 forbidden',
      '403 forbidden',
    ]);
    expectNoViolations();
  });

  it('answers 403 when the member limit is reached, as documented', async () => {
    await useSandbox({ memberLimit: 1 });
    const error = await apiErrorOf(client().createInvitation('acme', { email: 'one.more@acme.test', role: 'reader' }));
    expect(error).toMatchObject({ status: 403, type: 'member_limit_reached' });
    expectNoViolations();
  });

  it('answers revokes as documented: 204, then 404 for that id, 409 for one no longer pending, 403 for a reader', async () => {
    await useSandbox();
    const [pending] = await client().listInvitations('acme', { status: 'pending' });
    const [accepted] = await client().listInvitations('acme', { status: 'accepted' });
    if (!pending?.id || !accepted?.id) throw new Error('the seed has pending and accepted invitations in acme');
    await expect(client().revokeInvitation('acme', pending.id)).resolves.toBeUndefined();
    const errors = [
      await apiErrorOf(client().revokeInvitation('acme', pending.id)),
      await apiErrorOf(client().revokeInvitation('acme', accepted.id)),
      await apiErrorOf(client({ token: 'demo-reader' }).revokeInvitation('acme', accepted.id)),
    ];
    expect(errors.map((error) => error.status)).toEqual([404, 409, 403]);
    expect(verdicts().slice(2)).toEqual([
      `DELETE /api/v1/org/acme/invitations/${pending.id} 204`,
      `DELETE /api/v1/org/acme/invitations/${pending.id} 404`,
      `DELETE /api/v1/org/acme/invitations/${accepted.id} 409`,
      `DELETE /api/v1/org/acme/invitations/${accepted.id} 403`,
    ]);
    expectNoViolations();
  });

  // Requests the client would never send, to reach the sandbox's own validation. (Not a body that
  // is not JSON: Prism's server refuses that itself, in a shape of its own, before proxying.)
  it('answers requests it refuses (400, 422 with field errors) as documented', async () => {
    await useSandbox();
    const invitations = '/api/v1/org/acme/invitations';
    const answers = [
      await rawRequest(recorder, 'POST', invitations, {
        body: JSON.stringify({ email: 'big@acme.test', role: 'reader', padding: 'x'.repeat(1024 * 1024) }),
      }),
      await rawRequest(recorder, 'POST', invitations, { body: JSON.stringify({ email: 'nope', role: 'boss' }) }),
      await rawRequest(recorder, 'POST', invitations, { body: JSON.stringify({ role: 'reader' }) }),
      await rawRequest(recorder, 'GET', `${invitations}?status=lost`),
    ];
    expect(answers.map((answer) => `${answer.status} ${answer.body.type}`)).toEqual([
      '400 invalid_request',
      '422 validation_error',
      '422 validation_error',
      '422 validation_error',
    ]);
    expect(answers[1]?.body.errors.map((error: { loc: string[] }) => error.loc.join('.'))).toEqual([
      'body.email',
      'body.role',
    ]);
    expectNoViolations();
  });

  it('answers 426 to a client older than it accepts, on every call, as documented', async () => {
    await useSandbox({ minClientVersion: '999.0.0' });
    const errors = [
      await apiErrorOf(client().createInvitation('acme', { email: 'x@acme.test', role: 'reader' })),
      await apiErrorOf(client().listOrgs()),
      await apiErrorOf(client().getOrg('acme')),
    ];
    expect(errors.map((error) => `${error.status} ${error.type}`)).toEqual(Array(3).fill('426 upgrade_required'));
    expectNoViolations();
  });

  it('answers 429 with Retry-After in seconds when its rate limit is hit, as documented', async () => {
    await useSandbox({ rate: 1 });
    const once = client({ retry: { maxAttempts: 1 } });
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((name) => once.createInvitation('acme', { email: `${name}.rate@acme.test`, role: 'reader' })),
    );
    const limited = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as ApiError] : []));
    expect(limited.length).toBeGreaterThan(0);
    for (const error of limited) expect(error).toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
    expectNoViolations();
  });

  it('offering only part A (--minimal), answers the assumed calls 404, as the document allows', async () => {
    await useSandbox({ minimal: true });
    const created = await client().createInvitation('acme', { email: 'minimal@acme.test', role: 'reader' });
    expect(created.role).toBe('reader');
    const errors = [
      await apiErrorOf(client().listOrgs()),
      await apiErrorOf(client().listInvitations('acme')),
      await apiErrorOf(client().revokeInvitation('acme', 'inv_1')),
    ];
    expect(errors.map((error) => error.status)).toEqual([404, 404, 404]);
    expectNoViolations();
  });

  it('replays the original answer to a retry after 502 (same Idempotency-Key), as documented', async () => {
    await useSandbox({ faults: '502-after@POST#1' });
    const created = await client().createInvitation('acme', { email: 'retried@acme.test', role: 'reader' });
    expect(created).toMatchObject({ email: 'retried@acme.test', status: 'pending' });
    expect(verdicts()).toEqual(['POST /api/v1/org/acme/invitations 502', 'POST /api/v1/org/acme/invitations 200']);
    const keys = new Set(recorder.exchanges.map((exchange) => exchange.requestHeaders['idempotency-key']));
    expect(keys.size).toBe(1);
    const invitations = await client().listInvitations('acme');
    expect(invitations.filter((invitation) => invitation.email === 'retried@acme.test')).toHaveLength(1);
    expectNoViolations();
  });
});

describe('sandbox faults and the document', () => {
  // Faults that stand for a real server having a bad moment, within what the document allows.
  it.each([
    ['422@POST', 422],
    ['500', 500],
    ['502', 502],
    ['504', 504],
    ['429=2', 429],
    ['502-after@POST', 502],
    ['504-after@POST', 504],
  ])('%s: answers %i as documented', async (faults, status) => {
    await useSandbox({ faults });
    const error = await apiErrorOf(
      client({ retry: { maxAttempts: 1 } }).createInvitation('acme', { email: 'x@acme.test', role: 'reader' }),
    );
    expect(error.status).toBe(status);
    expectNoViolations();
  });

  it('escape: terminal escapes in names and details are still strings the document allows', async () => {
    await useSandbox({ faults: 'escape' });
    const [org] = await client().listOrgs();
    expect(org?.name).toContain('\x1b');
    expectNoViolations();
  });

  // Faults that stand for a server breaking the contract, so clients can be tested against one:
  // Prism must catch each, which shows the document is strict where API.md is.
  it.each([
    ['503', /Unable to match the returned status code/],
    ['429=none', /retry-after/i],
    ['429=date-5', /retry-after/i],
    ['html-200', /media type/],
    // Prism cannot even read these as the JSON they claim to be.
    ['json-html', /PRISM invalid json response body/],
    ['empty-200', /PRISM invalid json response body/],
    ['truncate@POST', /PRISM invalid json response body/],
    ['huge=0.01', /media type/],
    // Not here: `redirect`, which Prism's proxy follows instead of checking; and the faults that
    // give no answer at all (hang, drop, hang-body), which no document describes.
  ])('%s breaks the contract on purpose, and the validating proxy says so', async (faults, violation) => {
    await useSandbox({ faults });
    await rejectionOf(
      client({ retry: { maxAttempts: 1 } }).createInvitation('acme', { email: 'x@acme.test', role: 'reader' }),
    );
    expect(verdicts()).toEqual([expect.stringMatching(violation)]);
  });
});

describe('the sandbox in its other modes, through the validating proxy', () => {
  it('--paginate: every list in pages, each page as documented, every page read', async () => {
    await useSandbox({ paginate: true, invitations: 250 });
    expect((await client().listOrgs()).map((org) => org.key)).toEqual(['acme', 'globex', 'initech']);
    expect(await client().listInvitations('acme')).toHaveLength(250);
    const pending = await client().listInvitations('acme', { status: 'pending' });
    expect(pending.every((invitation) => invitation.status === 'pending')).toBe(true);
    expect((await client().listMembers('acme')).length).toBeGreaterThan(0);
    expect(recorder.exchanges.filter((exchange) => exchange.path.includes('page=3'))).toHaveLength(1);
    expectNoViolations();
  });

  it('--platform: what the platform documents, as documented, and 404 for the rest', async () => {
    await useSandbox({ platform: true });
    expect(await client().getOrg('acme')).toMatchObject({ key: 'acme', max_members: expect.any(Number) });
    expect((await client().listMembers('acme'))[0]).toMatchObject({
      email: expect.any(String),
      role: expect.any(String),
    });
    const created = await client().createInvitation('acme', { email: 'platform.person@acme.test', role: 'reader' });
    const notOffered = [
      await apiErrorOf(client().listOrgs()),
      await apiErrorOf(client().listInvitations('acme')),
      await apiErrorOf(client().revokeInvitation('acme', created.id ?? 'inv_1')),
    ];
    expect(notOffered.map((error) => error.status)).toEqual([404, 404, 404]);
    expectNoViolations();
  });

  it("--platform: the invitee's side, seen and answered by the person invited, as documented", async () => {
    await useSandbox({ platform: true });
    const created = await client().createInvitation('acme', { email: 'invitee@acme.test', role: 'reader' });
    const invitee = 'demo-invitee:invitee@acme.test';
    const mine = await rawRequest(recorder, 'GET', '/api/v1/invitations/me', { token: invitee });
    expect(mine.body.map((invitation: { id: string }) => invitation.id)).toEqual([created.id]);
    const respond = `/api/v1/invitations/${created.id}/respond`;
    const body = JSON.stringify({ accept: true });
    const answers = [
      await rawRequest(recorder, 'POST', respond, { token: invitee, body }),
      await rawRequest(recorder, 'POST', respond, { token: invitee, body }),
      await rawRequest(recorder, 'POST', '/api/v1/invitations/nope/respond', { token: invitee, body }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 409, 404]);
    expect(answers[0]?.body).toMatchObject({ id: created.id, status: 'accepted' });
    expectNoViolations();
  });

  it('answers a body that is not labelled JSON as documented: 400, naming the Content-Type to send', async () => {
    await useSandbox();
    const body = JSON.stringify({ email: 'typed@acme.test', role: 'reader' });
    const answers = [
      await rawRequest(recorder, 'POST', '/api/v1/org/acme/invitations', {
        body,
        headers: { 'content-type': 'text/plain' },
      }),
      await rawRequest(recorder, 'POST', '/api/v1/org/acme/invitations', {
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
    expect(answers[0]?.body).toMatchObject({ code: 400, type: 'invalid_request' });
    expect(answers[0]?.body.detail).toContain('Content-Type: application/json');
    // The client always labels its bodies; relabelled on the way, its error still says what to send.
    recorder.extraHeaders = { 'content-type': 'text/plain' };
    try {
      const error = await apiErrorOf(
        client().createInvitation('acme', { email: 'relabelled@acme.test', role: 'reader' }),
      );
      expect(error).toMatchObject({ status: 400, type: 'invalid_request' });
      expect(error.message).toContain('Content-Type: application/json (got text/plain)');
    } finally {
      recorder.extraHeaders = {};
    }
    expect(verdicts()).toEqual(Array(3).fill('POST /api/v1/org/acme/invitations 400'));
  });
});
