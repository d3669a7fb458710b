// The commands' prompts in a real terminal (tmux): Ctrl-C at any of them exits 130 and leaves the
// terminal sane; the TUI without a token says so and exits 3, as the commands do.
import { afterEach, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli-env.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { isSane, Terminal } from '../helpers/terminal.js';

let terminal: Terminal | undefined;
let sandbox: TestSandbox | undefined;
afterEach(async () => {
  terminal?.close();
  terminal = undefined;
  await sandbox?.close();
  sandbox = undefined;
});

async function start(args: string[], token?: string) {
  sandbox = await startTestSandbox();
  const { env } = cliHome(sandbox.url, token);
  terminal = await Terminal.start(args, { env, columns: 160 });
  return terminal;
}

describe('Ctrl-C at a prompt exits 130', () => {
  it('login, at the masked token prompt: nothing saved', async () => {
    const term = await start(['login', '--api-url', 'http://127.0.0.1:9'], '');
    await term.waitFor('Token for 127.0.0.1:9:');
    await term.type('half-typed');
    await term.keys('C-c');
    const { code, stty } = await term.exited();
    expect(code).toBe(130);
    expect(term.screen()).toContain('invite-tui: cancelled (Ctrl-C); nothing was saved');
    expect(term.screen()).not.toContain('half-typed');
    expect(isSane(stty, term.raw())).toBe(true);
  });

  it('revoke, at the confirmation that names the address: nothing revoked', async () => {
    sandbox = await startTestSandbox();
    const { body: created } = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', {
      body: JSON.stringify({ email: 'ctrl.c@acme.test', role: 'reader' }),
    });
    const { env } = cliHome(sandbox.url);
    terminal = await Terminal.start(['revoke', '--org', 'acme', created.id], { env, columns: 160 });
    await terminal.waitFor(`Revoke the invitation of ctrl.c@acme.test (${created.id}) in acme? [y/N]`);
    await terminal.keys('C-c');
    const { code, stty } = await terminal.exited();
    expect(code).toBe(130);
    expect(terminal.screen()).toContain('invite-tui: cancelled (Ctrl-C); nothing was changed');
    expect(isSane(stty, terminal.raw())).toBe(true);
    const { body: pending } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
    expect(pending.map((invitation: { id: string }) => invitation.id)).toContain(created.id);
  });
});

describe('the TUI without a token', () => {
  it('says so in one line plus the fix, and exits 3 like the commands', async () => {
    const term = await start([], '');
    const { code } = await term.exited();
    expect(code).toBe(3);
    expect(term.screen()).toContain(
      `invite-tui: no token for ${sandbox?.url} (profile "default"), so nothing was sent.`,
    );
    expect(term.screen()).toContain(
      'Set INVITE_API_TOKEN, or run `invite-tui login --api-url URL`; `--demo` needs none.',
    );
  });
});
