// The shared batch sender: extra passes with the same key (for the TUI too), a journal that fails
// mid-run, and an answer the server replayed for an earlier send.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { REPLAYED_ANSWER } from '../../src/api/retry-policy.js';
import { sendBatch, type BatchEvent, type BatchRow } from '../../src/invites/send-batch.js';
import { JournalWriteError, memoryJournal, type Journal } from '../../src/journal/journal.js';
import { clientFor, startTestSandbox } from '../helpers/sandbox.js';
import { sendThroughTui } from '../helpers/tui.js';

const rows = (prefix: string, count: number): BatchRow[] =>
  Array.from({ length: count }, (_, i) => ({
    email: `${prefix}.${i}@acme.test`,
    role: 'reader' as const,
    idempotencyKey: `${prefix}-key-${i}`,
  }));

describe('the batch sender', () => {
  it('gives rows that failed with 502 more passes, with their key: the TUI gets them too', async () => {
    const sandbox = await startTestSandbox({ faults: '502-after@POST#1,502-after@POST#2,502-after@POST#3' });
    try {
      const app = await sendThroughTui({ url: sandbox.url, address: 'passes@acme.test' });
      expect(app.frame()).toContain('Result 1 sent');
      const keys = new Set(app.journal.entries.map((entry) => entry.idempotency_key));
      expect(keys.size).toBe(1);
      expect(sandbox.store.invitationsOf('acme').filter((i) => i.email === 'passes@acme.test')).toHaveLength(1);
      app.unmount();
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it('a journal that fails mid-run: in-flight rows still report their outcome, the rest never start', async () => {
    const sandbox = await startTestSandbox({ latencyMs: 30 });
    try {
      const inner = memoryJournal();
      let writes = 0;
      const failing: Journal = {
        scan: inner.scan,
        append(entry) {
          if (++writes > 10) throw new JournalWriteError('/full/journal.jsonl', 'ENOSPC');
          inner.append(entry);
        },
      };
      const events: BatchEvent<BatchRow>[] = [];
      const result = await sendBatch({
        client: clientFor(sandbox),
        org: 'acme',
        sendEmail: true,
        rows: rows('full', 30),
        concurrency: 4,
        journal: { journal: failing, api: sandbox.url, source: 'send', run: 'r' },
        onEvent: (event) => events.push(event),
      });
      expect(result.journalError?.code).toBe('ENOSPC');
      const started = events.filter((event) => event.type === 'started').length;
      const finished = events.filter((event) => event.type === 'sent' || event.type === 'failed').length;
      expect(finished).toBe(started);
      expect(started + result.notStarted.length).toBe(30);
      // Every row the server saw was started (journaled) first.
      expect(sandbox.store.invitationsOf('acme').filter((i) => i.email.startsWith('full.'))).toHaveLength(started);
    } finally {
      await sandbox.close();
    }
  });

  it('an answer the server replayed for an earlier send is not a new invitation', async () => {
    // A server that answers every POST with the same, week-old invitation.
    const old = {
      id: 'inv_revoked_long_ago',
      email: 'replay@acme.test',
      role: 'reader',
      status: 'pending',
      created_at: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    };
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(old));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const events: BatchEvent<BatchRow>[] = [];
      await sendBatch({
        client: createClient({ baseUrl: url, token: 't' }),
        org: 'acme',
        sendEmail: true,
        rows: [{ email: 'replay@acme.test', role: 'reader', idempotencyKey: 'k' }],
        concurrency: 1,
        onEvent: (event) => events.push(event),
      });
      const failed = events.find((event) => event.type === 'failed');
      expect(failed?.type === 'failed' && failed.error.type).toBe(REPLAYED_ANSWER);
      expect(events.some((event) => event.type === 'sent')).toBe(false);
      // An id the journal has seen created, even a fresh one, is not new either.
      old.created_at = new Date().toISOString();
      const again: BatchEvent<BatchRow>[] = [];
      await sendBatch({
        client: createClient({ baseUrl: url, token: 't' }),
        org: 'acme',
        sendEmail: true,
        rows: [{ email: 'replay@acme.test', role: 'reader', idempotencyKey: 'k2' }],
        concurrency: 1,
        knownInvitationIds: new Set(['inv_revoked_long_ago']),
        onEvent: (event) => again.push(event),
      });
      expect(again.some((event) => event.type === 'sent')).toBe(false);
    } finally {
      server.close();
    }
  });
});
