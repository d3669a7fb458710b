// The canonical send flow from launch: Enter → type → Enter → Enter → Enter → status panel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTER } from '../helpers/keys.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { normalizeFrame, renderApp } from '../helpers/tui.js';

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(() => sandbox.close());

describe('the canonical send flow', () => {
  it('sends one invitation and shows it in the status panel, screen by screen', async () => {
    const app = renderApp({ url: sandbox.url });
    expect(normalizeFrame(await app.waitFor('Choose an organization'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox
      Org › Addresses › Role › Review › Send

      Choose an organization
      3 organizations · / to filter
      ❯ Acme Corp  acme · owner
        Globex Corporation  globex · owner
        Initech  initech · owner

      ↑↓ move · enter select · / filter · q quit · ? help"
    `);

    await app.press(ENTER);
    await app.waitFor('Who should be invited to Acme Corp?');
    await app.press('ada.new@acme.test');
    expect(normalizeFrame(await app.waitFor('1 to send'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Org › Addresses › Role › Review › Send

      Who should be invited to Acme Corp?
      Paste one or many: commas, spaces or new lines; “Name <addr>” works.
      Addresses: ada.new@acme.test
      1 to send

      enter next · esc back · tab send/browse"
    `);

    await app.press(ENTER);
    expect(normalizeFrame(await app.waitFor('Which role'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Org › Addresses › Role › Review › Send

      Which role for this address?
      ❯ reader        view workspaces, projects and traces
        contributor   create and manage workspaces and projects
        owner         full access: manage members, workspaces, billing, keys

      ↑↓ move · enter select · esc back · tab send/browse · q quit · ? help"
    `);

    await app.press(ENTER);
    expect(normalizeFrame(await app.waitFor('Enter sends the invitation'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Org › Addresses › Role › Review › Send

      Review
      Organization  Acme Corp (acme)
      Role          reader · view workspaces, projects and traces
      Email         [x] send invitation email (e toggles)
      Addresses     1
        ada.new@acme.test
      Enter sends the invitation · Esc goes back

      enter send · e email on/off · esc back · tab send/browse · q quit · ? help"
    `);

    await app.press(ENTER);
    expect(normalizeFrame(await app.waitFor('Result 1 sent'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Org › Addresses › Role › Review › Send

      Result 1 sent
      ✓ Invitation sent to ada.new@acme.test
        role reader · status pending · expires in 7d · inv_…

      n new · tab send/browse · q quit · ? help"
    `);

    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
    expect(body.filter((invitation: { email: string }) => invitation.email === 'ada.new@acme.test')).toMatchObject([
      { role: 'reader', send_email: true },
    ]);
    expect(app.journal.entries.map((entry) => [entry.event, entry.email, entry.role])).toEqual([
      ['attempt', 'ada.new@acme.test', 'reader'],
      ['sent', 'ada.new@acme.test', 'reader'],
    ]);
    app.unmount();
  });

  it('preselects the last org used, and e turns the invitation email off', async () => {
    const app = renderApp({ url: sandbox.url, lastOrg: 'globex' });
    await app.waitFor('❯ Globex Corporation');
    await app.press(ENTER);
    await app.press('new.person@globex.test');
    await app.waitFor('1 to send');
    await app.press(ENTER);
    await app.waitFor('Which role');
    await app.press(ENTER);
    await app.waitFor('[x] send invitation email');
    await app.press('e');
    await app.waitFor('[ ] send invitation email');
    await app.press(ENTER);
    await app.waitFor('Result 1 sent');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/globex/invitations');
    expect(body.find((invitation: { email: string }) => invitation.email === 'new.person@globex.test')).toMatchObject({
      send_email: false,
    });
    app.unmount();
  });
});
