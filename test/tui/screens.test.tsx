// Screens in the states the flow tests pass through too quickly to read: loading, empty,
// filtered, progress, and a bulk send where some failed.
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER, TAB } from '../helpers/keys.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { normalizeFrame, renderApp, walkToReview } from '../helpers/tui.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const body = (frame: string) => normalizeFrame(frame).split('\n').slice(3).join('\n');

describe('screens', () => {
  it('loading: the first frame is drawn before any answer', async () => {
    sandbox = await startTestSandbox({ latencyMs: 300 });
    const app = renderApp({ url: sandbox.url });
    expect(body(await app.waitFor('Loading organizations'))).toMatchInlineSnapshot(`
      "⠋ Loading organizations…

      q quit · ? help"
    `);
    await app.waitFor('Choose an organization');
    app.unmount();
  });

  it('org list filtered, and filtered to nothing', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press('/', 'glo');
    expect(body(await app.waitFor((frame) => !frame.includes('Initech')))).toMatchInlineSnapshot(`
      "Choose an organization
      / glo
      ❯ Globex Corporation  globex · owner

      ↑↓ move · enter select · esc clear"
    `);
    await app.press('zzz');
    expect(body(await app.waitFor('No organization matches'))).toMatchInlineSnapshot(`
      "Choose an organization
      / glozzz
        No organization matches “glozzz”.

      ↑↓ move · esc clear"
    `);
    app.unmount();
  });

  it('browse filtered to nothing', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER, TAB);
    await app.waitFor('of 24');
    await app.press('/', 'nobody-here', ENTER);
    expect(body(await app.waitFor('No invitations match'))).toMatchInlineSnapshot(`
      "/ “nobody-here” · status all · sort newest · 0 of 24
      No invitations match.

      ↑↓ move · / filter · s status · d details · esc clear · r reload · ? help"
    `);
    app.unmount();
  });

  it('progress while sending many, then a partial failure in the status panel', async () => {
    sandbox = await startTestSandbox({ faults: '500@POST%3', latencyMs: 400 });
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, { text: Array.from({ length: 6 }, (_, i) => `bulk.${i}@acme.test`).join(', '), toSend: 6 });
    await app.press(ENTER);
    const progress = body(await app.waitFor('0/6 done'));
    expect(progress.replace(/\d+\.\d\/s/, 'N/s').replace(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/, '⠋')).toMatchInlineSnapshot(`
      "⠋ Sending 6 invitations…
      ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0%
      0/6 done · N/s
      Ctrl-C stops after the requests in flight

      ctrl-c stop · ? help"
    `);
    expect(body(await app.waitFor('Result 4 sent · 2 failed'))).toMatchInlineSnapshot(`
      "Result 4 sent · 2 failed
      ❯ ✓ bulk.0@acme.test  reader · expires in 7d
        ✓ bulk.1@acme.test  reader · expires in 7d
        ✗ bulk.2@acme.test  500 internal_error
        ✓ bulk.3@acme.test  reader · expires in 7d
        ✓ bulk.4@acme.test  reader · expires in 7d
        ✗ bulk.5@acme.test  500 internal_error

      ✓ Invitation sent to bulk.0@acme.test
        role reader · status pending · expires in 7d · inv_…

      ↑↓ move · r retry · n new · tab send/browse · q quit · ? help"
    `);
    app.unmount();
  });
});
