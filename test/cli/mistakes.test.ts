// Mistakes that teach: each names what was typed, says what to do, and exits with a stable code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const oneLine = (text: string) => text.trim().split('\n');

describe('typos in the command line (exit 2)', () => {
  it('an unknown command is named, with the nearest one', async () => {
    const result = await runCli(['sned', '--org', 'acme']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'invite-tui: unknown command "sned" (did you mean "send"?); `invite-tui --help` lists them\n',
    );
    expect((await runCli(['frobnicate'])).stderr).not.toContain('did you mean');
  });

  it.each(['constructor', 'toString', '__proto__'])('"%s" is no command and no help topic', async (name) => {
    const command = await runCli([name]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain(`unknown command "${name}"`);
    const help = await runCli(['help', name]);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain(`there is no help topic "${name}"`);
  });

  it('help with an unknown topic names it, suggests the nearest and lists the topics', async () => {
    const result = await runCli(['help', 'foo']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('there is no help topic "foo"; topics: send, list, orgs, revoke');
    expect((await runCli(['help', 'lst'])).stderr).toContain('there is no help topic "lst" (did you mean "list"?)');
    const sandboxHelp = await runCli(['help', 'sandbox']);
    expect(sandboxHelp.code).toBe(0);
    expect(sandboxHelp.stdout).toContain('Usage: invite-tui sandbox');
  });

  it.each([
    [['send', '--rol', 'reader', 'a@acme.test'], '--rol', 'send', '--role'],
    [['list', '--stauts', 'pending'], '--stauts', 'list', '--status'],
    [['send', '--dryrun', 'a@acme.test'], '--dryrun', 'send', '--dry-run'],
    [['orgs', '--jsn'], '--jsn', 'orgs', '--json'],
    [['revoke', '--demoo', 'inv_1'], '--demoo', 'revoke', '--demo'],
  ])('%j: "%s" for %s, did you mean %s', async (args, typed, command, meant) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `invite-tui: unknown option "${typed}" for ${command}; did you mean ${meant}? (\`invite-tui help ${command}\` lists them)\n`,
    );
  });

  it('a TUI flag typo is named too, with the nearest TUI flag', async () => {
    const result = await runCli(['--redcat']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option "--redcat"; did you mean --redact?');
  });
});

describe('no token (exit 3): its own message, one line and the fix; nothing is sent', () => {
  it('says nothing was sent, names no status code, and does not repeat itself', async () => {
    const { env } = cliHome(sandbox.url, '');
    const before = sandbox.requests.length;
    const result = await runCli(['list', '--org', 'acme'], env);
    expect(result.code).toBe(3);
    expect(oneLine(result.stderr)).toEqual([
      `invite-tui: no token for ${sandbox.url} (profile "default"), so nothing was sent.`,
      'Set INVITE_API_TOKEN, or run `invite-tui login --api-url URL`; `--demo` needs none.',
    ]);
    expect(result.stderr).not.toMatch(/401|Unauthorized/);
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('a token that cannot be a header value (exit 2, before any request)', () => {
  it.each([
    ['demo-owner\r\nX-Injected: 1', 'a line break (at position 11)'],
    ['demo-owner\n', 'a line break (at position 11)'],
    ['tøken', 'the character U+00F8 (at position 2)'],
    ['token€', 'the character U+20AC (at position 6)'],
    ['demo owner', 'a space (at position 5)'],
  ])('%j', async (token, what) => {
    const { env } = cliHome(sandbox.url, token);
    const before = sandbox.requests.length;
    const result = await runCli(['orgs'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `invite-tui: The token (INVITE_API_TOKEN) contains ${what}, so it cannot be sent in an HTTP header; copy it again without it.\n`,
    );
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('an unknown organization (exit 5) points at `invite-tui orgs`', () => {
  it('list', async () => {
    const result = await runCli(['list', '--org', 'acmee'], cliHome(sandbox.url).env);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('`invite-tui orgs` lists the organizations you can see');
  });

  it('revoke', async () => {
    const result = await runCli(['revoke', '--org', 'acmee', 'inv_1', '--yes'], cliHome(sandbox.url).env);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('`invite-tui orgs` lists the organizations you can see');
  });
});

describe('revoke names the address it is about to revoke', () => {
  it('in the refusal without a terminal, and when done', async () => {
    const { env } = cliHome(sandbox.url);
    const { body: created } = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', {
      body: JSON.stringify({ email: 'named.revoke@acme.test', role: 'reader' }),
    });
    const refused = await runCli(['revoke', '--org', 'acme', created.id], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`pass --yes to revoke the invitation of named.revoke@acme.test (${created.id})`);
    const revoked = await runCli(['revoke', '--org', 'acme', created.id, '--yes'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toBe(`Revoked the invitation of named.revoke@acme.test (${created.id}) in acme.\n`);
    // The sandbox lists no revoked invitations; a server that does gets "is revoked, not pending" (exit 6).
    const again = await runCli(['revoke', '--org', 'acme', created.id, '--yes'], env);
    expect(again.code).toBe(5);
  });

  it('an invitation that is no longer pending is named with its status (exit 6), and nothing is sent', async () => {
    const { env } = cliHome(sandbox.url);
    const [accepted] = JSON.parse(
      (await runCli(['list', '--org', 'acme', '--status', 'accepted', '--json'], env)).stdout,
    );
    const result = await runCli(['revoke', '--org', 'acme', accepted.id, '--yes'], env);
    expect(result.code).toBe(6);
    expect(result.stderr).toBe(
      `invite-tui: ${accepted.id} (${accepted.email}) is accepted, not pending: nothing to revoke.\n`,
    );
  });

  it('an id the server does not list is exit 5, pointing at `invite-tui list`', async () => {
    const result = await runCli(['revoke', '--org', 'acme', 'inv_nope', '--yes'], cliHome(sandbox.url).env);
    expect(result.code).toBe(5);
    expect(result.stderr).toBe(
      'invite-tui: there is no invitation inv_nope in acme; `invite-tui list --org acme` shows them.\n',
    );
  });

  it('a server that cannot list invitations: the id alone is named', async () => {
    const minimal = await startTestSandbox({ minimal: true });
    try {
      const result = await runCli(['revoke', '--org', 'acme', 'inv_123'], cliHome(minimal.url).env);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'invite-tui: Not a terminal, so nothing can be confirmed: pass --yes to revoke invitation inv_123.\n',
      );
    } finally {
      await minimal.close();
    }
  });
});
