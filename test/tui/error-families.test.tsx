// Each error family, as the status panel shows it: the envelope as sent, and one line of next step.
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER, ESC } from '../helpers/keys.js';
import { joinAsMember, rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { normalizeFrame, renderApp, sendThroughTui, walkToReview } from '../helpers/tui.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const result = (frame: string) => normalizeFrame(frame).split('\n').slice(3).join('\n');

describe('error families in the TUI', () => {
  it('401: the org list says the token failed', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url, token: 'expired-token' });
    expect(result(await app.waitFor('401 Unauthorized'))).toMatchInlineSnapshot(`
      "Could not load your organizations:
      ✗ 401 Unauthorized · authentication_error
        Authentication failed
      Press r to try again.

      r reload · q quit · ? help"
    `);
    app.unmount();
  });

  it('403: external invites off', async () => {
    sandbox = await startTestSandbox();
    const app = await sendThroughTui({ url: sandbox.url, address: 'someone@example.com', downs: 1 });
    expect(result(await app.waitFor('403 Forbidden'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 403 Forbidden · forbidden
        External invitations are switched off for globex: only @globex.test addresses
        can be invited
      → You need the owner role here, or external invites are switched off for this
        org.

      n new · tab send/browse · q quit · ? help"
    `);
    app.unmount();
  });

  it('404: the org vanished; Esc goes back to pick another', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    sandbox.store.state.orgs.splice(0, 1); // acme is deleted after the list was shown
    await app.press(ENTER);
    await app.press('ada.new@acme.test');
    await app.waitFor('1 to send');
    await app.press(ENTER, ENTER);
    await app.waitFor('Enter sends');
    await app.press(ENTER);
    expect(result(await app.waitFor('404 Not Found'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 404 Not Found · not_found
        Organization "acme" not found
      → Organization not found: press Esc and pick another.

      esc other org · n new · tab send/browse · q quit · ? help"
    `);
    await app.press(ESC);
    await app.waitFor('Choose an organization');
    app.unmount();
  });

  it('409: already a member (joined after the lists were read); b opens Browse on that address', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, { text: 'late.member@acme.test' });
    await joinAsMember(sandbox, 'acme', 'late.member@acme.test');
    await app.press(ENTER);
    expect(result(await app.waitFor('409 Conflict'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 409 Conflict · already_exists
        late.member@acme.test is already a member of acme
      → Already invited or a member: press b to open it in Browse.

      b browse · n new · tab send/browse · q quit · ? help"
    `);
    await app.press('b');
    await app.waitFor('Browse invitations');
    await app.waitFor('“late.member@acme.test”');
    app.unmount();
  });

  it('409: Enter on Review before the members list has loaded sends, and the server decides', async () => {
    sandbox = await startTestSandbox({ faults: 'latency=3000@GET' });
    const app = renderApp({ url: sandbox.url, client: { timeoutMs: 10_000 } });
    await app.waitFor('Choose an organization', 10_000);
    await app.burst(ENTER);
    await app.waitFor('Who should be invited');
    await app.burst('ada.lovelace@acme.test', ENTER, ENTER);
    const review = await app.waitFor('Enter sends the invitation');
    // Nothing is known yet, so nothing is skipped, and nothing is said to be unchecked.
    expect(review).toContain('Addresses     1\n');
    expect(review).not.toContain('Not checked');
    await app.press(ENTER);
    expect(await app.waitFor('409 Conflict', 10_000)).toContain('ada.lovelace@acme.test is already a member of acme');
    app.unmount();
  });

  it('422: f goes back to the address field with the server message beside it', async () => {
    sandbox = await startTestSandbox({ faults: '422@POST' });
    const app = await sendThroughTui({ url: sandbox.url, address: 'blocked@acme.test' });
    expect(result(await app.waitFor('422 Unprocessable Entity'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 422 Unprocessable Entity · validation_error
        Validation error
        body.email: this address is blocked by the organization policy (value_error)
      → Press f to fix the address and send again.

      f fix · n new · tab send/browse · q quit · ? help"
    `);
    await app.press('f');
    expect(result(await app.waitFor('↳ server'))).toMatchInlineSnapshot(`
      "Who should be invited to Acme Corp?
      Paste one or many: commas, spaces or new lines; “Name <addr>” works.
      Addresses: blocked@acme.test
        ↳ server: this address is blocked by the organization policy
      1 to send

      enter next · esc back · tab send/browse"
    `);
    app.unmount();
  });

  it('426: the server wants a newer client', async () => {
    sandbox = await startTestSandbox({ minClientVersion: '99.0.0' });
    const app = renderApp({ url: sandbox.url });
    expect(result(await app.waitFor('426 Upgrade Required'))).toContain('too old for this server');
    app.unmount();
  });

  it('429: a countdown while paused, then the invitation is sent', async () => {
    sandbox = await startTestSandbox({ faults: '429=2@POST#1' });
    const app = await sendThroughTui({ url: sandbox.url, address: 'patient@acme.test', until: 'resuming in' });
    expect(app.frame()).toMatch(/Rate limited by the server: sending paused, resuming in [12]s/);
    await app.waitFor('Result 1 sent');
    app.unmount();
  });

  it('500: the envelope, and r to retry', async () => {
    sandbox = await startTestSandbox({ faults: '500@POST' });
    const app = await sendThroughTui({ url: sandbox.url, address: 'server.error@acme.test' });
    expect(result(await app.waitFor('500 Internal Server Error'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 500 Internal Server Error · internal_error
        Internal server error
      → The server or network failed. Press r to retry (safe: the same Idempotency-Key
         is reused).

      r retry · n new · tab send/browse · q quit · ? help"
    `);
    app.unmount();
  });

  it('HTML 502 through every attempt of every pass, then r retries with the same key: exactly one invitation', async () => {
    // Three attempts in each of the batch sender's three passes.
    const faults = Array.from({ length: 9 }, (_, i) => `502-after@POST#${i + 1}`).join(',');
    sandbox = await startTestSandbox({ faults });
    const app = await sendThroughTui({ url: sandbox.url, address: 'exactly.once@acme.test' });
    expect(result(await app.waitFor('502 Bad Gateway'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ 502 Bad Gateway · after 3 attempts
        The server sent an HTML page ("502 Bad Gateway"), not JSON; a proxy or gateway
         may be in the way
      → The server or network failed. Press r to retry (safe: the same Idempotency-Key
         is reused).

      r retry · n new · tab send/browse · q quit · ? help"
    `);
    await app.press('r');
    await app.waitFor('Result 1 sent');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
    expect(body.filter((invitation: { email: string }) => invitation.email === 'exactly.once@acme.test')).toHaveLength(
      1,
    );
    const keys = new Set(
      app.journal.entries.filter((entry) => entry.event === 'attempt').map((entry) => entry.idempotency_key),
    );
    expect(keys.size).toBe(1);
    app.unmount();
  });

  it('HTML 504 from a gateway', async () => {
    sandbox = await startTestSandbox({ faults: '504@POST' });
    const app = await sendThroughTui({ url: sandbox.url, address: 'gateway@acme.test' });
    expect(result(await app.waitFor('504 Gateway Timeout'))).toContain(
      'The server sent an HTML page ("504 Gateway Time-out")',
    );
    app.unmount();
  });

  it('timeout: no answer in time', async () => {
    sandbox = await startTestSandbox({ faults: 'hang@POST' });
    const app = await sendThroughTui({ url: sandbox.url, address: 'slow@acme.test', client: { timeoutMs: 200 } });
    expect(result(await app.waitFor('Timed out'))).toMatchInlineSnapshot(`
      "Result 0 sent · 1 failed
      ✗ Timed out · after 3 attempts
        No complete answer from 127.0.0.1:PORT in time (the request timed out)
      → The server or network failed. Press r to retry (safe: the same Idempotency-Key
         is reused).

      r retry · n new · tab send/browse · q quit · ? help"
    `);
    app.unmount();
  });
});
