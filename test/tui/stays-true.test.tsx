// Views that stay true as people use them: after a send, after a 422, under the help overlay.
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER, TAB } from '../helpers/keys.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { renderApp, walkToReview } from '../helpers/tui.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('views that stay true', () => {
  it('after a send, the same address typed again is flagged as already pending', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, { text: 'again@acme.test, other@acme.test', toSend: 2 });
    await app.press(ENTER);
    await app.waitFor('Result 2 sent');
    await app.press('n');
    await app.waitFor('Who should be invited');
    await app.press('again@acme.test, third@acme.test');
    const frame = await app.waitFor('1 already pending');
    expect(frame).toContain('1 to send');
    expect(frame).toContain('! again@acme.test: already has a pending invitation (skipped)');
    app.unmount();
  });

  it('f after a 422 brings back only the rows the server refused', async () => {
    sandbox = await startTestSandbox({ faults: '422@POST#2' });
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, { text: 'one@acme.test, two@acme.test, three@acme.test', toSend: 3 });
    await app.press(ENTER);
    const result = await app.waitFor('Result 2 sent · 1 failed');
    const refused = /✗ (\S+@acme\.test)/.exec(result)?.[1];
    expect(refused).toBeDefined();
    // The cursor to the refused row, then f.
    for (let i = 0; i < 3 && !app.frame().includes(`✗ 422`); i++) await app.press(DOWN);
    await app.press('f');
    const frame = await app.waitFor('↳ server');
    expect(frame).toContain(`Addresses: ${refused}\n`);
    expect(frame).toContain('1 to send');
    app.unmount();
  });

  it('? over Browse keeps its filter, status filter and cursor', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER, TAB);
    await app.waitFor('of 24');
    // A list longer than the screen pages, and the overlay says how.
    await app.press('?');
    expect(await app.waitFor('Keys')).toContain('PgDn     page down');
    await app.press('q');
    await app.waitFor('of 24');
    await app.press('/', 'acme', ENTER, 's', DOWN, DOWN);
    const before = await app.waitFor('3/');
    const statusLine = before.split('\n').find((line) => line.includes('status pending'));
    expect(statusLine).toBeDefined();
    await app.press('?');
    await app.waitFor('Keys');
    await app.press('x'); // any key closes the help, and does nothing else
    await app.waitFor((frame) => !frame.includes('any key closes this help'));
    expect(app.frame()).toContain(statusLine!);
    expect(app.frame()).toMatch(/\n\s+3\/\d+\n/);
    expect(app.frame()).not.toContain('Revoke the invitation');
    app.unmount();
  });
});
