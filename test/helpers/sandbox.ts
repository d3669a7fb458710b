// Every test talks to a real sandbox server on 127.0.0.1 with an ephemeral port.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type ClientOptions } from '../../src/api/client.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';

export interface TestSandbox extends Sandbox {
  /** One entry per request the server logged (method, path, status). */
  requests: string[];
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const requests: string[] = [];
  const sandbox = await startSandbox({ ...options, log: (line) => requests.push(line) });
  return { ...sandbox, requests };
}

/** A client for the sandbox with quick retries, so tests of retry paths stay fast. */
export function clientFor(sandbox: { url: string }, overrides: Partial<ClientOptions> = {}) {
  return createClient({
    baseUrl: sandbox.url,
    token: 'demo-owner',
    timeoutMs: 2_000,
    retry: { baseDelayMs: 10, maxBackoffMs: 50 },
    ...overrides,
  });
}

/** A raw request to the sandbox, for rules the client would never let through. */
export async function rawRequest(
  sandbox: { url: string },
  method: string,
  path: string,
  init: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const token = init.token === undefined ? 'demo-owner' : init.token;
  const response = await fetch(sandbox.url + path, {
    method,
    body: init.body,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A server on another port that records what reaches it: the "foreign origin" of redirect tests. */
export async function startRecordingServer(): Promise<{
  url: string;
  received: IncomingHttpHeaders[];
  close(): Promise<void>;
}> {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.end('{"role":"owner"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port on loopback that nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Runs a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Makes `email` a member of `org` the way a person becomes one: invited, then accepting. For a
 * member the TUI cannot know of (it joined after the lists were read), whose 409 the server gives.
 */
export async function joinAsMember(sandbox: { url: string }, org: string, email: string): Promise<void> {
  const invited = await rawRequest(sandbox, 'POST', `/api/v1/org/${org}/invitations`, {
    body: JSON.stringify({ email, role: 'reader', send_email: false }),
  });
  const accepted = await rawRequest(sandbox, 'POST', `/api/v1/invitations/${String(invited.body?.id)}/respond`, {
    token: `demo-invitee:${email}`,
    body: JSON.stringify({ accept: true }),
  });
  if (accepted.status !== 200) throw new Error(`${email} could not join ${org}: ${accepted.status}`);
}
