// The client against a peer we did not write: Prism's mock, generated from docs/openapi.yaml.
// A forwarder in front adds Prism's `Prefer` header to choose the answer (a status with
// `code=N`, a named example with `example=NAME`) and counts what reaches the mock. Prism also
// checks each of the client's requests against the document (its `sl-violations` header).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type RetryWait } from '../../src/api/client.js';
import { companionFailure } from '../../src/api/companion.js';
import { apiErrorOf } from '../helpers/api-error.js';
import { startForwarder, type Forwarder } from '../helpers/forwarder.js';
import { exampleOf, lintProblems, loadDocument, type OpenApiDocument } from '../helpers/openapi.js';
import { startPrismMock, type PrismProcess } from '../helpers/prism.js';

const INVITATIONS = '/api/v1/org/{org}/invitations';
const INVITE = { email: 'ada@acme.test', role: 'reader' } as const;

let prism: PrismProcess;
let mock: Forwarder;
let document: OpenApiDocument;

beforeAll(async () => {
  [prism, document] = await Promise.all([startPrismMock(), loadDocument()]);
  mock = await startForwarder(prism.url);
}, 120_000);
afterAll(async () => {
  await mock?.close();
  await prism?.stop();
});
beforeEach(() => {
  mock.exchanges.length = 0;
  mock.extraHeaders = {};
  mock.headersFor = undefined;
});
afterEach(() => {
  // Every request the client made is one the document allows.
  expect(mock.exchanges.filter((exchange) => exchange.violations).map((exchange) => exchange.violations)).toEqual([]);
});

function client() {
  return createClient({
    baseUrl: mock.url,
    token: 'contract-test-token',
    timeoutMs: 10_000,
    // Quick retries; a Retry-After is capped to a few ms (the wait still reports what was asked).
    retry: { baseDelayMs: 1, maxBackoffMs: 5, maxRetryAfterMs: 5 },
  });
}

function prefer(value: string, headers: Record<string, string> = {}) {
  mock.extraHeaders = { prefer: value, ...headers };
}

