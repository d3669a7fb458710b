// A server written from API.md alone, without any of the sandbox's conveniences: no 409 for an
// address already pending, no Idempotency-Key, and companion endpoints only where asked for.
// It is what a real platform may look like, so tests against it can fail where the sandbox
// would hide a mistake. `companion: 'none'` is a part-A-only server: POST
// /api/v1/org/{org}/invitations and, for every other path, a 404 in the error envelope (so a
// missing route looks exactly like a missing org).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlatformInvitation {
  id: string;
  email: string;
  role: string;
  status: string;
  created_at: string;
  expires_at: string;
}

export interface PlatformServerOptions {
  /** Which companion endpoints exist: none (part A only), the platform's documented ones, or all. */
  companion: 'none' | 'platform' | 'all';
  /** Organizations that exist; any other key gets 404 on the invite endpoint. */
  orgs?: string[];
  /** Lists come as the SDK's paginated object, this many per page at most. */
  pageSize?: number;
  /** The invitation list ignores `?status=`. */
  laxStatusFilter?: boolean;
  /** Answer the invite with `{"role": ...}` only, as the documented example does. */
  roleOnly?: boolean;
  /** Answer every invite with this role, whatever was asked. */
  answerRole?: string;
  /** Members of every org. */
  members?: string[];
  /** Answer an invite of a member with 409 `already_exists` (API.md documents it; not every server does). */
  memberConflict?: boolean;
  /** Invitations already there, in the first org. */
  invitations?: PlatformInvitation[];
  /** Status for a companion path that does not exist: 404 (default) or 405. */
  missingStatus?: 404 | 405;
}

export interface PlatformServer {
  url: string;
  /** Every request, as "METHOD /path?query". */
  requests: string[];
  invitations: PlatformInvitation[];
  close(): Promise<void>;
}

export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  const orgs = options.orgs ?? ['acme'];
  const invitations: PlatformInvitation[] = [...(options.invitations ?? [])];
  const requests: string[] = [];
  let next = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => envelope(res, 500, 'internal_error', 'The test server failed'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://platform');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== 'Bearer platform-token')
      return envelope(res, 401, 'authentication_error', 'Authentication failed');
    const invite = /^\/api\/v1\/org\/([^/]+)\/invitations$/.exec(url.pathname);
    if (invite && req.method === 'POST') {
      const org = decodeURIComponent(invite[1] ?? '');
      if (!orgs.includes(org)) return envelope(res, 404, 'not_found', `Organization "${org}" not found`);
      const body = JSON.parse(await readBody(req)) as { email: string; role: string };
      if (options.memberConflict && options.members?.includes(body.email.toLowerCase()))
        return envelope(res, 409, 'already_exists', `${body.email} is already a member`);
      const now = Date.now();
      const created: PlatformInvitation = {
        id: `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`,
        email: body.email,
        role: options.answerRole ?? body.role,
        status: 'pending',
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + 7 * 86_400_000).toISOString(),
      };
      invitations.unshift(created);
      return json(res, 200, options.roleOnly ? { role: created.role } : created);
    }
    if (options.companion === 'none' || req.method !== 'GET') return missing(res);
    const org = /^\/api\/v1\/org\/([^/]+)/.exec(url.pathname)?.[1];
    if (org !== undefined && !orgs.includes(decodeURIComponent(org)))
      return envelope(res, 404, 'not_found', 'Not found');
    if (url.pathname === `/api/v1/org/${org}`) return json(res, 200, { key: org, name: org, max_members: 500 });
    if (url.pathname === `/api/v1/org/${org}/members`)
      return list(
        res,
        url,
        'members',
        (options.members ?? []).map((email, i) => ({ email, role: 'reader', user_id: `u${i}` })),
      );
    if (options.companion !== 'all') return missing(res);
    if (url.pathname === '/api/v1/org')
      return list(
        res,
        url,
        'organizations',
        orgs.map((key) => ({ key, name: key, role: 'owner' })),
      );
    if (url.pathname === `/api/v1/org/${org}/invitations`) {
      const status = url.searchParams.get('status');
      const shown = status && !options.laxStatusFilter ? invitations.filter((i) => i.status === status) : invitations;
      return list(res, url, 'invitations', shown);
    }
    return missing(res);
  }

  function missing(res: ServerResponse) {
    const status = options.missingStatus ?? 404;
    envelope(res, status, status === 404 ? 'not_found' : 'method_not_allowed', 'Not Found');
  }

  function list(res: ServerResponse, url: URL, resource: string, items: unknown[]) {
    const size = options.pageSize;
    if (!size) return json(res, 200, items);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const limit = Math.min(size, Math.max(1, Number(url.searchParams.get('limit') ?? size)));
    const pages = Math.max(1, Math.ceil(items.length / limit));
    json(res, 200, {
      [resource === 'invitations' ? 'items' : resource]: items.slice((page - 1) * limit, page * limit),
      total: items.length,
      page,
      limit,
      total_pages: pages,
      has_next: page < pages,
      has_previous: page > 1,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    invitations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function envelope(res: ServerResponse, status: number, type: string, detail: string) {
  json(res, status, { code: status, detail, type });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}
