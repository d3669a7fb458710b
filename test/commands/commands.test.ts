// Every command, human and --json, against the sandbox through the built binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('orgs and list', () => {
  it('orgs prints a table, and a JSON array with --json', async () => {
    const { env } = cliHome(sandbox.url);
    const human = await runCli(['orgs'], env);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toBe(
      'KEY      NAME                YOUR ROLE\nacme     Acme Corp           owner\nglobex   Globex Corporation  owner\ninitech  Initech             owner\n',
    );
    const json = await runCli(['orgs', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual([
      { key: 'acme', name: 'Acme Corp', role: 'owner' },
      { key: 'globex', name: 'Globex Corporation', role: 'owner' },
      { key: 'initech', name: 'Initech', role: 'owner' },
    ]);
  });

  it('list filters by status, in a table or as JSON', async () => {
    const { env } = cliHome(sandbox.url);
    const human = await runCli(['list', '--org', 'initech', '--status', 'accepted'], env);
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ADDRESS\s+ROLE\s+STATUS\s+CREATED\s+EXPIRY$/);
    expect(lines.slice(1).every((line) => / accepted /.test(line))).toBe(true);
    const json = JSON.parse((await runCli(['list', '--json'], { ...env, INVITE_ORG: 'initech' })).stdout);
    expect(json).toHaveLength(10);
    expect(json[0]).toHaveProperty('expires_at');
  });

  it('list --status with an unknown status is a usage error', async () => {
    const { env } = cliHome(sandbox.url);
    const result = await runCli(['list', '--org', 'acme', '--status', 'lost'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--status is one of pending, accepted, rejected, expired');
  });
});

describe('send', () => {
  it('sends to several addresses, reporting each row; --json prints JSON Lines', async () => {
    const { env } = cliHome(sandbox.url);
    const human = await runCli(
      ['send', '--org', 'acme', '--role', 'contributor', 'cli.one@acme.test', 'cli.two@acme.test'],
      env,
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/✓\s+cli\.one@acme\.test\s+contributor\s+invited · pending · expires in 7d · inv_/);
    // Arguments are reported in the order given, whatever order the answers came in.
    expect(human.stdout.indexOf('cli.one@')).toBeLessThan(human.stdout.indexOf('cli.two@'));
    expect(human.stderr).toContain('2 sent, 0 skipped, 0 failed');
    const json = await runCli(
      ['send', '--org', 'acme', '--role', 'reader', '--no-email', '--json', 'cli.three@acme.test', 'cli.one@acme.test'],
      env,
    );
    expect(json.code).toBe(0);
    expect(jsonLines(json.stdout)).toEqual([
      {
        email: 'cli.one@acme.test',
        index: 2,
        ok: true,
        skipped: 'already has a pending invitation (--force sends anyway)',
      },
      {
        email: 'cli.three@acme.test',
        index: 1,
        ok: true,
        invitation: expect.objectContaining({ email: 'cli.three@acme.test', role: 'reader', send_email: false }),
      },
    ]);
  });

  it('--dry-run checks every row and sends nothing', async () => {
    const { env, root } = cliHome(sandbox.url);
    const file = `${root}/rows.csv`;
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(file, 'email,role\r\ndry.one@acme.test,owner\r\nnope,reader\r\n'),
    );
    const result = await runCli(['send', '--org', 'acme', '--from', file, '--dry-run'], env);
    expect(result.code).toBe(7);
    expect(result.stdout).toMatch(/2\s+→\s+dry\.one@acme\.test\s+owner\s+would send/);
    expect(result.stdout).toMatch(/3\s+✗\s+nope\s+invalid: missing @/);
    expect(result.stderr).toContain('Dry run: 1 would be sent to acme; nothing was sent.');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
    expect(body.some((invitation: { email: string }) => invitation.email === 'dry.one@acme.test')).toBe(false);
  });

  it('reads rows from stdin with --from -, reporting bad rows by line while good ones go', async () => {
    const { env } = cliHome(sandbox.url);
    const result = await runCli(
      ['send', '--org', 'acme', '--role', 'reader', '--from', '-', '--json'],
      env,
      '\uFEFFstdin.one@acme.test\r\n\r\nbroken@\r\nstdin.two@acme.test\r\n',
    );
    expect(result.code).toBe(7);
    const rows = jsonLines(result.stdout);
    expect(rows).toContainEqual({
      email: 'broken@',
      line: 3,
      ok: false,
      error: { status: null, type: 'invalid_row', detail: 'no domain after @', errors: [] },
    });
    expect(
      rows
        .filter((row) => row.ok)
        .map((row) => row.email)
        .sort(),
    ).toEqual(['stdin.one@acme.test', 'stdin.two@acme.test']);
    expect(result.stderr).toContain('line 2: blank, skipped');
  });
});

describe('revoke', () => {
  it('revokes with --yes, and refuses to guess without a terminal', async () => {
    const { env } = cliHome(sandbox.url);
    const { body: created } = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', {
      body: JSON.stringify({ email: 'revoke.cli@acme.test', role: 'reader' }),
    });
    const refused = await runCli(['revoke', '--org', 'acme', created.id], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    const revoked = await runCli(['revoke', '--org', 'acme', created.id, '--yes', '--json'], env);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({
      id: created.id,
      org: 'acme',
      email: 'revoke.cli@acme.test',
      revoked: true,
    });
    const again = await runCli(['revoke', '--org', 'acme', created.id, '--yes'], env);
    expect(again.code).toBe(5);
  });
});

describe('help and version', () => {
  it('help COMMAND and COMMAND --help print the command help', async () => {
    expect((await runCli(['help', 'send'])).stdout).toContain('Usage: invite-tui send --org SLUG --role ROLE');
    expect((await runCli(['revoke', '--help'])).stdout).toContain('Usage: invite-tui revoke');
    expect((await runCli(['--help'])).stdout).toContain('Exit codes: 0 ok · 2 usage');
  });
});
