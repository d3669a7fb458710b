// The sandbox as the servers a client meets: part A alone (--minimal), what the platform
// documents (--platform), lists in pages (--paginate), and the invitee's side.
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const INVITATIONS = '/api/v1/org/acme/invitations';
const invite = (email: string, role = 'reader') => JSON.stringify({ email, role });
const NOT_FOUND = { status: 404, body: { code: 404, detail: 'Not found', type: 'not_found' } };

describe('--minimal: part A alone', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ minimal: true });
  });
  afterAll(() => sandbox.close());

  it('creates invitations, and answers an unknown org with 404', async () => {
    expect(await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('part.a@acme.test') })).toMatchObject({
      status: 200,
      body: { email: 'part.a@acme.test', role: 'reader', status: 'pending' },
    });
    expect(
      await rawRequest(sandbox, 'POST', '/api/v1/org/nope/invitations', { body: invite('a@acme.test') }),
    ).toMatchObject({
      status: 404,
      body: { code: 404, detail: 'Organization "nope" not found', type: 'not_found' },
    });
  });

  it.each([
    ['GET', '/api/v1/org'],
    ['GET', '/api/v1/org/acme'],
    ['GET', '/api/v1/org/nope'],
    ['GET', INVITATIONS],
    ['PUT', INVITATIONS],
    ['GET', '/api/v1/org/acme/members'],
    ['DELETE', `${INVITATIONS}/inv_x`],
    ['GET', '/api/v1/invitations/me'],
    ['POST', '/api/v1/invitations/inv_x/respond'],
  ])('%s %s is a 404 in the error envelope, like a missing org', async (method, path) => {
    expect(await rawRequest(sandbox, method, path, { body: method === 'GET' ? undefined : '{}' })).toMatchObject(
      NOT_FOUND,
    );
  });
});

describe('--platform: what the platform documents', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ platform: true });
  });
  afterAll(() => sandbox.close());

  it('gives org details in the SDK shape: max_members, no caller role, no member count', async () => {
    const { status, body } = await rawRequest(sandbox, 'GET', '/api/v1/org/initech');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      [
        'allow_external_invites',
        'created_at',
        'description',
        'id',
        'is_active',
        'key',
        'max_members',
        'name',
        'updated_at',
      ].sort(),
    );
    expect(body).toMatchObject({ key: 'initech', name: 'Initech', is_active: true, allow_external_invites: true });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.max_members).toBeGreaterThan(21);
  });

  it('lists members as {email, role, user_id}', async () => {
    const { status, body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/members');
    expect(status).toBe(200);
    expect(body).toHaveLength(42);
    expect(body[0]).toEqual({ email: 'ada.lovelace@acme.test', role: 'owner', user_id: expect.any(String) });
    expect(new Set(body.map((member: { role: string }) => member.role))).toEqual(
      new Set(['owner', 'contributor', 'reader']),
    );
  });

  it.each([
    ['GET', '/api/v1/org'],
    ['GET', INVITATIONS],
    ['DELETE', `${INVITATIONS}/inv_x`],
  ])('offers no %s %s (404)', async (method, path) => {
    expect(await rawRequest(sandbox, method, path)).toMatchObject(NOT_FOUND);
  });

  it('creates invitations', async () => {
    expect((await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('platform@acme.test') })).status).toBe(200);
  });
});

