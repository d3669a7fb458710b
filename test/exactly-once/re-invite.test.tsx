// Sending an address again is a new intent: after a revoke, with another role, after a finished
// run — a new key and a new invitation, in the CLI and the TUI. And a send identical to one with
// no outcome goes with that one's key, and the TUI says so.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RowClaims } from '../../src/journal/claims.js';
import { intentId } from '../../src/journal/intents.js';
import { REUSED_KEY_NOTE } from '../../src/tui/hooks/use-invitation-sender.js';
import { runCli } from '../helpers/cli.js';
import { cliHome } from '../helpers/cli-env.js';
import { ENTER } from '../helpers/keys.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { renderApp, sendThroughTui, walkToReview } from '../helpers/tui.js';

const invitationsOf = (sandbox: TestSandbox, email: string) =>
  sandbox.store.invitationsOf('acme').filter((invitation) => invitation.email === email);

async function revoke(sandbox: TestSandbox, id: string) {
  const { status } = await rawRequest(sandbox, 'DELETE', `/api/v1/org/acme/invitations/${id}`);
  expect(status).toBe(204);
}

describe('the TUI and another process', () => {
  it('an address another live process is sending is skipped, never sent; the claim is given back after', async () => {
    const sandbox = await startTestSandbox();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'invite-tui-claims-'));
      const api = new URL(sandbox.url).href;
      const intent = { api, org: 'acme', role: 'reader', sendEmail: true };
      // A CLI run (here: the test runner's parent, a live process) holds the row.
      const cli = new RowClaims(dir);
      await cli.claimAll([intentId({ ...intent, email: 'held@acme.test' })]);
      for (const name of readdirSync(dir)) writeFileSync(join(dir, name), `${process.ppid} ${hostname()} now\n`);

      const app = renderApp({ url: sandbox.url, claims: new RowClaims(dir) });
      await walkToReview(app, { text: 'held@acme.test free@acme.test', toSend: 2 });
      await app.press(ENTER);
      await app.waitFor(/Result 1 sent · 1 skipped/);
      expect(invitationsOf(sandbox, 'held@acme.test')).toHaveLength(0);
      expect(invitationsOf(sandbox, 'free@acme.test')).toHaveLength(1);
      // Only the other process's claim is left.
      expect(readdirSync(dir)).toHaveLength(1);
      app.unmount();
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});

describe('re-invite after a revoke', () => {
  it('CLI: the same command after a revoke creates a new invitation (a new key), with and without --force', async () => {
    const sandbox = await startTestSandbox();
    try {
      const { env } = cliHome(sandbox.url);
      const args = ['send', '--org', 'acme', '--role', 'reader', 'again@acme.test', '--json'];
      const ids: string[] = [];
      for (const extra of [[], [], ['--force']]) {
        const result = await runCli([...args, ...extra], env);
        expect(result.code).toBe(0);
        const line = JSON.parse(result.stdout.trim());
        expect(line.ok).toBe(true);
        expect(line.invitation.id).toBeDefined();
        ids.push(line.invitation.id);
        expect(invitationsOf(sandbox, 'again@acme.test').map((invitation) => invitation.id)).toEqual([
          line.invitation.id,
        ]);
        await revoke(sandbox, line.invitation.id);
      }
      console.log(`CLI re-invite after revoke ×3: ${new Set(ids).size} distinct invitations`);
      expect(new Set(ids).size).toBe(3);
      // Another role is another intent too: no "key reused" 422.
      const owner = await runCli(['send', '--org', 'acme', '--role', 'owner', 'again@acme.test', '--json'], env);
      expect(owner.code).toBe(0);
      expect(JSON.parse(owner.stdout.trim()).invitation.role).toBe('owner');
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('TUI: send, revoke, send the same address again → a second, new invitation', async () => {
    const sandbox = await startTestSandbox();
    try {
      const app = await sendThroughTui({ url: sandbox.url, address: 'tui.again@acme.test' });
      const [first] = invitationsOf(sandbox, 'tui.again@acme.test');
      expect(first).toBeDefined();
      await revoke(sandbox, first!.id);

      await app.press('n');
      await app.waitFor('Who should be invited');
      await app.press('tui.again@acme.test');
      await app.waitFor('1 to send');
      await app.press(ENTER);
      await app.waitFor('Which role');
      await app.press(ENTER);
      await app.waitFor('Enter sends');
      await app.press(ENTER);
      await app.waitFor(/Result 1 sent/);
      const [second] = invitationsOf(sandbox, 'tui.again@acme.test');
      expect(second?.id).toBeDefined();
      expect(second!.id).not.toBe(first!.id);
      expect(app.frame()).toContain(second!.id);
      expect(app.frame()).not.toContain(first!.id);
      const keys = new Set(
        app.journal.entries.filter((entry) => entry.event === 'attempt').map((entry) => entry.idempotency_key),
      );
      expect(keys.size).toBe(2);
      console.log('TUI re-invite after revoke: 2 distinct invitations, 2 keys');
      app.unmount();
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('TUI: an identical send whose last attempt has no outcome goes with that key, and says so', async () => {
    const sandbox = await startTestSandbox();
    try {
      const app = renderApp({ url: sandbox.url });
      const key = 'earlier-attempt-key-0001';
      app.journal.append({
        event: 'attempt',
        api: new URL(sandbox.url).href,
        source: 'send',
        run: 'r1',
        org: 'acme',
        email: 'unconfirmed@acme.test',
        role: 'reader',
        send_email: true,
        idempotency_key: key,
      });
      await walkToReview(app, { text: 'unconfirmed@acme.test' });
      await app.press(ENTER);
      await app.waitFor(/Result 1 sent/);
      expect(app.frame()).toContain(REUSED_KEY_NOTE.slice(0, 30));
      // The server saw that key: had the earlier attempt created the invitation, this was its replay.
      expect(sandbox.store.idempotencyRecord(`demo-owner\n${key}`, Date.now())).toBeDefined();
      expect(invitationsOf(sandbox, 'unconfirmed@acme.test')).toHaveLength(1);
      app.unmount();
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
