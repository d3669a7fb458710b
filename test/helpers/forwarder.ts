// A tiny HTTP forwarder for contract tests: it sits in front of (or behind) Prism, can add request
// headers (Prism's `Prefer: code=N`), and records every exchange, including Prism's verdict.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query, as the client sent them. */
  path: string;
  requestHeaders: IncomingHttpHeaders;
  status: number;
  contentType: string | undefined;
  /** Prism's `sl-violations` header: where a request or an answer breaks the document. */
  violations: string | undefined;
  /** The title of an error Prism made itself (application/problem+json), e.g. an upstream body it could not parse. */
  prismProblem: string | undefined;
}

export interface Forwarder {
  url: string;
  exchanges: Exchange[];
  /** Where requests go now. */
  target: string;
  /** Request headers added to (or replacing) the client's, e.g. `{ prefer: 'code=429' }`. */
  extraHeaders: Record<string, string>;
  /** More headers chosen per request (by its path and query), after `extraHeaders`. */
  headersFor?: ((path: string) => Record<string, string>) | undefined;
  close(): Promise<void>;
}

export async function startForwarder(target = ''): Promise<Forwarder> {
  const forwarder: Omit<Forwarder, 'url' | 'close'> = { exchanges: [], target, extraHeaders: {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', forwarder.target);
      const chosen = forwarder.headersFor?.(req.url ?? '/');
      const headers = { ...req.headers, ...forwarder.extraHeaders, ...chosen, host: url.host };
      const upstream = httpRequest(url, { method: req.method, headers, agent: false }, (answer) => {
        const violations = answer.headers['sl-violations'];
        const exchange: Exchange = {
          method: req.method ?? '',
          path: req.url ?? '',
          requestHeaders: headers,
          status: answer.statusCode ?? 0,
          contentType: answer.headers['content-type'],
          violations: Array.isArray(violations) ? violations.join('\n') : violations,
          prismProblem: undefined,
        };
        forwarder.exchanges.push(exchange);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (exchange.contentType?.includes('problem+json')) {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => (exchange.prismProblem = problemTitle(Buffer.concat(body).toString('utf8'))));
        }
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(forwarder, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

function problemTitle(text: string): string {
  try {
    const problem = JSON.parse(text) as { title?: unknown };
    return typeof problem.title === 'string' ? problem.title : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
