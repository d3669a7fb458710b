import { mkdtempSync, readdirSync, statSync } from 'node:fs';
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

  it('refuses a file that is not sandbox data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-data-'));
    const dataFile = join(dir, 'other.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(dataFile, '{"hello": 1}'));
    await expect(startTestSandbox({ dataFile })).rejects.toThrow('is not a sandbox data file');
  });
});
