// kill -9 at several points of one bulk run, then the same command until it finishes: every
// address gets exactly one invitation — on a server without the 409 rule and without
// Idempotency-Key too, where only the journal (and the server's list) stand between a resume
// and a duplicate.
import { describe, expect, it } from 'vitest';
import { JournalIndex } from '../../src/journal/intents.js';
import { readJournal } from '../../src/journal/journal.js';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { addresses, histogram, invitationsPerAddress, killAfterSent, writeCsv } from '../helpers/exactly-once.js';
import { startTestSandbox } from '../helpers/sandbox.js';

const ROWS = 60;
const KILL_POINTS = [6, 14, 22, 30, 38];

const SERVERS: [string, SandboxOptions][] = [
  ['the full sandbox', {}],
  ['no 409 for a pending address', { pendingConflict: false }],
  ['no 409 and Idempotency-Key ignored', { pendingConflict: false, ignoreIdempotencyKey: true }],
];

describe.each(SERVERS)('kill -9 loop against %s', (name, options) => {
  it(`${KILL_POINTS.length} kill points, then the same command: each of ${ROWS} addresses invited once`, async () => {
    const sandbox = await startTestSandbox({ latencyMs: 25, ...options });
    try {
      const { env, root, journal } = cliHome(sandbox.url);
      const emails = addresses('kill', ROWS);
      const args = ['send', '--org', 'acme', '--from', writeCsv(`${root}/rows.csv`, emails), '--json'];
      for (const sent of KILL_POINTS) await killAfterSent(args, env, journal, sent);
      const final = await runCli(args, env);
      expect(final.stderr).not.toMatch(/\n\s+at /);
      expect(final.code).toBe(0);
      const perAddress = histogram(invitationsPerAddress(sandbox, 'kill'), emails);
      console.log(`kill -9 × ${KILL_POINTS.length}, ${name}: invitations per address ${JSON.stringify(perAddress)}`);
      expect(perAddress).toEqual({ 1: ROWS });
      // The final run resumed: it says so, and it reports every row.
      expect(final.stderr).toMatch(/Resuming the unfinished run/);
      expect(final.stdout.trim().split('\n')).toHaveLength(ROWS);
      // Once finished, the same command is a new run: nothing is skipped as "already sent".
      const again = await runCli(args, env);
      expect(again.stderr).not.toMatch(/Resuming/);
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});

describe('kill -9 loop against a server with none of the conveniences (no 409, no key, no list)', () => {
  it('what is unknowable stays bounded: duplicates only among rows in flight at a kill', async () => {
    const sandbox = await startTestSandbox({
      latencyMs: 25,
      pendingConflict: false,
      ignoreIdempotencyKey: true,
      minimal: true,
    });
    try {
      const { env, root, journal } = cliHome(sandbox.url);
      const emails = addresses('blind', ROWS);
      const args = ['send', '--org', 'acme', '--from', writeCsv(`${root}/rows.csv`, emails), '--json'];
      let inFlightAtKills = 0;
      for (const sent of KILL_POINTS) {
        await killAfterSent(args, env, journal, sent);
        inFlightAtKills += [...JournalIndex.of(readJournal(journal)).intents.values()].filter(
          (intent) => intent.state === 'open',
        ).length;
      }
      const final = await runCli(args, env);
      expect(final.code).toBe(0);
      const counts = invitationsPerAddress(sandbox, 'blind');
      const perAddress = histogram(counts, emails);
      const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
      console.log(
        `kill -9 × ${KILL_POINTS.length}, no 409, no key, no list: invitations per address ${JSON.stringify(perAddress)}; ${inFlightAtKills} row(s) were in flight at the kills`,
      );
      expect(perAddress[0]).toBeUndefined();
      expect(duplicates).toBeLessThanOrEqual(inFlightAtKills);
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});
