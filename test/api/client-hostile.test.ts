// Hostile and broken answers: each yields the right kind of ApiError, never a crash or a success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { clientFor, closedPortUrl, rejectionOf, startRecordingServer, startTestSandbox } from '../helpers/sandbox.js';

async function failureWith(
  faults: string,
  call: (client: ReturnType<typeof clientFor>) => Promise<unknown>,
  timeoutMs = 2000,
) {
  const sandbox = await startTestSandbox({ faults });
  try {
    const error = await rejectionOf(call(clientFor(sandbox, { timeoutMs, retry: { maxAttempts: 1 } })));
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  } finally {
    await sandbox.close();
  }
}

const listOrgs = (client: ReturnType<typeof clientFor>) => client.listOrgs();
const invite = (client: ReturnType<typeof clientFor>) =>
  client.createInvitation('acme', { email: 'h@acme.test', role: 'reader' });

describe('client against hostile answers', () => {
  it('HTML with status 200 and no content type is not a success', async () => {
    const error = await failureWith('html-200', listOrgs);
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.detail).toContain('HTML page ("Sign in")');
  });

  it('HTML labelled as JSON is not a success', async () => {
    const error = await failureWith('json-html', invite);
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.detail).toContain('HTML page');
  });

  it('an empty 200 is not a success', async () => {
    const error = await failureWith('empty-200', invite);
    expect(error).toMatchObject({ kind: 'invalid_response', detail: 'Unexpected answer: the response body is empty' });
  });

  it('truncated JSON is an invalid response', async () => {
    const error = await failureWith('truncate', listOrgs);
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(error.detail).toContain('not valid JSON');
  });

  it('JSON that breaks the contract is an invalid response, naming where', async () => {
    const error = await failureWith('truncate', (client) => client.getOrg('acme'));
    expect(error.kind).toBe('invalid_response');
  });

  it('a 5 MiB error body yields a short error with the status', async () => {
    const error = await failureWith('huge=5', listOrgs);
    expect(error).toMatchObject({ kind: 'http', status: 500, type: undefined });
    expect(error.detail).toBe('The body is larger than 1 MiB');
  });

  it('headers slower than the timeout: timeout', async () => {
    const error = await failureWith('latency=1500', listOrgs, 300);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('a hang after the headers: timeout, the body read included', async () => {
    const error = await failureWith('hang-body', listOrgs, 300);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('a body that trickles past the timeout: timeout', async () => {
    const error = await failureWith('trickle=100', listOrgs, 400);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('a server that never answers: timeout, and a fresh timeout on every attempt', async () => {
    const sandbox = await startTestSandbox({ faults: 'hang' });
    try {
      const started = Date.now();
      const error = await rejectionOf(clientFor(sandbox, { timeoutMs: 200 }).listOrgs());
      expect(error).toMatchObject({ kind: 'timeout', attempts: 3 });
      // Three full timeouts, not one timeout and two instant failures on a spent signal.
      expect(Date.now() - started).toBeGreaterThanOrEqual(580);
    } finally {
      await sandbox.close();
    }
  });

  it('a connection reset: network error', async () => {
    const error = await failureWith('drop', listOrgs);
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.detail).toContain('was dropped');
  });

  it('connection refused: network error that says so', async () => {
    const url = await closedPortUrl();
    const error = await rejectionOf(clientFor({ url }, { retry: { maxAttempts: 1 } }).listOrgs());
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as ApiError).detail).toContain('connection refused');
  });

  it('a 302 to another origin is not followed: the token never arrives there', async () => {
    const foreign = await startRecordingServer();
    try {
      const error = await failureWith(`redirect=${foreign.url}/steal`, invite);
      expect(error).toMatchObject({ kind: 'redirect', status: 302 });
      expect(error.detail).toContain(foreign.url);
      expect(foreign.received).toHaveLength(0);
    } finally {
      await foreign.close();
    }
  });
});

describe('client refuses before sending', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  it.each(['..', '../org', 'acme/invitations', 'acme?x=1', '%2e%2e', 'ACME', '', 'acme#x', ' acme'])(
    'org key %j',
    async (slug) => {
      const error = await rejectionOf(
        clientFor(sandbox).createInvitation(slug, { email: 'a@acme.test', role: 'reader' }),
      );
      expect(error).toMatchObject({ kind: 'refused' });
      expect(sandbox.requests).toHaveLength(0);
    },
  );

  it.each(['..', '../../org', 'a/b', 'x?y'])('invitation id %j', async (id) => {
    const error = await rejectionOf(clientFor(sandbox).revokeInvitation('acme', id));
    expect(error).toMatchObject({ kind: 'refused' });
    expect(sandbox.requests).toHaveLength(0);
  });

  it.each([
    'http://api.example.com',
    'http://10.0.0.5:8080',
    'ftp://127.0.0.1',
    'not a url',
    'https://user:pw@api.example.com',
  ])('base URL %s', (baseUrl) => {
    expect(() => clientFor({ url: baseUrl })).toThrow(ApiError);
  });

  it.each([
    'https://api.example.com',
    'http://127.0.0.1:8080',
    'http://127.3.2.1',
    'http://localhost:3000',
    'http://[::1]:3000',
  ])('accepts base URL %s', (baseUrl) => {
    expect(() => clientFor({ url: baseUrl })).not.toThrow();
  });
});
