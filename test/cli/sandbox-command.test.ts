// The built binary: `invite-tui sandbox` as a person or a CI job would start it.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runCli, spawnUntilFirstLine } from '../helpers/cli.js';
import { waitUntil } from '../helpers/wait.js';

describe('invite-tui sandbox (built binary)', () => {
  it('prints its URL first, answers 401 without a token, logs with the token redacted, stops on SIGTERM', async () => {
    const { child, firstLine, stderr } = await spawnUntilFirstLine(['sandbox', '--port', '0']);
    try {
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const anonymous = await fetch(`${firstLine}/api/v1/org`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({
        code: 401,
        detail: 'Authentication failed',
        type: 'authentication_error',
      });
      const owner = await fetch(`${firstLine}/api/v1/org`, { headers: { authorization: 'Bearer demo-owner' } });
      expect(owner.status).toBe(200);
      await waitUntil(() => stderr().includes('GET /api/v1/org 200'), 5_000, 'the request log');
      expect(stderr()).toContain('GET /api/v1/org 401');
      expect(stderr()).not.toContain('demo-owner');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
  });

  it('explains a bad option with exit code 2 and no stack trace', async () => {
    const result = await runCli(['sandbox', '--faults', 'teapot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^invite-tui: Unknown fault "teapot"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const unknownFlag = await runCli(['sandbox', '--prot', '1']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('unknown option "--prot" (`invite-tui sandbox --help` lists them)');
  });
});

describe('invite-tui --version and --help', () => {
  it('prints the version from package.json', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help, and exits 2 on an unknown command', async () => {
    expect((await runCli(['--help'])).stdout).toContain('invite-tui sandbox');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});