describe('--paginate: lists in pages, as the platform SDK shows them', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ paginate: true, invitations: 250 });
  });
  afterAll(() => sandbox.close());

  it('names the array after the resource for some lists and `items` for others', async () => {
    expect((await rawRequest(sandbox, 'GET', '/api/v1/org')).body).toEqual({
      organizations: [
        { key: 'acme', name: 'Acme Corp', role: 'owner' },
        { key: 'globex', name: 'Globex Corporation', role: 'owner' },
        { key: 'initech', name: 'Initech', role: 'owner' },
      ],
      total: 3,
      page: 1,
      limit: 50,
      total_pages: 1,
      has_next: false,
      has_previous: false,
    });
    const members = (await rawRequest(sandbox, 'GET', '/api/v1/org/acme/members?limit=10')).body;
    expect(members).toMatchObject({ total: 42, page: 1, limit: 10, total_pages: 5, has_next: true });
    expect(members.members).toHaveLength(10);
    const invitations = (await rawRequest(sandbox, 'GET', `${INVITATIONS}?page=1&limit=100`)).body;
    expect(invitations).toMatchObject({ total: 250, total_pages: 3, has_next: true, has_previous: false });
    expect(invitations.items).toHaveLength(100);
  });

  it('reads every invitation once over the pages, newest first, and filtered pages count only matches', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++)
      pages.push((await rawRequest(sandbox, 'GET', `${INVITATIONS}?page=${page}&limit=100`)).body);
    expect(pages[2]).toMatchObject({ page: 3, has_next: false, has_previous: true });
    const ids = pages.flatMap((page) => page.items.map((invitation: { id: string }) => invitation.id));
    expect(new Set(ids).size).toBe(250);
    const created = pages.flatMap((page) =>
      page.items.map((invitation: { created_at: string }) => invitation.created_at),
    );
    expect(created).toEqual([...created].sort().reverse());

    const accepted = (await rawRequest(sandbox, 'GET', `${INVITATIONS}?status=accepted&limit=30&page=2`)).body;
    const everyStatus = pages.flatMap((page) => page.items.map((invitation: { status: string }) => invitation.status));
    expect(accepted.total).toBe(everyStatus.filter((status) => status === 'accepted').length);
    expect(accepted.items).toHaveLength(30);
    expect(accepted.items.every((invitation: { status: string }) => invitation.status === 'accepted')).toBe(true);
    const past = (await rawRequest(sandbox, 'GET', `${INVITATIONS}?page=9&limit=100`)).body;
    expect(past).toMatchObject({ items: [], total: 250, page: 9, has_next: false, has_previous: true });
  });

  it.each(['page=0', 'page=x', 'limit=0', 'limit=101', 'limit=2.5'])('refuses ?%s with 422', async (query) => {
    const { status, body } = await rawRequest(sandbox, 'GET', `${INVITATIONS}?${query}`);
    expect(status).toBe(422);
    expect(body.errors[0].loc).toEqual(['query', query.split('=')[0]]);
  });
});

describe("the invitee's side", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ platform: true });
  });
  afterAll(() => sandbox.close());
  const as = (address: string) => `demo-invitee:${address}`;

  it('shows a person their pending invitations; accepting makes them a member with the role', async () => {
    const { body: created } = await rawRequest(sandbox, 'POST', INVITATIONS, {
      body: invite('Newcomer@Example.com', 'contributor'),
    });
    const mine = await rawRequest(sandbox, 'GET', '/api/v1/invitations/me', { token: as('newcomer@example.com') });
    expect(mine).toMatchObject({ status: 200, body: [{ id: created.id, org: 'acme', status: 'pending' }] });
    expect((await rawRequest(sandbox, 'GET', '/api/v1/org/acme', { token: as('newcomer@example.com') })).status).toBe(
      403,
    );

    const accepted = await rawRequest(sandbox, 'POST', `/api/v1/invitations/${created.id}/respond`, {
      token: as('newcomer@example.com'),
      body: JSON.stringify({ accept: true }),
    });
    expect(accepted).toMatchObject({ status: 200, body: { id: created.id, status: 'accepted' } });
    expect(
      (await rawRequest(sandbox, 'GET', '/api/v1/invitations/me', { token: as('newcomer@example.com') })).body,
    ).toEqual([]);
    const { body: members } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/members');
    expect(members).toContainEqual({ email: 'Newcomer@Example.com', role: 'contributor', user_id: expect.any(String) });
    expect((await rawRequest(sandbox, 'GET', '/api/v1/org/acme', { token: as('newcomer@example.com') })).status).toBe(
      200,
    );
    // Now "already a member" is real.
    expect(await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('newcomer@example.com') })).toMatchObject({
      status: 409,
      body: { type: 'already_exists', detail: 'newcomer@example.com is already a member of acme' },
    });
    const again = await rawRequest(sandbox, 'POST', `/api/v1/invitations/${created.id}/respond`, {
      token: as('newcomer@example.com'),
      body: JSON.stringify({ accept: false }),
    });
    expect(again).toMatchObject({ status: 409, body: { type: 'not_pending' } });
  });

  it('rejecting frees the address for a new invitation; nobody answers for someone else', async () => {
    const { body: created } = await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('decliner@acme.test') });
    const path = `/api/v1/invitations/${created.id}/respond`;
    const stranger = await rawRequest(sandbox, 'POST', path, {
      token: as('stranger@acme.test'),
      body: JSON.stringify({ accept: true }),
    });
    expect(stranger).toMatchObject({ status: 404, body: { type: 'not_found' } });
    expect((await rawRequest(sandbox, 'POST', path, { body: JSON.stringify({ accept: true }) })).status).toBe(404);
    const refused = await rawRequest(sandbox, 'POST', path, {
      token: as('decliner@acme.test'),
      body: JSON.stringify({ accept: 'yes' }),
    });
    expect(refused.body.errors).toEqual([
      { loc: ['body', 'accept'], msg: 'Input should be a valid boolean (got string)', type: 'type_error' },
    ]);
    const rejected = await rawRequest(sandbox, 'POST', path, {
      token: as('decliner@acme.test'),
      body: JSON.stringify({ accept: false }),
    });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } });
    expect((await rawRequest(sandbox, 'POST', INVITATIONS, { body: invite('decliner@acme.test') })).status).toBe(200);
  });

  it('401 for an invitee token without an address', async () => {
    expect((await rawRequest(sandbox, 'GET', '/api/v1/invitations/me', { token: 'demo-invitee:nobody' })).status).toBe(
      401,
    );
  });
});

