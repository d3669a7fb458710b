// What the exactly-once tests share: rows to send, and the count that matters — invitations per
// address, read from the sandbox's own store, which a server without the 409 rule would not hide.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { readJournal } from '../../src/journal/journal.js';
import { spawnCli } from './cli.js';
import type { TestSandbox } from './sandbox.js';
import { waitUntil } from './wait.js';

export function addresses(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.${i}@acme.test`);
}

export function writeCsv(file: string, emails: string[], role = 'reader'): string {
  writeFileSync(file, ['email,role', ...emails.map((email) => `${email},${role}`)].join('\n'));
  return file;
}

/** Every invitation the sandbox holds for each address with this prefix. */
export function invitationsPerAddress(sandbox: TestSandbox, prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const invitation of sandbox.store.invitationsOf('acme'))
    if (invitation.email.startsWith(`${prefix}.`))
      counts.set(invitation.email, (counts.get(invitation.email) ?? 0) + 1);
  return counts;
}

/** How many addresses have 0, 1, 2 … invitations: `{1: 60}` is the only good answer. */
export function histogram(counts: Map<string, number>, all: string[]): Record<number, number> {
  const result: Record<number, number> = {};
  for (const email of all) {
    const count = counts.get(email) ?? 0;
    result[count] = (result[count] ?? 0) + 1;
  }
  return result;
}

/** Starts a send and kills it with SIGKILL once the journal shows `sent` sent rows. */
export async function killAfterSent(args: string[], env: NodeJS.ProcessEnv, journal: string, sent: number) {
  const child = spawnCli(args, env);
  let exited = false;
  child.once('close', () => (exited = true));
  await waitUntil(
    () => exited || readJournal(journal).filter((entry) => entry.event === 'sent').length >= sent,
    30_000,
    `${sent} rows sent`,
  );
  child.kill('SIGKILL');
  if (!exited) await once(child, 'close');
}
