// The commands against servers we did not shape to our client: one that offers only the
// documented invite endpoint, one with paginated lists, one that ignores ?status.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { startPlatformServer, type PlatformInvitation, type PlatformServer } from '../helpers/platform-server.js';

let server: PlatformServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function platform(options: Parameters<typeof startPlatformServer>[0]) {
  server = await startPlatformServer(options);
  return { server, env: cliHome(server.url, 'platform-token').env };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function invitation(email: string, status: string, daysLeft = 7): PlatformInvitation {
  const now = Date.now();
  return {
    id: `id-${email}`,
    email,
    role: 'reader',
    status,
    created_at: new Date(now - 86_400_000).toISOString(),
    expires_at: new Date(now + daysLeft * 86_400_000).toISOString(),
  };
}

describe('a server that offers only the invite endpoint', () => {
  it('send sends with no flag, says once which checks were skipped, and reports what the server said', async () => {
    const { server, env } = await platform({ companion: 'none', roleOnly: true });
    const result = await runCli(['send', '--org', 'acme', '--role', 'reader', 'a@example.com'], env);
    expect(result.code).toBe(0);
    expect(server.invitations.map((i) => i.email)).toEqual(['a@example.com']);
    const notes = result.stderr.split('\n').filter((line) => line.startsWith('Not checked before sending'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('acme: no such organization, or this server does not list invitations');
    // Only the role came back: nothing about a status or an expiry the server never gave.
    expect(result.stdout).toMatch(/✓\s+a@example\.com\s+reader\s+invited\n/);
    expect(result.stdout).not.toMatch(/pending|expir/);
  });

  it('a role other than the one asked for is said', async () => {
    const { env } = await platform({ companion: 'none', roleOnly: true, answerRole: 'reader' });
    const result = await runCli(['send', '--org', 'acme', '--role', 'owner', 'a@example.com'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓\s+a@example\.com\s+owner\s+invited as reader \(asked for owner\)/);
  });

  it('--json gives exactly one line per address, sent or refused', async () => {
    const { env } = await platform({ companion: 'none' });
    const result = await runCli(
      ['send', '--org', 'acme', '--role', 'owner', '--json', 'a@example.com', 'b@example.com', 'nope'],
      env,
    );
    const lines = jsonLines(result.stdout);
    expect(lines.map((line) => line.email).sort()).toEqual(['a@example.com', 'b@example.com', 'nope']);
    expect(result.code).toBe(7);
  });

  it('an unknown org: the first 404 stops the run, every row is reported with it, exit 5', async () => {
    const { server, env } = await platform({ companion: 'none' });
    const addresses = Array.from({ length: 30 }, (_, i) => `p${i}@example.com`);
    const result = await runCli(
      ['send', '--org', 'nowhere', '--role', 'reader', '--json', '--concurrency', '2', ...addresses],
      env,
    );
    expect(result.code).toBe(5);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(30);
    expect(lines.every((line) => line.ok === false && (line.error as { status: number }).status === 404)).toBe(true);
    const posts = server.requests.filter((request) => request.startsWith('POST'));
    expect(posts.length).toBeLessThanOrEqual(2);
    expect(result.stderr).toContain('nowhere: no such organization');
    expect(result.stderr).toContain('invite-tui orgs');
  });

  it('list says both meanings of its 404 in one sentence (exit 5); orgs says plainly it is not offered (exit 12)', async () => {
    const { env } = await platform({ companion: 'none' });
    const list = await runCli(['list', '--org', 'acme'], env);
    expect(list.code).toBe(5);
    expect(list.stderr).toContain('acme: no such organization, or this server does not list invitations.');
    expect(list.stderr).not.toMatch(/\n\s+at |Error:/);
    const orgs = await runCli(['orgs'], env);
    expect(orgs.code).toBe(12);
    expect(orgs.stderr).toContain('This server does not list organizations.');
  });

  it('a 405 from a companion endpoint is "not offered", exit 12', async () => {
    const { env } = await platform({ companion: 'none', missingStatus: 405 });
    const list = await runCli(['list', '--org', 'acme'], env);
    expect(list.code).toBe(12);
    expect(list.stderr).toContain('This server does not list invitations.');
    const revoke = await runCli(['revoke', '--org', 'acme', 'inv_1', '--yes'], env);
    expect(revoke.code).toBe(12);
    expect(revoke.stderr).toContain('This server does not revoke invitations.');
  });
});

describe('the platform as documented: members and org details, no lists of our own', () => {
  it('an address that is already a member is skipped before sending', async () => {
    const { server, env } = await platform({ companion: 'platform', members: ['Member@Example.com'] });
    const result = await runCli(
      ['send', '--org', 'acme', '--role', 'reader', '--json', 'member@example.com', 'new@example.com'],
      env,
    );
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toContainEqual(
      expect.objectContaining({ email: 'member@example.com', skipped: 'already a member' }),
    );
    expect(server.invitations.map((i) => i.email)).toEqual(['new@example.com']);
  });

  it('the dry run says when the member limit cannot be checked', async () => {
    const { env } = await platform({ companion: 'platform' });
    const result = await runCli(['send', '--org', 'acme', '--role', 'reader', '--dry-run', 'x@example.com'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/→\s+x@example\.com\s+reader\s+would send/);
    expect(result.stderr).toContain(
      'the member limit: the server does not say both the limit and how many members count against it',
    );
  });
});

describe('paginated lists, and a status filter the server ignores', () => {
  const many = Array.from({ length: 250 }, (_, i) => invitation(`old${i}@example.com`, 'accepted'));

  it('orgs and list read every page', async () => {
    const orgs = Array.from({ length: 45 }, (_, i) => `org-${i}`);
    const { env } = await platform({ companion: 'all', pageSize: 20, orgs, invitations: many });
    const orgList = await runCli(['orgs', '--json'], env);
    expect(orgList.code).toBe(0);
    expect((JSON.parse(orgList.stdout) as unknown[]).length).toBe(45);
    const list = await runCli(['list', '--org', 'org-0', '--json'], env);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(250);
  });

  it('a pending address on a late page is skipped; an expired one that a lax server returns is sent', async () => {
    const invitations = [
      ...many,
      invitation('late.pending@example.com', 'pending'),
      invitation('was.pending@example.com', 'expired'),
      invitation('stale.pending@example.com', 'pending', -1),
    ];
    const { server, env } = await platform({ companion: 'all', pageSize: 30, laxStatusFilter: true, invitations });
    const result = await runCli(
      [
        'send',
        '--org',
        'acme',
        '--role',
        'reader',
        '--json',
        'late.pending@example.com',
        'was.pending@example.com',
        'stale.pending@example.com',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines).toContainEqual(
      expect.objectContaining({ email: 'late.pending@example.com', ok: true, skipped: expect.any(String) }),
    );
    const created = server.invitations
      .filter((i) => i.id.startsWith('0000'))
      .map((i) => i.email)
      .sort();
    expect(created).toEqual(['stale.pending@example.com', 'was.pending@example.com']);
  });
});
