// The sandbox's HTTP plumbing: reads requests, applies injected faults, writes answers, logs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApi, type ApiRequest } from './api.js';
import { errorResponse, validationError, type SandboxResponse } from './envelope.js';
import {
  FaultInjector,
  laceWithEscapes,
  parseFaultSpec,
  proxyErrorPage,
  type FaultKind,
  type FaultRule,
} from './faults.js';
import { SandboxStore } from './store.js';

export interface SandboxOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Keep state in this file across restarts (an append-only log, compacted now and then). */
  dataFile?: string | undefined;
  seed?: number;
  /** Seed exactly this many invitations into the first organization. */
  invitations?: number | undefined;
  /** Overrides every organization's member limit (default 500; initech is seeded a seat short). */
  memberLimit?: number | undefined;
  /** Requests per second per token; more get 429. */
  rate?: number | undefined;
  /** Added to every answer. */
  latencyMs?: number | undefined;
  faults?: string | FaultRule[] | undefined;
  minClientVersion?: string | undefined;
  /** Offer only part A, like a server with nothing but the documented invite endpoint. */
  minimal?: boolean | undefined;
  /** Offer exactly what the platform documents: part A, org details, members, the invitee's side. */
  platform?: boolean | undefined;
  /** Serve every list in pages, the way the platform's SDK shows them. */
  paginate?: boolean | undefined;
  /** Answer 409 to an address that already has a pending invitation (default true). */
  pendingConflict?: boolean | undefined;
  /** Like a server that does not know the header: every POST creates, a repeated key too. */
  ignoreIdempotencyKey?: boolean | undefined;
  /** Request log lines (the token is never in them); silent when absent. */
  log?: ((line: string) => void) | undefined;
  clock?: () => number;
  random?: () => number;
  /** A new invitation's id from its creation time (default: that time and random bytes). */
  invitationIds?: ((now: number) => string) | undefined;
}

