// Keys that arrive in one read, as key repeat, a fast typist, a laggy ssh link or a paste
// deliver them: each is handled after the previous key's screen, exactly like slow typing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASTE_END, PASTE_START } from '../../src/tui/input/next-key.js';
import { DOWN, ENTER, ESC } from '../helpers/keys.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { renderApp } from '../helpers/tui.js';

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(() => sandbox.close());

const pendingFor = async (email: string) => {
  const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
  return body.filter((invitation: { email: string }) => invitation.email === email);
};

describe('keys in one write', () => {
  it('jj moves two rows in the org list, and k j k in one write moves as typed', async () => {
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.burst('jj');
    await app.waitFor('❯ Initech');
    await app.burst('kjk');
    await app.waitFor('❯ Globex Corporation');
    await app.burst(DOWN + DOWN + 'k');
    await app.waitFor('❯ Globex Corporation');
    app.unmount();
  });

  it('the canonical flow typed in ONE write sends, exactly like slow typing', async () => {
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.burst(ENTER, 'burst.person@acme.test', ENTER, ENTER, ENTER);
    const frame = await app.waitFor('Result 1 sent');
    expect(frame).toContain('✓ Invitation sent to burst.person@acme.test');
    expect(await pendingFor('burst.person@acme.test')).toMatchObject([{ role: 'reader' }]);
    app.unmount();
  });

  it('jj on Role reaches owner, and Enter in the same write asks before making owners', async () => {
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.burst(ENTER, 'two.owners@acme.test', ENTER, 'jj', ENTER);
    expect(await app.waitFor('Really make this person an owner?')).toContain('❯ owner');
    // "n" goes back to the list; Esc Esc (one write) walks back two steps.
    await app.burst('n');
    await app.waitFor((frame) => !frame.includes('Really make'));
    app.unmount();
  });

  it('a bracketed paste stays whole in the address field, and the Enter after it is Enter', async () => {
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.waitFor('Who should be invited');
    // The paste holds j, q and ? (keys elsewhere) and a line break: all of it is text here.
    await app.burst(`${PASTE_START}jj.q@acme.test\rwho?@acme.test, k@acme.test${PASTE_END}`, ENTER);
    const frame = await app.waitFor('Which role for these');
    expect(frame).toContain('these 2 addresses');
    await app.burst(ESC);
    expect(await app.waitFor('Addresses: jj.q@acme.test, who?@acme.test, k@acme.test')).toContain('1 invalid');
    app.unmount();
  });

  it('text and Enter pasted together without bracketing: the Enter still submits', async () => {
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.waitFor('Who should be invited');
    await app.burst('a.one@acme.test, a.two@acme.test\r');
    await app.waitFor('Which role for these 2 addresses?');
    app.unmount();
  });
});
