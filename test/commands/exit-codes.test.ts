// Each exit code, provoked by a real server answer (or a real local mistake).
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function send(options: SandboxOptions, args: string[], token = 'demo-owner') {
  sandbox = await startTestSandbox(options);
  return runCli(['send', '--role', 'reader', ...args], cliHome(sandbox.url, token).env);
}

describe('exit codes', () => {
  it.each<[string, number, SandboxOptions, string[], string?, RegExp?]>([
    ['all ok', 0, {}, ['--org', 'acme', 'ok@acme.test']],
    [
      'usage: bad flag',
      2,
      {},
      ['--org', 'acme', '--colour', 'x@acme.test'],
      undefined,
      /unknown option "--colour" for send/,
    ],
    [
      'validation: an address refused before sending',
      7,
      {},
      ['--org', 'acme', 'not-an-address'],
      undefined,
      /invalid: missing @/,
    ],
    ['usage: bad org key', 2, {}, ['--org', '../admin', 'x@acme.test'], undefined, /not an organization key/],
    [
      'authentication (401)',
      3,
      {},
      ['--org', 'acme', 'x@acme.test'],
      'expired-token',
      /401 Unauthorized \(authentication_error\): Authentication failed/,
    ],
    ['permission (403)', 4, {}, ['--org', 'globex', 'x@example.com'], undefined, /403 Forbidden/],
    ['not found (404)', 5, {}, ['--org', 'nowhere', 'x@acme.test'], undefined, /404 Not Found \(not_found\)/],
    // A part-A-only server: the sandbox's members list would skip the member before sending.
    ['conflict (409)', 6, { minimal: true }, ['--org', 'acme', 'ada.lovelace@acme.test'], undefined, /409 Conflict/],
    [
      'validation (422)',
      7,
      { faults: '422@POST' },
      ['--org', 'acme', 'x@acme.test'],
      undefined,
      /body\.email: this address is blocked/,
    ],
    [
      'upgrade required (426)',
      8,
      { minClientVersion: '99.0.0' },
      ['--org', 'acme', 'x@acme.test'],
      undefined,
      /426 Upgrade Required/,
    ],
    [
      'still rate limited (429)',
      9,
      { faults: '429=0@POST' },
      ['--org', 'acme', 'x@acme.test'],
      undefined,
      /429 Too Many Requests/,
    ],
    [
      'server error (500)',
      10,
      { faults: '500@POST' },
      ['--org', 'acme', 'x@acme.test'],
      undefined,
      /500 Internal Server Error/,
    ],
    [
      'network: HTML 502 after retries',
      10,
      { faults: '502@POST' },
      ['--org', 'acme', 'x@acme.test'],
      undefined,
      /HTML page/,
    ],
    [
      'bulk partly failed',
      11,
      { faults: '500@POST#2', minimal: true },
      ['--org', 'acme', '--concurrency', '1', 'a@acme.test', 'b@acme.test', 'ada.lovelace@acme.test'],
      undefined,
      /1 sent, 0 skipped, 2 failed/,
    ],
  ])('%s → %i', async (_name, code, options, args, token, message) => {
    const result = await send(options, args, token);
    expect(result.code).toBe(code);
    if (message) expect(result.stdout + result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses plain http to a non-loopback host before sending anything (2)', async () => {
    const result = await runCli(['orgs', '--api-url', 'http://api.example.com'], { INVITE_API_TOKEN: 'demo-owner' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refusing to send the token over plain http to api.example.com');
  });

  it('says what is missing when no API is configured (2)', async () => {
    const result = await runCli(['orgs'], { XDG_CONFIG_HOME: '/nonexistent/x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No API configured');
  });

  it('--json errors are an object on stdout too', async () => {
    sandbox = await startTestSandbox();
    const result = await runCli(['orgs', '--json'], cliHome(sandbox.url, 'bad').env);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { status: 401, type: 'authentication_error', detail: 'Authentication failed', errors: [] },
    });
  });
});
