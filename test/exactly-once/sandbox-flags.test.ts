// The sandbox flags that take away its conveniences, so exactly-once tests can fail.
import { describe, expect, it } from 'vitest';
import { rawRequest, startTestSandbox } from '../helpers/sandbox.js';

const invite = (email: string, key: string) => ({
  body: JSON.stringify({ email, role: 'reader' }),
  headers: { 'idempotency-key': key },
});

describe('sandbox flags for servers without the conveniences', () => {
  it('by default: a repeated key is replayed, a second pending invitation is a 409', async () => {
    const sandbox = await startTestSandbox();
    try {
      const first = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k1'));
      const replay = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k1'));
      expect(replay.body.id).toBe(first.body.id);
      const second = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k2'));
      expect(second.status).toBe(409);
    } finally {
      await sandbox.close();
    }
  });

  it('--no-pending-conflict: a second key for a pending address creates a second invitation', async () => {
    const sandbox = await startTestSandbox({ pendingConflict: false });
    try {
      await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k1'));
      const second = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k2'));
      expect(second.status).toBe(200);
      const replay = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k2'));
      expect(replay.body.id).toBe(second.body.id);
      expect(sandbox.store.invitationsOf('acme').filter((i) => i.email === 'f@acme.test')).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });

  it('--ignore-idempotency-key (with --no-pending-conflict): the same key twice creates twice', async () => {
    const sandbox = await startTestSandbox({ pendingConflict: false, ignoreIdempotencyKey: true });
    try {
      const first = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k1'));
      const again = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', invite('f@acme.test', 'k1'));
      expect(again.body.id).not.toBe(first.body.id);
      expect(sandbox.store.invitationsOf('acme').filter((i) => i.email === 'f@acme.test')).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });
});
