// The TUI against servers written from API.md alone (test/helpers/platform-server.ts), not the
// sandbox: one that offers only part A (the documented invite endpoint; every other path a 404
// in the envelope), one that offers what the platform documents (org details and members, no
// invitation list), paginated lists, and a status filter that is ignored.
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER, TAB } from '../helpers/keys.js';
import { startPlatformServer, type PlatformInvitation, type PlatformServer } from '../helpers/platform-server.js';
import { normalizeFrame, renderApp } from '../helpers/tui.js';

let server: PlatformServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function platform(options: Parameters<typeof startPlatformServer>[0]) {
  server = await startPlatformServer(options);
  return { server, app: renderApp({ url: server.url, token: 'platform-token' }) };
}

const body = (frame: string) => normalizeFrame(frame).split('\n').slice(3).join('\n');
const posted = (server: PlatformServer) => server.requests.filter((request) => request.startsWith('POST '));
const sentTo = (server: PlatformServer) => server.invitations.map(({ email, role }) => ({ email, role }));

function invitation(email: string, status: string, daysLeft: number): PlatformInvitation {
  const now = Date.now();
  return {
    id: `id-${email}`,
    email,
    role: 'reader',
    status,
    created_at: new Date(now - 8 * 86_400_000).toISOString(),
    expires_at: new Date(now + daysLeft * 86_400_000).toISOString(),
  };
}

describe('a part-A-only server', () => {
  it('a typed org key walks addresses → role → review → send; the result shows only the role it answered', async () => {
    const { server, app } = await platform({ companion: 'none', roleOnly: true });
    await app.waitFor('Type the organization key');
    await app.press('acme', ENTER);
    expect(body(await app.waitFor('sending will tell'))).toMatchInlineSnapshot(`
      "Who should be invited to acme?
      ! acme: no such organization, or this server does not offer organization
      details; sending will tell.
      Paste one or many: commas, spaces or new lines; “Name <addr>” works.
      Addresses: ada@example.com
      0 to send

      enter next · esc back · tab send/browse"
    `);
    await app.press('ada@acme.test');
    await app.waitFor('1 to send');
    await app.press(ENTER, ENTER);
    // Neither list exists: nothing is skipped, and Review says quietly what could not be checked.
    expect(await app.waitFor('Enter sends the invitation')).toContain(
      'Not checked before sending: pending invitations, members (the server decides).',
    );
    await app.press(ENTER);
    expect(body(await app.waitFor('Result 1 sent'))).toMatchInlineSnapshot(`
      "Result 1 sent
      ✓ Invitation sent to ada@acme.test
        role reader

      n new · tab send/browse · q quit · ? help"
    `);
    expect(sentTo(server)).toEqual([{ email: 'ada@acme.test', role: 'reader' }]);
    // Browse cannot tell a missing org from a missing route, and says both.
    await app.press(TAB);
    expect(await app.waitFor('does not list invitations')).toContain(
      'acme: no such organization, or this server does not list invitations.',
    );
    app.unmount();
  });

  it('Review counts an invalid address as not sent instead of dropping it silently', async () => {
    const { server, app } = await platform({ companion: 'none' });
    await app.waitFor('Type the organization key');
    await app.burst('acme', ENTER, 'ada@acme.test bogus@', ENTER, ENTER);
    expect(await app.waitFor('Enter sends the invitation')).toContain('1 · 1 invalid, not sent');
    await app.press(ENTER);
    await app.waitFor('Result 1 sent');
    expect(sentTo(server).map((sent) => sent.email)).toEqual(['ada@acme.test']);
    app.unmount();
  });

  it('says so when the server answers with another role than the one asked for', async () => {
    const { server, app } = await platform({ companion: 'none', roleOnly: true, answerRole: 'reader' });
    await app.waitFor('Type the organization key');
    await app.burst('acme', ENTER, 'cy@acme.test', ENTER, DOWN, ENTER, ENTER);
    const frame = await app.waitFor('Result 1 sent');
    expect(frame).toContain('! You asked for contributor; the server answered reader.');
    expect(posted(server)).toHaveLength(1);
    app.unmount();
  });

  it('an unknown org: the invite’s own 404 decides, and Esc goes back to type another', async () => {
    const { server, app } = await platform({ companion: 'none', roleOnly: true });
    await app.waitFor('Type the organization key');
    await app.burst('acne', ENTER, 'x@acme.test', ENTER, ENTER, ENTER);
    const frame = await app.waitFor('404 Not Found');
    expect(frame).toContain('Organization "acne" not found');
    expect(frame).toContain('esc other org');
    expect(server.invitations).toEqual([]);
    app.unmount();
  });

  it('a member it cannot know of is sent, and the server decides (here: it invites)', async () => {
    const { server, app } = await platform({ companion: 'none', members: ['ada@acme.test'], missingStatus: 405 });
    await app.waitFor('Type the organization key');
    await app.burst('acme', ENTER, 'ada@acme.test', ENTER, ENTER);
    expect(await app.waitFor('Enter sends the invitation')).toContain(
      'Not checked before sending: pending invitations, members (the server decides).',
    );
    await app.press(ENTER);
    await app.waitFor('Result 1 sent');
    expect(sentTo(server)).toEqual([{ email: 'ada@acme.test', role: 'reader' }]);
    app.unmount();
  });

  it('a 409 where nothing lists invitations: the advice does not send the person to Browse', async () => {
    const { app } = await platform({ companion: 'none', members: ['ada@acme.test'], memberConflict: true });
    await app.waitFor('Type the organization key');
    await app.burst('acme', ENTER, 'ada@acme.test', ENTER, ENTER);
    await app.waitFor('Enter sends the invitation');
    await app.press(ENTER);
    const frame = await app.waitFor('409 Conflict');
    expect(frame).toContain('Already invited or a member: nothing new was created.');
    expect(frame).not.toContain('Browse');
    expect(frame).not.toMatch(/\bb browse\b/);
    app.unmount();
  });
});

