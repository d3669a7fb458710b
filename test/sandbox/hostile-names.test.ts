// Names a client chooses (tokens, org keys, invitation ids, idempotency keys) are looked up in
// maps, never as properties of plain objects: `constructor` is just an unknown name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/sandbox/faults.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('names that are Object.prototype properties', () => {
  it.each(PROTOTYPE_NAMES)('Bearer %s is refused with 401 on every endpoint', async (name) => {
    for (const [method, path] of [
      ['GET', '/api/v1/org'],
      ['GET', '/api/v1/org/acme/invitations'],
      ['POST', '/api/v1/org/acme/invitations'],
      ['GET', '/api/v1/invitations/me'],
    ] as const) {
      const answer = await rawRequest(sandbox, method, path, {
        token: name,
        body: method === 'POST' ? JSON.stringify({ email: 'x@acme.test', role: 'reader' }) : undefined,
      });
      expect(answer, `${method} ${path}`).toMatchObject({ status: 401, body: { type: 'authentication_error' } });
    }
    expect((await rawRequest(sandbox, 'GET', '/api/v1/org', { token: `demo-invitee:${name}` })).status).toBe(401);
  });

  it.each(PROTOTYPE_NAMES)('an org key, invitation id or member address %s is simply unknown', async (name) => {
    expect((await rawRequest(sandbox, 'GET', `/api/v1/org/${name}`)).status).toBe(404);
    expect((await rawRequest(sandbox, 'GET', `/api/v1/org/${name}/members`)).status).toBe(404);
    const posted = await rawRequest(sandbox, 'POST', `/api/v1/org/${name}/invitations`, {
      body: JSON.stringify({ email: 'x@acme.test', role: 'reader' }),
    });
    expect(posted.status).toBe(404);
    expect((await rawRequest(sandbox, 'DELETE', `/api/v1/org/acme/invitations/${name}`)).status).toBe(404);
    const responded = await rawRequest(sandbox, 'POST', `/api/v1/invitations/${name}/respond`, {
      body: JSON.stringify({ accept: true }),
    });
    expect(responded.status).toBe(404);
  });

  it.each(PROTOTYPE_NAMES)('Idempotency-Key %s is a fresh key, then replays', async (name) => {
    const headers = { 'idempotency-key': name };
    const body = JSON.stringify({ email: `key.${name.replaceAll('_', '')}@acme.test`, role: 'reader' });
    const first = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', { body, headers });
    expect(first.status).toBe(200);
    const again = await rawRequest(sandbox, 'POST', '/api/v1/org/acme/invitations', { body, headers });
    expect(again.body).toEqual(first.body);
  });

  it('a fault kind named constructor is unknown', () => {
    expect(() => parseFaultSpec('constructor')).toThrow('Unknown fault "constructor"');
  });
});
