// A server that speaks the contract's shapes with hostile content: terminal escape sequences,
// C1 controls, bidi overrides, invalid UTF-8 and 100 KB strings in every human-readable field;
// and, per request path, broken answers a sandbox fault cannot give.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every sequence the suite hunts for in the output. */
const HOSTILE_SEQUENCES = {
  osc52: '\x1b]52;c;cHduZWQ=\x07',
  osc8: '\x1b]8;;https://evil.example/\x07',
  osc0: '\x1b]0;pwned\x07',
  clear: '\x1b[2J',
  carriageReturn: '\r',
  backspace: '\b',
  bell: '\x07',
  csi8bit: '\u009b31m',
  bidi: '\u202e',
} as const;

// Where a laced string gets invalid UTF-8: a lone 0x9b byte (8-bit CSI to a Latin-1 terminal) and 0xff.
const INVALID_UTF8_MARK = '@@invalid-utf8@@';
const INVALID_UTF8 = Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0xff]);
const LACE = Object.values(HOSTILE_SEQUENCES).join('') + INVALID_UTF8_MARK;
const laced = (text: string) => `${text}${LACE}`;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const parts = JSON.stringify(body)
    .split(INVALID_UTF8_MARK)
    .map((part) => Buffer.from(part));
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [INVALID_UTF8, part]))));
}

export async function startHostileServer({ redirectTo = 'http://127.0.0.1:9/' }: { redirectTo?: string } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile');
    const path = url.pathname;
    if (path === '/api/v1/org') {
      return send(res, 200, [
        { key: 'acme', name: laced('Acme Corp'), role: 'owner' },
        { key: 'huge', name: `H${'x'.repeat(100_000)}`, role: laced('owner') },
      ]);
    }
    if (path === '/api/v1/org/acme') return send(res, 200, { key: 'acme', name: laced('Acme Corp'), role: 'owner' });
    if (path === '/api/v1/org/acme/invitations' && req.method === 'GET') {
      return send(res, 200, [
        {
          id: 'inv_1',
          email: laced('victim@acme.test'),
          role: laced('reader'),
          status: laced('pending'),
          invited_by: laced('boss@acme.test'),
          created_at: '2026-11-26T10:00:00Z',
          expires_at: '2026-12-03T10:00:00Z',
        },
        { id: 'inv_2', email: `long${'y'.repeat(100_000)}@acme.test`, role: 'reader', status: 'accepted' },
      ]);
    }
    if (path === '/api/v1/org/acme/invitations' && req.method === 'POST') {
      return send(res, 409, {
        code: 409,
        type: laced('already_exists'),
        detail: laced(`This address is already invited ${'z'.repeat(100_000)}`),
        errors: [{ loc: ['body', laced('email')], msg: laced('taken'), type: laced('conflict') }],
      });
    }
    // Broken answers the sandbox's faults do not give.
    if (path === '/schema-201/api/v1/org') return send(res, 201, [{ name: 'no key here' }]);
    if (path.startsWith('/redirect-307/')) {
      res.writeHead(307, { location: redirectTo });
      return res.end();
    }
    send(res, 404, { code: 404, type: 'not_found', detail: 'No such endpoint' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
