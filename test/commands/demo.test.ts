// Every command takes --demo: the embedded sandbox, with nothing configured, one state file
// under $XDG_STATE_HOME/invite-tui shared by every demo command, and one fixed identity.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

function emptyHome() {
  const root = mkdtempSync(join(tmpdir(), 'invite-tui-demo-'));
  return { XDG_CONFIG_HOME: join(root, 'config'), XDG_STATE_HOME: join(root, 'state') };
}

describe('--demo', () => {
  it('orgs --demo --json lists the demo orgs with nothing configured, and writes no config', async () => {
    const env = emptyHome();
    const result = await runCli(['orgs', '--demo', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((org: { key: string }) => org.key)).toEqual(['acme', 'globex', 'initech']);
    expect(existsSync(join(env.XDG_STATE_HOME, 'invite-tui', 'demo-sandbox.json'))).toBe(true);
    expect(existsSync(env.XDG_CONFIG_HOME)).toBe(false);
  });

  it('wins over a configured API, and needs no token', async () => {
    const env = { ...emptyHome(), INVITE_API_URL: 'https://api.example.com' };
    expect((await runCli(['orgs', '--demo'], env)).code).toBe(0);
  });

  it('send --demo, then list --demo shows it; the same send again skips the pending rows rather than resending', async () => {
    const env = emptyHome();
    const send = ['send', '--demo', '--org', 'acme', '--role', 'reader', 'demo.one@acme.test', 'demo.two@acme.test'];
    const first = await runCli([...send, '--json'], env);
    expect(first.code).toBe(0);
    const sent = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(sent.map((row) => row.invitation?.email)).toEqual(['demo.one@acme.test', 'demo.two@acme.test']);

    const list = await runCli(['list', '--demo', '--org', 'acme', '--status', 'pending', '--json'], env);
    const listed = JSON.parse(list.stdout).map((invitation: { email: string }) => invitation.email);
    expect(listed).toEqual(expect.arrayContaining(['demo.one@acme.test', 'demo.two@acme.test']));

    const again = await runCli([...send, '--json'], env);
    expect(again.code).toBe(0);
    for (const line of again.stdout.trim().split('\n'))
      expect(JSON.parse(line).skipped).toMatch(/already has a pending invitation/);

    const revoked = await runCli(['revoke', '--demo', '--org', 'acme', sent[0].invitation.id, '--yes'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain('Revoked the invitation of demo.one@acme.test');
  });

  it('a command that needs an org says how to list them in the demo', async () => {
    const result = await runCli(['list', '--demo'], emptyHome());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'invite-tui: Which organization? Pass --org KEY; `invite-tui orgs --demo` lists them.\n',
    );
  });

  it('login --demo is a mistake that says why', async () => {
    const result = await runCli(['login', '--demo'], emptyHome());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The demo sandbox needs no login');
  });
});
