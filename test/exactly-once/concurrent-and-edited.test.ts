// Two runs of one file at once, and a CSV edited between a crash and the re-run, on servers
// that do not refuse a second pending invitation.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/commands/exit-codes.js';
import { readJournalFile } from '../../src/journal/journal.js';
import { historyPath } from '../../src/journal/rotate.js';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { addresses, histogram, invitationsPerAddress, killAfterSent, writeCsv } from '../helpers/exactly-once.js';
import { startTestSandbox } from '../helpers/sandbox.js';

describe('two runs of one file at once', () => {
  it.each([
    ['one journal', false],
    ['two journals', true],
  ])(
    '%s: one sends, the other refuses with exit 13 before sending anything',
    async (_, twoJournals) => {
      const sandbox = await startTestSandbox({ latencyMs: 20, pendingConflict: false, ignoreIdempotencyKey: true });
      try {
        const { env, root } = cliHome(sandbox.url);
        const emails = addresses('twice', 100);
        const file = writeCsv(`${root}/rows.csv`, emails);
        const args = (n: number) => [
          'send',
          '--org',
          'acme',
          '--from',
          file,
          '--json',
          ...(twoJournals ? ['--journal', `${root}/journal-${n}.jsonl`] : []),
        ];
        const [first, second] = await Promise.all([runCli(args(1), env), runCli(args(2), env)]);
        const codes = [first.code, second.code].sort();
        expect(codes).toEqual([0, EXIT.busy]);
        const refused = first.code === EXIT.busy ? first : second;
        expect(refused.stderr).toMatch(/is sending some of these rows right now\. Nothing was sent/);
        expect(refused.stderr).not.toMatch(/\n\s+at /);
        const perAddress = histogram(invitationsPerAddress(sandbox, 'twice'), emails);
        console.log(
          `two concurrent runs (${_}), no 409, key ignored: invitations per address ${JSON.stringify(perAddress)}`,
        );
        expect(perAddress).toEqual({ 1: 100 });
      } finally {
        await sandbox.close();
      }
    },
    60_000,
  );
});

describe('unrelated runs share one journal', () => {
  it('four runs of different rows at once: all send, no record is torn', async () => {
    const sandbox = await startTestSandbox({ latencyMs: 10, pendingConflict: false });
    try {
      const { env, root, journal } = cliHome(sandbox.url);
      const files = [0, 1, 2, 3].map((n) => writeCsv(`${root}/rows-${n}.csv`, addresses(`share${n}`, 40)));
      const results = await Promise.all(
        files.map((file) => runCli(['send', '--org', 'acme', '--from', file, '--json'], env)),
      );
      expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0]);
      // A run that starts after another finished moves the finished run's records to the
      // history (under load the four need not overlap), so both files are read.
      const reads = [readJournalFile(journal), readJournalFile(historyPath(journal))];
      expect(reads.map((read) => read.skipped)).toEqual([0, 0]);
      const sent = reads.flatMap((read) => read.entries).filter((entry) => entry.event === 'sent');
      expect(sent).toHaveLength(160);
      for (const n of [0, 1, 2, 3])
        expect(histogram(invitationsPerAddress(sandbox, `share${n}`), addresses(`share${n}`, 40))).toEqual({ 1: 40 });
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});

describe('a CSV edited between a crash and the re-run', () => {
  it.each([
    ['no 409, no listing (keys honoured)', { pendingConflict: false, minimal: true }],
    ['no 409, keys ignored (the list tells)', { pendingConflict: false, ignoreIdempotencyKey: true }],
  ])(
    '%s: reordered, a bad row fixed, case changed — every key kept',
    async (name, options) => {
      const sandbox = await startTestSandbox({ latencyMs: 25, ...options });
      try {
        const { env, root, journal } = cliHome(sandbox.url);
        const emails = addresses('edit', 80);
        const file = `${root}/rows.csv`;
        // Line 41 is broken; the rest go.
        writeCsv(
          file,
          emails.map((email, i) => (i === 40 ? 'edit.40-at-acme.test' : email)),
        );
        const args = ['send', '--org', 'acme', '--from', file, '--json'];
        await killAfterSent(args, env, journal, 30);
        const sentBefore = invitationsPerAddress(sandbox, 'edit').size;

        // Fix the bad row, reverse the order, shout one address.
        const fixed = readFileSync(file, 'utf8')
          .replace('edit.40-at-acme.test', 'edit.40@acme.test')
          .replace('edit.3@acme.test', 'EDIT.3@ACME.TEST')
          .split('\n');
        writeFileSync(file, [fixed[0], ...fixed.slice(1).reverse()].join('\n'));
        const rerun = await runCli(args, env);
        expect(rerun.code).toBe(0);
        expect(rerun.stderr).toMatch(/Resuming the unfinished run/);
        const results = rerun.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        const skipped = results.filter((row) => row.skipped?.startsWith('already sent by the unfinished run'));
        expect(skipped.length).toBeGreaterThan(0);
        expect(skipped.length).toBeLessThanOrEqual(sentBefore);
        const perAddress = histogram(invitationsPerAddress(sandbox, 'edit'), emails);
        console.log(`edited CSV after kill -9 (${name}): invitations per address ${JSON.stringify(perAddress)}`);
        expect(perAddress).toEqual({ 1: 80 });
      } finally {
        await sandbox.close();
      }
    },
    60_000,
  );
});
