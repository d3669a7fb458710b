import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawRequest, startTestSandbox } from '../helpers/sandbox.js';

describe('sandbox --data', () => {
  it('keeps invitations and idempotency keys across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-data-'));
    const dataFile = join(dir, 'sandbox.json');
    const headers = { 'idempotency-key': 'restart-key' };
    const body = JSON.stringify({ email: 'persisted@acme.test', role: 'owner' });

    const first = await startTestSandbox({ dataFile });
    const created = await rawRequest(first, 'POST', '/api/v1/org/acme/invitations', { body, headers });
    await first.close();

    const second = await startTestSandbox({ dataFile, seed: 999 });
    try {
      const { body: list } = await rawRequest(second, 'GET', '/api/v1/org/acme/invitations');
      expect(list.filter((i: { id: string }) => i.id === created.body.id)).toHaveLength(1);
      const replay = await rawRequest(second, 'POST', '/api/v1/org/acme/invitations', { body, headers });
      expect(replay.body.id).toBe(created.body.id);
    } finally {
      await second.close();
    }
    // Written by rename from a temp file: no temp file is left behind, and only the owner can read it.
    expect(readdirSync(dir)).toEqual(['sandbox.json']);
    expect(statSync(dataFile).mode & 0o777).toBe(0o600);
  });

  it('keeps answers, members, revocations and everything sent through compactions, in a log of lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-data-'));
    const dataFile = join(dir, 'sandbox.jsonl');
    const first = await startTestSandbox({ dataFile, memberLimit: 10_000 });
    const { body: joining } = await rawRequest(first, 'POST', '/api/v1/org/acme/invitations', {
      body: JSON.stringify({ email: 'joiner@example.com', role: 'owner' }),
    });
    await rawRequest(first, 'POST', `/api/v1/invitations/${joining.id}/respond`, {
      token: 'demo-invitee:joiner@example.com',
      body: JSON.stringify({ accept: true }),
    });
    const { body: revoked } = await rawRequest(first, 'POST', '/api/v1/org/acme/invitations', {
      body: JSON.stringify({ email: 'revoked@acme.test', role: 'reader' }),
    });
    await rawRequest(first, 'DELETE', `/api/v1/org/acme/invitations/${revoked.id}`);
    // 16 at a time, past the point where the log compacts itself (256 changes).
    const emails = Array.from({ length: 400 }, (_, i) => `many.${i}@acme.test`);
    for (let i = 0; i < emails.length; i += 16) {
      const batch = emails.slice(i, i + 16).map((email) =>
        rawRequest(first, 'POST', '/api/v1/org/acme/invitations', {
          body: JSON.stringify({ email, role: 'reader' }),
        }),
      );
      expect((await Promise.all(batch)).map((answer) => answer.status)).toEqual(batch.map(() => 200));
    }
    await first.close();
    // Compacted: far fewer lines than changes; the first is the snapshot.
    const lines = readFileSync(dataFile, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(400);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ version: 2 });

    const second = await startTestSandbox({ dataFile });
    try {
      const { body: list } = await rawRequest(second, 'GET', '/api/v1/org/acme/invitations');
      const listed = new Set(list.map((invitation: { email: string }) => invitation.email));
      expect(emails.filter((email) => !listed.has(email))).toEqual([]);
      expect(listed.has('revoked@acme.test')).toBe(false);
      const { body: members } = await rawRequest(second, 'GET', '/api/v1/org/acme/members');
      expect(members).toContainEqual({ email: 'joiner@example.com', role: 'owner', user_id: expect.any(String) });
      expect(list.find((invitation: { id: string }) => invitation.id === joining.id)?.status).toBe('accepted');
    } finally {
      await second.close();
    }
    expect(readdirSync(dir)).toEqual(['sandbox.jsonl']);
  });

  it('refuses a file that is not sandbox data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-data-'));
    const dataFile = join(dir, 'other.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(dataFile, '{"hello": 1}'));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow('is not a sandbox data file');
  });
});
