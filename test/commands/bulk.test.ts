// Bulk sends that lose nothing and send nothing twice: under 429s and 502s, and across a kill -9.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/journal.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { waitUntil } from '../helpers/wait.js';

function writeRows(root: string, count: number, prefix: string): string {
  const file = `${root}/rows.csv`;
  writeFileSync(
    file,
    [
      'email,role',
      ...Array.from({ length: count }, (_, i) => `${prefix}.${i}@acme.test,${i % 3 === 0 ? 'contributor' : 'reader'}`),
    ].join('\n'),
  );
  return file;
}

async function invitedCounts(sandbox: TestSandbox, prefix: string): Promise<Map<string, number>> {
  const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
  const counts = new Map<string, number>();
  for (const { email } of body as { email: string }[])
    if (email.startsWith(`${prefix}.`)) counts.set(email, (counts.get(email) ?? 0) + 1);
  return counts;
}

describe('bulk send', () => {
  it('200 rows through injected 429s and 502s: exactly 200 invitations, none twice', async () => {
    const sandbox = await startTestSandbox({ faults: '429@POST%50,502-after@POST%7,502@POST%11' });
    try {
      const { env, root } = cliHome(sandbox.url);
      const result = await runCli(['send', '--org', 'acme', '--from', writeRows(root, 200, 'bulk'), '--json'], env);
      expect(result.stderr).toContain('200 sent, 0 skipped, 0 failed');
      expect(result.code).toBe(0);
      const counts = await invitedCounts(sandbox, 'bulk');
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      expect(sandbox.requests.some((line) => / 429 /.test(line))).toBe(true);
      expect(sandbox.requests.some((line) => / 502 /.test(line))).toBe(true);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('kill -9 in the middle, then the same command again: every row exactly once', async () => {
    const sandbox = await startTestSandbox({ latencyMs: 40 });
    try {
      const { env, root, journal } = cliHome(sandbox.url);
      const args = ['send', '--org', 'acme', '--from', writeRows(root, 200, 'crash'), '--json'];
      const child = spawnCli(args, env);
      await waitUntil(
        () => readJournal(journal).filter((entry) => entry.event === 'sent').length >= 40,
        20_000,
        '40 rows sent',
      );
      child.kill('SIGKILL');
      await once(child, 'close');
      const before = await invitedCounts(sandbox, 'crash');
      expect(before.size).toBeGreaterThanOrEqual(40);
      expect(before.size).toBeLessThan(200);

      const rerun = await runCli(args, env);
      expect(rerun.code).toBe(0);
      const counts = await invitedCounts(sandbox, 'crash');
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      // Confirmed rows were not sent again; in-flight ones were retried with their original key.
      const skipped = rerun.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .filter((row) => row.skipped?.startsWith('already sent'));
      expect(skipped.length).toBeGreaterThanOrEqual(40);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
