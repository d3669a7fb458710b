// The built `invite-tui sandbox --data`, killed with SIGKILL at random points while invitations
// pour in: every invitation it acknowledged is there after a restart, with its idempotency key,
// and no temp file is left behind.
import { once } from 'node:events';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/sandbox/seed.js';
import { spawnCli } from '../helpers/cli.js';

const ROUNDS = 8;
const IN_FLIGHT = 8;

function startSandbox(dataFile: string) {
  const child = spawnCli(['sandbox', '--quiet', '--port', '0', '--data', dataFile, '--member-limit', '100000']);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const url = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.once('close', () => reject(new Error(`stopped before printing its URL: ${stderr}`)));
  });
  url.catch(() => undefined);
  return { child, url };
}

async function post(url: string, email: string): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${url}/api/v1/org/acme/invitations`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-owner', 'content-type': 'application/json', 'idempotency-key': email },
    body: JSON.stringify({ email, role: 'reader' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, id: body.id };
}

const tempFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('sandbox --data under kill -9', () => {
  it('keeps every acknowledged invitation and leaves no temp file', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-kill-'));
    const dataFile = join(dir, 'sandbox.jsonl');
    const random = seededRandom(20261128);
    const acknowledged = new Map<string, string>();
    let next = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = startSandbox(dataFile);
      const kill = () => child.kill('SIGKILL');
      // Some kills land while it starts (and compacts), the rest while POSTs are in flight.
      let killer = round % 4 === 1 ? setTimeout(kill, random() * 400) : undefined;
      const base = await url.catch(() => undefined);
      if (base) {
        killer ??= setTimeout(kill, 50 + random() * 1000);
        expect(tempFiles(dir)).toEqual([]);
        const workers = Array.from({ length: IN_FLIGHT }, async () => {
          while (child.exitCode === null && child.signalCode === null) {
            const email = `kill.${next++}@acme.test`;
            const answer = await post(base, email).catch(() => undefined);
            if (answer?.status === 200 && answer.id) acknowledged.set(email, answer.id);
            else if (answer) expect(answer.status).toBe(200);
          }
        });
        await Promise.all(workers);
      }
      clearTimeout(killer);
      if (child.exitCode === null && child.signalCode === null) await once(child, 'close');
    }

    const { child, url } = startSandbox(dataFile);
    try {
      const base = await url;
      expect(tempFiles(dir)).toEqual([]);
      expect(acknowledged.size).toBeGreaterThan(ROUNDS);
      const list = await fetch(`${base}/api/v1/org/acme/invitations`, {
        headers: { authorization: 'Bearer demo-owner' },
      });
      const invitations = (await list.json()) as { id: string; email: string }[];
      const byEmail = new Map(invitations.map((invitation) => [invitation.email, invitation.id]));
      const lost = [...acknowledged].filter(([email, id]) => byEmail.get(email) !== id);
      expect(lost).toEqual([]);
      expect(new Set(invitations.map((invitation) => invitation.id)).size).toBe(invitations.length);
      // The key went to disk with its invitation: a retry is answered from it, not refused as a duplicate.
      const [email, id] = [...acknowledged].at(-1) ?? [];
      expect(await post(base, email ?? '')).toEqual({ status: 200, id });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