describe('request bodies', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it('says what is wrong with a field of the wrong type, and which field is missing', async () => {
    const { body } = await rawRequest(sandbox, 'POST', INVITATIONS, {
      body: JSON.stringify({ email: 5, send_email: 'yes' }),
    });
    expect(body.errors).toEqual([
      { loc: ['body', 'email'], msg: 'Input should be a valid string (got number)', type: 'type_error' },
      { loc: ['body', 'role'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'send_email'], msg: 'Input should be a valid boolean (got string)', type: 'type_error' },
    ]);
    const notAnObject = await rawRequest(sandbox, 'POST', INVITATIONS, { body: '[]' });
    expect(notAnObject.body.errors).toEqual([
      { loc: ['body'], msg: 'Input should be a valid object (got an array)', type: 'type_error' },
    ]);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])(
    'refuses a POST sent as %j with 400, naming the Content-Type to send',
    async (contentType) => {
      const response = await fetch(sandbox.url + INVITATIONS, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-owner', ...(contentType ? { 'content-type': contentType } : {}) },
        body: contentType ? invite('typed@acme.test') : new Uint8Array(Buffer.from(invite('typed@acme.test'))),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { detail: string };
      expect(body).toMatchObject({ code: 400, type: 'invalid_request' });
      expect(body.detail).toContain('Content-Type: application/json');
    },
  );

  it('accepts JSON with a charset', async () => {
    const { status } = await rawRequest(sandbox, 'POST', INVITATIONS, {
      body: invite('charset@acme.test'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(status).toBe(200);
  });

  it('lists members in the full sandbox too', async () => {
    const { status, body } = await rawRequest(sandbox, 'GET', '/api/v1/org/globex/members');
    expect(status).toBe(200);
    expect(body).toHaveLength(18);
  });
});

describe('invite-tui sandbox flags (built binary)', () => {
  it('refuses --minimal with --platform, and lists the modes in --help', async () => {
    const both = await runCli(['sandbox', '--minimal', '--platform']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--minimal and --platform are two different servers: choose one');
    const help = await runCli(['sandbox', '--help']);
    for (const text of ['--minimal', '--platform', '--paginate', 'demo-invitee:ADDRESS'])
      expect(help.stdout).toContain(text);
  });

  it('says why a --data file cannot be used, with exit 14 and no stack trace', async () => {
    const missing = await runCli(['sandbox', '--data', '/nonexistent-folder/sandbox.jsonl']);
    expect(missing).toEqual({
      code: 14,
      stdout: '',
      stderr: 'invite-tui: --data: cannot write /nonexistent-folder/sandbox.jsonl: its folder does not exist\n',
    });
    const folder = await runCli(['sandbox', '--data', tmpdir()]);
    expect(folder.code).toBe(14);
    expect(folder.stderr).toBe(`invite-tui: --data: cannot read ${tmpdir()}: it is a folder\n`);
  });
});
