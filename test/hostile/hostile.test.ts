// A hostile server against the built binary: nothing it sends may reach the terminal as a
// control sequence, and every broken answer is a clear message with the right exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { startHostileServer } from '../helpers/hostile-server.js';
import { closedPortUrl, startRecordingServer, startTestSandbox } from '../helpers/sandbox.js';
import { isSane, Terminal } from '../helpers/terminal.js';
import { waitUntil } from '../helpers/wait.js';

// What must never reach a terminal from server text (the pty adds \r itself, so raw streams skip it).
const FORBIDDEN = /\x1b\]|\x1b\[2J|[\b\x07\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_WITH_CR = new RegExp(`${FORBIDDEN.source}|\\r`);
const NO_STACK = /\n\s+at /;

let hostile: Awaited<ReturnType<typeof startHostileServer>>;
beforeAll(async () => {
  hostile = await startHostileServer();
});
afterAll(() => hostile.close());

describe('hostile text in human output', () => {
  it.each([
    ['orgs', ['orgs'], 0],
    ['list', ['list', '--org', 'acme'], 0],
    ['send (409 with hostile envelope)', ['send', '--org', 'acme', '--role', 'reader', 'x@acme.test'], 6],
  ])('%s prints no control sequence and no raw C1 or bidi character', async (_name, args, code) => {
    const result = await runCli(args, cliHome(hostile.url).env);
    expect(result.code).toBe(code);
    expect(result.stdout + result.stderr).not.toMatch(FORBIDDEN_WITH_CR);
    expect(result.stdout + result.stderr).not.toContain('\x1b');
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('keeps long server text short', async () => {
    const result = await runCli(['orgs'], cliHome(hostile.url).env);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThan(300);
  });
});

describe('hostile text in --json', () => {
  it('keeps the content, escaped: no raw control character in the output', async () => {
    for (const args of [
      ['orgs', '--json'],
      ['list', '--org', 'acme', '--json'],
      ['send', '--org', 'acme', '--role', 'reader', '--json', 'x@acme.test'],
    ]) {
      const result = await runCli(args, cliHome(hostile.url).env);
      expect(result.stdout).not.toMatch(FORBIDDEN_WITH_CR);
      expect(result.stdout).toContain('\\u001b]52;c;cHduZWQ=\\u0007');
      expect(result.stdout).toContain('\\u202e');
      expect(result.stdout).toContain('\\u009b31m');
    }
  });
});

describe('hostile text in the TUI', () => {
  it('the raw byte stream holds none of it, and the screen shows the text without the sequences', async () => {
    const terminal = await Terminal.start([], { env: cliHome(hostile.url).env });
    try {
      const orgs = await terminal.waitFor('Choose an organization');
      // Every sequence is gone; the invalid UTF-8 shows as replacement characters.
      expect(orgs).toContain('❯ Acme Corp\uFFFD31m\uFFFD  acme · owner');
      await terminal.keys('Enter');
      await terminal.waitFor('Who should be invited');
      await terminal.keys('Tab');
      await terminal.waitFor('victim@acme.test\uFFFD31m\uFFFD');
      await terminal.keys('d');
      await terminal.waitFor('boss@acme.test\uFFFD31m\uFFFD');
      await terminal.keys('Tab');
      await terminal.type('x@acme.test');
      await terminal.waitFor('1 to send');
      await terminal.keys('Enter', 'Enter');
      await terminal.waitFor('Enter sends');
      await terminal.keys('Enter');
      await terminal.waitFor('409 Conflict');
      const raw = Buffer.from(terminal.raw(), 'latin1').toString('utf8');
      expect(raw).not.toMatch(FORBIDDEN);
      await terminal.keys('C-c');
      const { code, stty } = await terminal.exited();
      expect(code).toBe(130);
      expect(isSane(stty, terminal.raw())).toBe(true);
    } finally {
      terminal.close();
    }
  });
});

describe('broken answers', () => {
  async function orgsAgainst(options: SandboxOptions, env: NodeJS.ProcessEnv = {}) {
    const sandbox = await startTestSandbox(options);
    try {
      return await runCli(['orgs'], { ...cliHome(sandbox.url).env, ...env });
    } finally {
      await sandbox.close();
    }
  }

  it.each<[string, SandboxOptions, NodeJS.ProcessEnv, number, RegExp]>([
    ['200 with an HTML page', { faults: 'html-200' }, {}, 10, /HTML page \("Sign in"\), not JSON/],
    ['headers slower than the timeout', { faults: 'latency=3000' }, { INVITE_TIMEOUT_MS: '300' }, 10, /timed out/],
    ['a body that trickles', { faults: 'trickle=200' }, { INVITE_TIMEOUT_MS: '300' }, 10, /timed out/],
    ['a hang after the headers', { faults: 'hang-body' }, { INVITE_TIMEOUT_MS: '300' }, 10, /timed out/],
    ['a connection reset', { faults: 'drop' }, {}, 10, /dropped before a complete answer/],
    [
      '429 with an HTTP-date, then success',
      { faults: '429=date-1#1' },
      {},
      0,
      /Rate limited by the server: waiting [12]s before retrying/,
    ],
    ['429 without Retry-After, every time', { faults: '429=none' }, {}, 9, /429 Too Many Requests \(rate_limited\)/],
  ])('%s → exit %i with a clear message', async (_name, options, env, code, message) => {
    const result = await orgsAgainst(options, env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it('201 with JSON that breaks the schema → exit 10', async () => {
    const result = await runCli(['orgs', '--api-url', `${hostile.url}/schema-201`], cliHome(hostile.url).env);
    expect(result.code).toBe(10);
    expect(result.stderr).toContain('does not match the API contract at 0.key');
  });

  it('connection refused → exit 10', async () => {
    const result = await runCli(['orgs'], cliHome(await closedPortUrl()).env);
    expect(result.code).toBe(10);
    expect(result.stderr).toContain('connection refused');
  });

  it.each(['302', '307'])('%s to a foreign origin: not followed, the token never arrives there', async (status) => {
    const foreign = await startRecordingServer();
    const redirecting =
      status === '302'
        ? await startTestSandbox({ faults: `redirect=${foreign.url}/steal` })
        : await startHostileServer({ redirectTo: `${foreign.url}/steal` });
    try {
      const base = status === '302' ? redirecting.url : `${redirecting.url}/redirect-307`;
      const result = await runCli(
        ['send', '--org', 'acme', '--role', 'reader', '--force', 'x@acme.test', '--api-url', base],
        cliHome(base).env,
      );
      const orgs = await runCli(['orgs', '--api-url', base], cliHome(base).env);
      expect(result.code).toBe(10);
      expect(orgs.code).toBe(10);
      expect(orgs.stderr).toContain(`redirected to ${foreign.url}`);
      expect(foreign.received).toHaveLength(0);
    } finally {
      await foreign.close();
      await redirecting.close();
    }
  });

  it('429 with Retry-After: 3600 is capped, and the user is told', async () => {
    const sandbox = await startTestSandbox({ faults: '429=3600' });
    const child = spawnCli(['orgs'], cliHome(sandbox.url).env);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    try {
      await waitUntil(() => stderr.includes('capped'), 5_000, 'the capped wait to be announced');
      expect(stderr).toContain('waiting 60s (the server asked for 3600s; capped) before retrying');
    } finally {
      child.kill('SIGTERM');
      await sandbox.close();
    }
  });
});