export interface Sandbox {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  store: SandboxStore;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;
// Only the latency faults wait: their timers module loads with the first of them, not at start-up.
const delay = (ms: number) => process.getBuiltinModule('node:timers/promises').setTimeout(ms);
type Faults = Map<FaultKind, string | undefined>;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? Date.now;
  const store = new SandboxStore({
    seed: options.seed ?? 1,
    now: clock(),
    invitations: options.invitations,
    memberLimit: options.memberLimit,
    dataFile: options.dataFile,
  });
  const api = createSandboxApi({
    store,
    clock,
    rate: options.rate,
    minClientVersion: options.minClientVersion,
    mode: options.minimal ? 'minimal' : options.platform ? 'platform' : 'full',
    paginate: options.paginate,
    invitationIds: options.invitationIds,
    pendingConflict: options.pendingConflict,
    ignoreIdempotencyKey: options.ignoreIdempotencyKey,
  });
  const rules = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? []);
  const injector = new FaultInjector(rules, options.random);
  const timers = new Set<NodeJS.Timeout>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only the log needs the time: in a worker thread, the first `performance` loads perf_hooks.
    const started = options.log ? performance.now() : 0;
    const body = await readRequestBody(req);
    if (options.latencyMs) await delay(options.latencyMs);
    const faults = injector.faultsFor(req.method ?? 'GET');
    if (faults.has('latency')) await delay(Number(faults.get('latency') ?? 500));
    const early = faultBeforeWork(faults);
    if (early === 'hang') return;
    if (early === 'drop') return void req.socket.destroy();
    let answer =
      early ??
      (body === undefined
        ? errorResponse(400, 'invalid_request', 'The request body is larger than 1 MiB')
        : await api.handle(toApiRequest(req, body)));
    // With --data, nothing is answered before every change it could reflect is on disk.
    const durable = store.durable();
    if (durable) await durable;
    if (!early) {
      if (faults.has('drop-after')) return void req.socket.destroy();
      if (faults.has('502-after')) answer = htmlAnswer(502);
      if (faults.has('504-after')) answer = htmlAnswer(504);
    }
    write(res, answer, faults);
    options.log?.(
      `${req.method} ${req.url} ${answer.status} ${Math.round(performance.now() - started)}ms auth=${req.headers.authorization ? 'bearer(redacted)' : 'none'}`,
    );
  }

  function write(res: ServerResponse, answer: SandboxResponse, faults: Faults): void {
    let text: string | undefined;
    if (typeof answer.body === 'string') text = answer.body;
    else if (answer.body !== undefined)
      text = JSON.stringify(faults.has('escape') ? laceWithEscapes(answer.body) : answer.body);
    if (text !== undefined && faults.has('truncate')) text = text.slice(0, Math.floor(text.length / 2));
    const headers: Record<string, string> = { ...answer.headers };
    if (text !== undefined && typeof answer.body !== 'string') headers['content-type'] ??= 'application/json';
    res.writeHead(answer.status, headers);
    if (faults.has('hang-body')) return void res.flushHeaders();
    if (faults.has('trickle') && text) return trickle(res, Buffer.from(text), Number(faults.get('trickle') ?? 200));
    res.end(text);
  }

  function trickle(res: ServerResponse, bytes: Buffer, intervalMs: number): void {
    let offset = 0;
    const timer = setInterval(() => {
      if (offset >= bytes.length || res.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        return void res.end();
      }
      res.write(bytes.subarray(offset, ++offset));
    }, intervalMs);
    timers.add(timer);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, detail: 'Internal server error', type: 'internal_error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    store,
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** The answer for faults that replace the work entirely, or 'hang' / 'drop'. */
function faultBeforeWork(faults: Faults): SandboxResponse | 'hang' | 'drop' | undefined {
  if (faults.has('hang')) return 'hang';
  if (faults.has('drop')) return 'drop';
  if (faults.has('422')) {
    return validationError([
      { loc: ['body', 'email'], msg: 'this address is blocked by the organization policy', type: 'value_error' },
    ]);
  }
  if (faults.has('500')) return errorResponse(500, 'internal_error', 'Internal server error');
  if (faults.has('503')) return errorResponse(503, 'service_unavailable', 'Service temporarily unavailable');
  if (faults.has('502')) return htmlAnswer(502);
  if (faults.has('504')) return htmlAnswer(504);
  if (faults.has('429')) return rateLimited(faults.get('429'));
  if (faults.has('html-200'))
    return {
      status: 200,
      body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>',
    };
  if (faults.has('json-html'))
    return { status: 200, body: '<html><body>Welcome</body></html>', headers: { 'content-type': 'application/json' } };
  if (faults.has('empty-200')) return { status: 200, body: '', headers: { 'content-type': 'application/json' } };
  if (faults.has('redirect'))
    return { status: 302, headers: { location: faults.get('redirect') ?? 'http://127.0.0.1:9/' } };
  if (faults.has('huge')) {
    const mebibytes = Number(faults.get('huge') ?? 5);
    return {
      status: 500,
      body: 'x'.repeat(Math.round(mebibytes * 1024 * 1024)),
      headers: { 'content-type': 'text/plain' },
    };
  }
  return undefined;
}

function htmlAnswer(status: 502 | 504): SandboxResponse {
  return { status, body: proxyErrorPage(status), headers: { 'content-type': 'text/html' } };
}

function rateLimited(arg: string | undefined): SandboxResponse {
  const headers: Record<string, string> = {};
  const dateAhead = /^date-(\d+)$/.exec(arg ?? '')?.[1];
  if (dateAhead !== undefined) headers['retry-after'] = new Date(Date.now() + Number(dateAhead) * 1000).toUTCString();
  else if (arg !== 'none') headers['retry-after'] = arg ?? '1';
  return errorResponse(429, 'rate_limited', 'Too many requests', { headers });
}

function toApiRequest(req: IncomingMessage, body: string): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    segments = ['invalid'];
  }
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    method: req.method ?? 'GET',
    segments,
    query: url.searchParams,
    authorization: header('authorization'),
    userAgent: header('user-agent'),
    idempotencyKey: header('idempotency-key'),
    contentType: header('content-type'),
    body,
  };
}

/** The request body as text, or undefined when it is over the limit. */
function readRequestBody(req: IncomingMessage): Promise<string | undefined> {
  // Events rather than an async iterator: cheaper per request, which counts at thousands a second.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
