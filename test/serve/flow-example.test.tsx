// The example of README "Testing a flow", kept running.
import { afterEach, expect, it } from 'vitest';
import { renderFlow } from '../helpers/flow.js';
import { DOWN, ENTER } from '../helpers/keys.js';
import { normalizeFrame } from '../helpers/tui.js';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

it('invites a reader to Globex', async () => {
  const app = await renderFlow({ columns: 80, rows: 24 }); // also: seed, redact, sandbox: { faults: '502%2' }
  close = app.close;
  await app.waitFor('Globex Corporation'); // wait for the frame, never sleep
  await app.press(DOWN, ENTER); // keys as a terminal sends them, one write each
  await app.press('new.person@globex.test');
  await app.waitFor('1 to send');
  await app.press(ENTER, ENTER, ENTER); // addresses → reader → send
  expect(normalizeFrame(await app.waitFor('Result 1 sent'))).toMatchInlineSnapshot(`
    "invite-tui · demo sandbox · Globex Corporation
    Org › Addresses › Role › Review › Send

    Result 1 sent
    ✓ Invitation sent to new.person@globex.test
      role reader · status pending · expires in 7d · inv_…

    n new · tab send/browse · q quit · ? help"
  `);
});
