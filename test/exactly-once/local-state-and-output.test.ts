// A journal cut off by a crash, a journal that cannot be written, and output that closes: each
// ends cleanly, with a message and a stable exit code, never a stack trace.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/commands/exit-codes.js';
import { readJournalFile } from '../../src/journal/journal.js';
import { CLI_PATH, cleanEnv, runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { addresses, histogram, invitationsPerAddress, writeCsv } from '../helpers/exactly-once.js';
import { rawRequest, startTestSandbox } from '../helpers/sandbox.js';

const STACK = /\n\s+at /;

/** Runs `invite-tui ARGS | READER` in bash; the CLI's exit status comes back in the result. */
async function piped(args: string[], reader: string, env: NodeJS.ProcessEnv) {
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  const child = spawn(
    'bash',
    ['-c', `'${process.execPath}' '${CLI_PATH}' ${quoted} ${reader}; echo "exit=\${PIPESTATUS[0]}" >&2`],
    { env: cleanEnv(env) },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  await once(child, 'close');
  const code = Number(/exit=(\d+)/.exec(stderr)?.[1]);
  return { code, stdout, stderr: stderr.replace(/exit=\d+\n$/, '') };
}

describe('a journal cut off by a crash', () => {
  it('heals: the cut-off line and a null are skipped and counted, the row in flight keeps its key', async () => {
    const sandbox = await startTestSandbox({ pendingConflict: false });
    try {
      const { env, journal } = cliHome(sandbox.url);
      mkdirSync(dirname(journal), { recursive: true });
      const api = new URL(sandbox.url).href;
      const base = { api, org: 'acme', source: 'send', run: 'crashed', at: new Date().toISOString() };
      const row = { ...base, email: 'cut.0@acme.test', role: 'reader', send_email: true };
      writeFileSync(
        journal,
        [
          JSON.stringify({ ...base, event: 'start' }),
          JSON.stringify({ ...row, event: 'attempt', idempotency_key: 'key-in-flight' }),
          'null',
          JSON.stringify({ ...row, event: 'sent', idempotency_key: 'key-in-flight' }).slice(0, 70),
        ].join('\n'),
      );
      const result = await runCli(
        ['send', '--org', 'acme', '--role', 'reader', 'cut.0@acme.test', 'cut.1@acme.test'],
        env,
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('journal: 2 line(s) that are not records were skipped');
      expect(result.stderr).toMatch(/Resuming the unfinished run .* 1 row\(s\) without a confirmed outcome go again/);
      expect(sandbox.store.idempotencyRecord('demo-owner\nkey-in-flight', Date.now())).toBeDefined();
      const read = readJournalFile(journal);
      expect(read.skipped).toBe(2);
      expect(read.entries.filter((entry) => entry.event === 'sent')).toHaveLength(2);
      expect(histogram(invitationsPerAddress(sandbox, 'cut'), addresses('cut', 2))).toEqual({ 1: 2 });
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});

describe('an attempt that was never confirmed', () => {
  it('is reported as sent when the server lists the invitation it created, and not sent again', async () => {
    const sandbox = await startTestSandbox({ pendingConflict: false, ignoreIdempotencyKey: true });
    try {
      const { env, journal } = cliHome(sandbox.url);
      mkdirSync(dirname(journal), { recursive: true });
      const api = new URL(sandbox.url).href;
      const base = { api, org: 'acme', source: 'send', run: 'crashed', at: new Date().toISOString() };
      writeFileSync(
        journal,
        [
          JSON.stringify({ ...base, event: 'start' }),
          JSON.stringify({
            ...base,
            event: 'attempt',
            email: 'seen@acme.test',
            role: 'reader',
            send_email: true,
            idempotency_key: 'k1',
          }),
          '',
        ].join('\n'),
      );
      // The attempt reached the server before the crash; its answer never came back.
      await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', {
        body: JSON.stringify({ email: 'seen@acme.test', role: 'reader', send_email: true }),
        headers: { 'idempotency-key': 'k1' },
      });
      const result = await runCli(['send', '--org', 'acme', '--role', 'reader', 'seen@acme.test', '--json'], env);
      expect(result.code).toBe(0);
      const line = JSON.parse(result.stdout.trim());
      expect(line).toMatchObject({ ok: true, note: 'created by an earlier attempt whose answer was never seen' });
      expect(sandbox.store.invitationsOf('acme').filter((i) => i.email === 'seen@acme.test')).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});

describe('a journal that cannot be written', () => {
  it.each([
    ['a full disk (ENOSPC)', '/dev/full', /ENOSPC: no space left on the device/],
    ['a path it may not write (EACCES)', '/sys/invite-tui-journal.jsonl', /EACCES: permission denied/],
  ])(
    '%s: exit 14, the path named, a hint, a --json line for every row, nothing sent',
    async (_, path, cause) => {
      const sandbox = await startTestSandbox();
      try {
        const { env } = cliHome(sandbox.url);
        const emails = addresses('nojournal', 3);
        const result = await runCli(
          ['send', '--org', 'acme', '--role', 'reader', '--journal', path, '--json', ...emails],
          env,
        );
        expect(result.code).toBe(EXIT.localState);
        expect(result.stderr).toContain(`cannot write the journal ${path}`);
        expect(result.stderr).toMatch(cause);
        expect(result.stderr).toContain('--journal FILE');
        expect(result.stderr).not.toMatch(STACK);
        const lines = result.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        expect(lines.map((line) => line.email).sort()).toEqual(emails);
        expect(lines.every((line) => line.ok === false && line.error.type === 'not_sent')).toBe(true);
        expect(invitationsPerAddress(sandbox, 'nojournal').size).toBe(0);
      } finally {
        await sandbox.close();
      }
    },
    30_000,
  );
});

describe('output that closes', () => {
  it('list | head -1 and orgs | head -1: quiet, exit 0', async () => {
    const sandbox = await startTestSandbox({ invitations: 3000 });
    try {
      const { env } = cliHome(sandbox.url);
      for (const args of [['list', '--org', 'acme'], ['list', '--org', 'acme', '--json'], ['orgs']]) {
        const result = await piped(args, '| head -1', env);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout.split('\n')).toHaveLength(2);
      }
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('list > /dev/full: one line, exit 1, no stack', async () => {
    const sandbox = await startTestSandbox({ invitations: 50 });
    try {
      const { env } = cliHome(sandbox.url);
      const result = await piped(['list', '--org', 'acme'], '> /dev/full', env);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('invite-tui: cannot write the output (ENOSPC: no space left on the device)\n');
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('send --json | head -1: stops starting rows, journals those in flight, summary on stderr, 130; the same command finishes', async () => {
    const sandbox = await startTestSandbox({ latencyMs: 40, pendingConflict: false, ignoreIdempotencyKey: true });
    try {
      const { env, root, journal } = cliHome(sandbox.url);
      const emails = addresses('closed', 50);
      const args = ['send', '--org', 'acme', '--from', writeCsv(`${root}/rows.csv`, emails), '--json'];
      const closed = await piped(args, '| head -1', env);
      expect(closed.code).toBe(EXIT.interrupted);
      expect(closed.stderr).toMatch(/Output closed: stopped starting rows/);
      expect(closed.stderr).toMatch(/\d+ sent, 0 skipped, 0 failed, \d+ not sent · journal:/);
      expect(closed.stderr).not.toMatch(STACK);
      const sentBefore = invitationsPerAddress(sandbox, 'closed').size;
      expect(sentBefore).toBeLessThan(50);
      // Every attempt that was started has its outcome in the journal.
      const entries = readJournalFile(journal).entries;
      const attempts = entries.filter((entry) => entry.event === 'attempt').length;
      const outcomes = entries.filter((entry) => entry.event === 'sent' || entry.event === 'failed').length;
      expect(outcomes).toBe(attempts);

      const rest = await runCli(args, env);
      expect(rest.code).toBe(0);
      expect(rest.stderr).toMatch(/Resuming the unfinished run/);
      const perAddress = histogram(invitationsPerAddress(sandbox, 'closed'), emails);
      console.log(
        `send --json | head -1: ${sentBefore} sent before the pipe closed; after the re-run ${JSON.stringify(perAddress)}`,
      );
      expect(perAddress).toEqual({ 1: 50 });
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