describe('docs/openapi.yaml', () => {
  it('is valid OpenAPI 3.1 whose examples match their schemas (Redocly, strictest rules)', async () => {
    expect(await lintProblems()).toEqual([]);
  });

  it('marks part A as documented and every other operation as assumed', () => {
    const marks = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'delete', 'put', 'patch'].includes(method))
        .map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation['x-assumed']}`),
    );
    expect(marks.filter((mark) => mark.endsWith(' false'))).toEqual([`POST ${INVITATIONS} false`]);
    expect(marks.filter((mark) => !mark.endsWith(' false')).every((mark) => mark.endsWith(' true'))).toBe(true);
    expect(marks).toHaveLength(8);
  });
});

describe('createInvitation against the mock', () => {
  it('accepts the documented success, only {"role": "owner"}, and invents nothing', async () => {
    prefer('example=documented');
    expect(await client().createInvitation('acme', { ...INVITE, role: 'owner' })).toEqual({ role: 'owner' });
    expect(mock.exchanges).toHaveLength(1);
    expect(mock.exchanges[0]?.requestHeaders['idempotency-key']).toBeTruthy();
  });

  it('reads the full success answer', async () => {
    prefer('example=full');
    expect(await client().createInvitation('acme', INVITE)).toEqual(
      exampleOf(document, INVITATIONS, 'post', '200', 'full'),
    );
  });

  it('is checked by the mock: a request the document refuses is flagged', async () => {
    const response = await fetch(`${mock.url}/api/v1/org/acme/invitations`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not an address', role: 'boss' }),
    });
    expect(response.status).toBe(422);
    expect(mock.exchanges[0]?.violations).toMatch(/email.*format|role/);
    mock.exchanges.length = 0;
  });

  it("takes the document's first example, the role-only one, when nothing is chosen", async () => {
    expect(await client().createInvitation('acme', INVITE)).toEqual({ role: 'owner' });
  });

  // API.md: a POST is retried only on 429, 502, 504, a timeout or a dropped connection.
  it.each([400, 401, 403, 404, 409, 422, 426, 500])(
    '%i: an http ApiError with the status, type, detail and field errors as sent; never retried',
    async (status) => {
      prefer(`code=${status}`);
      const error = await apiErrorOf(client().createInvitation('acme', INVITE));
      const sent = exampleOf(document, INVITATIONS, 'post', String(status)) as {
        type: string;
        detail: string;
        errors?: unknown[];
      };
      expect(error).toMatchObject({ kind: 'http', status, type: sent.type, detail: sent.detail, attempts: 1 });
      expect(error.fieldErrors).toEqual(sent.errors ?? []);
      expect(mock.exchanges.map((exchange) => exchange.status)).toEqual([status]);
    },
  );

  it.each([429, 502, 504])('%i: retried with the same Idempotency-Key, then reported as sent', async (status) => {
    prefer(`code=${status}`);
    const waits: RetryWait[] = [];
    const error = await apiErrorOf(
      client().createInvitation('acme', INVITE, { onRetryWait: (wait) => waits.push(wait) }),
    );
    const sent = exampleOf(document, INVITATIONS, 'post', String(status)) as { type: string; detail: string };
    expect(error).toMatchObject({ kind: 'http', status, type: sent.type, detail: sent.detail, attempts: 3 });
    expect(mock.exchanges.map((exchange) => exchange.status)).toEqual([status, status, status]);
    const keys = new Set(mock.exchanges.map((exchange) => exchange.requestHeaders['idempotency-key']));
    expect(keys.size).toBe(1);
    expect(waits).toHaveLength(2);
  });

  it.each([429, 502, 504])('%i once, then success: the retry carries the same Idempotency-Key', async (status) => {
    let requests = 0;
    mock.headersFor = () => ({ prefer: requests++ === 0 ? `code=${status}` : 'example=full' });
    const invitation = await client().createInvitation('acme', INVITE);
    expect(invitation).toEqual(exampleOf(document, INVITATIONS, 'post', '200', 'full'));
    expect(mock.exchanges.map((exchange) => exchange.status)).toEqual([status, 200]);
    expect(new Set(mock.exchanges.map((exchange) => exchange.requestHeaders['idempotency-key'])).size).toBe(1);
  });

  it("429: reads the document's Retry-After (seconds) and reports what it asked for when capping it", async () => {
    prefer('code=429');
    const waits: RetryWait[] = [];
    const error = await apiErrorOf(
      client().createInvitation('acme', INVITE, { onRetryWait: (wait) => waits.push(wait) }),
    );
    const retryAfter = document.paths[INVITATIONS]?.post?.responses['429']?.headers?.['Retry-After']?.example;
    expect(retryAfter).toEqual(expect.any(Number));
    expect(error.retryAfterSeconds).toBe(retryAfter);
    expect(waits.map((wait) => [wait.requestedMs, wait.capped])).toEqual([
      [Number(retryAfter) * 1000, true],
      [Number(retryAfter) * 1000, true],
    ]);
  });

  it.each([502, 504])(
    '%i as the HTML page of a proxy in front: retried, then described, not shown raw',
    async (status) => {
      // The document allows text/html for these two; asking for it makes the mock send the page.
      prefer(`code=${status}`, { accept: 'text/html' });
      const error = await apiErrorOf(client().createInvitation('acme', INVITE));
      expect(error).toMatchObject({ kind: 'http', status, type: undefined, attempts: 3 });
      expect(error.detail).toMatch(/^The server sent an HTML page \(".+"\), not JSON/);
      expect(mock.exchanges.map((exchange) => exchange.contentType)).toEqual(Array(3).fill('text/html'));
    },
  );
});

describe('the assumed calls against the mock', () => {
  // Each list call, the path it is documented under, and the field of its paginated example.
  const LISTS = [
    ['listOrgs', () => client().listOrgs(), '/api/v1/org', 'organizations'],
    ['listInvitations', () => client().listInvitations('acme', { status: 'pending' }), INVITATIONS, 'items'],
    ['listMembers', () => client().listMembers('acme'), '/api/v1/org/{org}/members', 'members'],
  ] as const;

  it.each(
    LISTS.flatMap(([name, ...rest]) =>
      (['bare', 'paginated'] as const).map((shape) => [name, shape, ...rest] as const),
    ),
  )('%s reads a %s list', async (_name, shape, call, documentedAt, field) => {
    prefer(`example=${shape}`);
    const sent = exampleOf(document, documentedAt, 'get', '200', shape) as any;
    expect(await call()).toEqual(shape === 'bare' ? sent : sent[field]);
    const query = new URL(mock.exchanges[0]?.path ?? '', mock.url).searchParams;
    expect([query.get('page'), query.get('limit'), mock.exchanges.length]).toEqual(['1', '100', 1]);
  });

  it("listInvitations reads every page, keeping each invitation's own status when the server ignored the filter", async () => {
    mock.headersFor = (path) => ({ prefer: `example=${/[?&]page=2\b/.test(path) ? 'secondOfTwo' : 'firstOfTwo'}` });
    const pages = ['firstOfTwo', 'secondOfTwo'].map((name) => exampleOf(document, INVITATIONS, 'get', '200', name));
    const invitations = await client().listInvitations('acme', { status: 'pending' });
    expect(invitations).toEqual(pages.flatMap((page) => (page as any).invitations));
    expect(mock.exchanges.map((exchange) => new URL(exchange.path, mock.url).searchParams.get('page'))).toEqual([
      '1',
      '2',
    ]);
  });

  it.each(['project', 'platform'])('getOrg reads the %s organization object', async (example) => {
    prefer(`example=${example}`);
    expect(await client().getOrg('acme')).toEqual(exampleOf(document, '/api/v1/org/{org}', 'get', '200', example));
  });

  // A server may lack any assumed call: the document allows a 404 (no such route) or a 405 there.
  it.each([
    ['listOrgs', 404, 'This server does not list organizations.', true, () => client().listOrgs()],
    ['listOrgs', 405, 'This server does not list organizations.', true, () => client().listOrgs()],
    [
      'listInvitations',
      404,
      'acme: no such organization, or this server does not list invitations.',
      false,
      () => client().listInvitations('acme'),
    ],
    ['listMembers', 405, 'This server does not list members.', true, () => client().listMembers('acme')],
    [
      'revokeInvitation',
      405,
      'This server does not revoke invitations.',
      true,
      () => client().revokeInvitation('acme', 'inv_1'),
    ],
  ] as const)('%s answered %i: "%s"', async (_name, status, sentence, unsupported, call) => {
    prefer(`code=${status}`);
    const error = await apiErrorOf(call());
    expect(error).toMatchObject({ kind: 'http', status, attempts: 1 });
    expect(companionFailure(error)).toEqual({ sentence, unsupported });
  });

  it('revokeInvitation: 204 is done; 404 and 409 are errors as sent, never retried', async () => {
    await expect(client().revokeInvitation('acme', 'inv_1')).resolves.toBeUndefined();
    for (const status of [404, 409]) {
      prefer(`code=${status}`);
      const error = await apiErrorOf(client().revokeInvitation('acme', 'inv_1'));
      const sent = exampleOf(document, `${INVITATIONS}/{id}`, 'delete', String(status)) as { type: string };
      expect(error).toMatchObject({ kind: 'http', status, type: sent.type, attempts: 1 });
    }
    expect(mock.exchanges.map((exchange) => `${exchange.method} ${exchange.status}`)).toEqual([
      'DELETE 204',
      'DELETE 404',
      'DELETE 409',
    ]);
  });
});

// Prism's dynamic mode generates answers from the schemas (random values, extra fields, either
// list shape): the client must take every answer the document allows.
describe('any answer the document allows', () => {
  const ROUNDS = 12;

  it.each([
    ['createInvitation', () => client().createInvitation('acme', INVITE)],
    ['getOrg', () => client().getOrg('acme')],
    ['listOrgs', () => client().listOrgs()],
    ['listInvitations', () => client().listInvitations('acme', { status: 'pending' })],
    ['listMembers', () => client().listMembers('acme')],
  ] as const)('%s accepts generated answers', async (_name, call) => {
    prefer('dynamic=true');
    for (let round = 0; round < ROUNDS; round++) {
      const before = mock.exchanges.length;
      await call().catch((error: unknown) => {
        throw new Error(`round ${round}, after ${mock.exchanges.length - before} requests: ${String(error)}`);
      });
    }
  });
});
