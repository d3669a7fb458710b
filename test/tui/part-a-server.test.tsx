// Against a server that offers only part A (the documented invite endpoint; every other path a
// 404 in the envelope): the TUI takes a typed org key and sends, says what it cannot check, and
// shows only what the server answered.
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER, TAB } from '../helpers/keys.js';
import { startPartAServer } from '../helpers/part-a-server.js';
import { normalizeFrame, renderApp } from '../helpers/tui.js';

let server: Awaited<ReturnType<typeof startPartAServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const body = (frame: string) => normalizeFrame(frame).split('\n').slice(3).join('\n');

describe('a part-A-only server', () => {
  it('a typed org key walks addresses → role → review → send; the result shows only the role it answered', async () => {
    server = await startPartAServer();
    const app = renderApp({ url: server.url });
    await app.waitFor('Type the organization key');
    await app.press('acme', ENTER);
    expect(body(await app.waitFor('sending will tell'))).toMatchInlineSnapshot(`
      "Who should be invited to acme?
      ! acme: no such organization, or this server does not offer organization
      details; sending will tell.
      Paste one or many: commas, spaces or new lines; “Name <addr>” works.
      Addresses: ada@example.com
      0 to send

      enter next · esc back · tab send/browse"
    `);
    await app.press('ada@acme.test');
    await app.waitFor('1 to send');
    await app.press(ENTER, ENTER);
    await app.waitFor('Enter sends the invitation');
    await app.press(ENTER);
    expect(body(await app.waitFor('Result 1 sent'))).toMatchInlineSnapshot(`
      "Result 1 sent
      ✓ Invitation sent to ada@acme.test
        role reader

      n new · tab send/browse · q quit · ? help"
    `);
    expect(server.invited).toEqual([{ org: 'acme', email: 'ada@acme.test', role: 'reader' }]);
    // Browse cannot tell a missing org from a missing route, and says both.
    await app.press(TAB);
    expect(await app.waitFor('does not list invitations')).toContain(
      'acme: no such organization, or this server does not list invitations.',
    );
    app.unmount();
  });

  it('says so when the server answers with another role than the one asked for', async () => {
    server = await startPartAServer({ answerRole: 'reader' });
    const app = renderApp({ url: server.url });
    await app.waitFor('Type the organization key');
    await app.burst('acme', ENTER, 'cy@acme.test', ENTER, DOWN, ENTER, ENTER);
    const frame = await app.waitFor('Result 1 sent');
    expect(frame).toContain('! You asked for contributor; the server answered reader.');
    expect(server.invited).toMatchObject([{ role: 'contributor' }]);
    app.unmount();
  });

  it('an unknown org: the invite’s own 404 decides, and Esc goes back to type another', async () => {
    server = await startPartAServer();
    const app = renderApp({ url: server.url });
    await app.waitFor('Type the organization key');
    await app.burst('acne', ENTER, 'x@acme.test', ENTER, ENTER, ENTER);
    const frame = await app.waitFor('404 Not Found');
    expect(frame).toContain('Organization "acne" not found');
    expect(frame).toContain('esc other org');
    expect(server.invited).toEqual([]);
    app.unmount();
  });
});