describe('a server that lists members (the platform documents /members)', () => {
  it('a member is skipped with a reason before sending; the others are sent', async () => {
    const { server, app } = await platform({ companion: 'platform', members: ['grace@acme.test'] });
    await app.waitFor('Type the organization key');
    await app.press('acme', ENTER);
    await app.waitFor('Who should be invited to acme?');
    // Another spelling of the member's address is the same address.
    await app.press('ada@acme.test, Grace@ACME.test, linus@acme.test');
    const emails = await app.waitFor('2 to send · 1 already a member');
    expect(emails).toContain('! Grace@ACME.test: already a member (skipped)');
    await app.press(ENTER, ENTER);
    const review = body(await app.waitFor('Enter sends 2 invitations'));
    expect(review).toContain('Addresses     2 · 1 already a member, skipped');
    expect(review).not.toContain('Grace@');
    // This server lists no invitations: only that check is said to be missing.
    expect(review).toContain('Not checked before sending: pending invitations (the server decides).');
    await app.press(ENTER);
    const result = await app.waitFor('Result 2 sent · 1 skipped');
    expect(result).toContain('already a member');
    expect(sentTo(server).map((sent) => sent.email)).toEqual(['linus@acme.test', 'ada@acme.test']);
    expect(posted(server)).toHaveLength(2);
    app.unmount();
  });

  it('every address a member: the addresses step says so and does not go on', async () => {
    const { app } = await platform({ companion: 'platform', members: ['grace@acme.test'] });
    await app.waitFor('Type the organization key');
    await app.press('acme', ENTER);
    await app.waitFor('Who should be invited to acme?');
    await app.press('grace@acme.test');
    await app.waitFor('0 to send · 1 already a member');
    await app.press(ENTER);
    await app.waitFor('Every address is already a member.');
    app.unmount();
  });

  it('reads every page: a member on the last page of a paginated list is skipped', async () => {
    const members = Array.from({ length: 9 }, (_, i) => `m${i}@acme.test`);
    const { server, app } = await platform({ companion: 'platform', members, pageSize: 2 });
    await app.waitFor('Type the organization key');
    await app.press('acme', ENTER);
    await app.waitFor('Who should be invited to acme?');
    await app.press('m8@acme.test, new@acme.test');
    await app.waitFor('1 to send · 1 already a member');
    expect(server.requests.filter((request) => request.startsWith('GET /api/v1/org/acme/members'))).toHaveLength(5);
    await app.press(ENTER, ENTER);
    await app.waitFor('Enter sends the invitation');
    await app.press(ENTER);
    await app.waitFor('Result 1 sent · 1 skipped');
    expect(sentTo(server).map((sent) => sent.email)).toEqual(['new@acme.test']);
    app.unmount();
  });
});

describe('a server that lists invitations but ignores ?status=', () => {
  it('an expired invitation is not pending, whatever the list says; a pending one is skipped', async () => {
    const { server, app } = await platform({
      companion: 'all',
      laxStatusFilter: true,
      pageSize: 2,
      invitations: [
        invitation('pending@acme.test', 'pending', 3),
        invitation('expired@acme.test', 'expired', -1),
        // Its expiry has passed but the server never updated its status.
        invitation('lapsed@acme.test', 'pending', -1),
      ],
    });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.waitFor('Who should be invited to acme?');
    await app.press('pending@acme.test, expired@acme.test, lapsed@acme.test');
    const emails = await app.waitFor('2 to send · 1 already pending');
    expect(emails).toContain('! pending@acme.test: already has a pending invitation (skipped)');
    await app.press(ENTER, ENTER);
    const review = body(await app.waitFor('Enter sends 2 invitations'));
    expect(review).toContain('Addresses     2 · 1 already pending, skipped');
    expect(review).not.toContain('Not checked');
    await app.press(ENTER);
    await app.waitFor('Result 2 sent · 1 skipped');
    expect(posted(server)).toHaveLength(2);
    app.unmount();
  });
});
