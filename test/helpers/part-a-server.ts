// A server that offers only part A, as the real platform documents it: POST
// /api/v1/org/{org}/invitations, whose success answer is only {"role": ...}; every other path is
// a 404 in the error envelope, so a missing route looks exactly like a missing org.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PartAServerOptions {
  /** Orgs the POST knows; any other is a 404. */
  orgs?: string[];
  /** The role the server answers with, whatever was asked (a server may decide otherwise). */
  answerRole?: string;
}

const envelope = (res: ServerResponse, status: number, type: string, detail: string) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code: status, type, detail }));
};

export async function startPartAServer({ orgs = ['acme'], answerRole }: PartAServerOptions = {}) {
  const invited: { org: string; email: string; role: string }[] = [];
  const server = createServer((req, res) => {
    const match = /^\/api\/v1\/org\/([^/]+)\/invitations$/.exec(new URL(req.url ?? '/', 'http://a').pathname);
    if (!match || req.method !== 'POST') return envelope(res, 404, 'not_found', 'Not Found');
    const org = decodeURIComponent(match[1] ?? '');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (!orgs.includes(org)) return envelope(res, 404, 'not_found', `Organization "${org}" not found`);
      const { email, role } = JSON.parse(body) as { email: string; role: string };
      invited.push({ org, email, role });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ role: answerRole ?? role }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invited,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
