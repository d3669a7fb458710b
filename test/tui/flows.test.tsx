// Longer walks through the TUI: a big paste, an owner invitation, browsing, a server without lists.
import { afterEach, describe, expect, it } from 'vitest';
import { CTRL_C, DOWN, ENTER, ESC, TAB } from '../helpers/keys.js';
import { rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { normalizeFrame, renderApp, walkToReview } from '../helpers/tui.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function pendingAddresses(sandbox: TestSandbox, count: number): Promise<string[]> {
  const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
  return body.slice(0, count).map((invitation: { email: string }) => invitation.email);
}

describe('TUI flows', () => {
  it('a paste of 20 addresses: 3 invalid and 2 already pending are flagged; 15 are sent', async () => {
    sandbox = await startTestSandbox();
    const pending = await pendingAddresses(sandbox, 2);
    const fresh = Array.from({ length: 15 }, (_, i) => `paste.${i}@acme.test`);
    const paste = [...fresh.slice(0, 5), 'not-an-address', ...pending, 'x@', ...fresh.slice(5), '@acme.test'].join(
      '\n',
    );
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.waitFor('Who should be invited');
    await app.press(paste);
    const emails = await app.waitFor('15 to send · 3 invalid · 2 already pending');
    expect(emails).toContain('✗ not-an-address: missing @');
    expect(emails).toContain('✗ x@: no domain after @');
    expect(emails).toContain('✗ @acme.test: nothing before @');
    expect(emails).toContain(`! ${pending[0]}: already has a pending invitation (skipped)`);
    await app.press(ENTER, ENTER);
    await app.waitFor('Enter sends 15 invitations');
    await app.press(ENTER);
    expect(normalizeFrame(await app.waitFor('Result 15 sent · 2 skipped'))).toContain('❯ ✓ paste.0@acme.test');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
    expect(body.filter((invitation: { email: string }) => invitation.email.startsWith('paste.'))).toHaveLength(15);
    app.unmount();
  });

  it('owner needs a second, explicit yes; n goes back to choosing', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.press('boss@acme.test');
    await app.waitFor('1 to send');
    await app.press(ENTER);
    await app.waitFor('Which role');
    await app.press(DOWN, DOWN, ENTER);
    expect(normalizeFrame(await app.waitFor('Really make'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Org › Addresses › Role › Review › Send

      Which role for this address?
        reader        view workspaces, projects and traces
        contributor   create and manage workspaces and projects
      ❯ owner         full access: manage members, workspaces, billing, keys

      Owners get full access: members, workspaces, billing and keys.
      Really make this person an owner? y to confirm, n to choose again

      y yes · n/esc no"
    `);
    await app.press('n');
    await app.waitFor((frame) => !frame.includes('Really make'));
    await app.press(ENTER);
    await app.waitFor('Really make');
    await app.press('y');
    await app.waitFor('Enter sends the invitation');
    expect(app.frame()).toContain('Role          owner');
    await app.press(ENTER);
    await app.waitFor('Result 1 sent');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
    expect(body.find((invitation: { email: string }) => invitation.email === 'boss@acme.test')).toMatchObject({
      role: 'owner',
    });
    app.unmount();
  });

  it('browse: filter, cycle status, revoke with confirmation', async () => {
    sandbox = await startTestSandbox();
    const [target] = await pendingAddresses(sandbox, 1);
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.waitFor('Who should be invited');
    await app.press(TAB);
    expect(normalizeFrame(await app.waitFor('of 24'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox · Acme Corp
      Browse invitations

      / no filter · status all · sort newest · 24 of 24
        ADDRESS                        ROLE        STATUS    CREATED  EXPIRY
      ❯ grace.wilson@mail.example.org  owner       pending   13h ago  expires in 6d
        linus.torvalds@acme.test       owner       accepted  1d ago
        margaret.perlman@mail.example… reader      pending   2d ago   expires in 5d
        dennis.van-rossum@acme.test    reader      rejected  3d ago
        barbara.hamilton@acme.test     contributor accepted  3d ago
        ken.mccarthy@acme.test         contributor pending   4d ago   expires in 3d
        frances.borg@acme.test         owner       pending   6d ago   expires in 1d
        edsger.ritchie@example.com     reader      accepted  6d ago
        radia.johnson@acme.test        reader      expired   7d ago
        john.stroustrup@acme.test      owner       rejected  8d ago
        katherine.liskov@acme.test     owner       accepted  9d ago
        tim.berners-lee@acme.test      owner       expired   10d ago
        hedy.lovelace@acme.test        owner       expired   10d ago
        donald.thompson@acme.test      contributor accepted  12d ago
        sophie.lamarr@acme.test        reader      expired   12d ago
        1/24

      ↑↓ move · / filter · x revoke · s status · d details · esc back · ? help"
    `);
    await app.press('s');
    await app.waitFor('status pending');
    await app.press('/');
    await app.press(target ?? '');
    await app.press(ENTER);
    await app.waitFor('1 of 24');
    await app.press('x');
    expect(await app.waitFor('y to revoke')).toContain(`Revoke the invitation to ${target}?`);
    await app.press('y');
    await app.waitFor('Revoked inv_');
    await app.waitFor('0 of 23');
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
    expect(body.some((invitation: { email: string }) => invitation.email === target)).toBe(false);
    await app.press(ESC);
    await app.waitFor('no filter · status pending');
    app.unmount();
  });

  it('a server without the listing endpoints: a typed org key, and Browse says so plainly', async () => {
    sandbox = await startTestSandbox({ platform: true });
    const app = renderApp({ url: sandbox.url });
    expect(normalizeFrame(await app.waitFor('Type the organization key'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox
      Org › Addresses › Role › Review › Send

      Type the organization key
      This server does not list organizations, so type the key (as in its URLs).
      Organization: e.g. acme

      enter next"
    `);
    // A key the server does not know: a note, not a wall; Esc goes back to type another.
    await app.press('nope');
    await app.press(ENTER);
    expect(await app.waitFor('! nope: no such organization, or')).toContain('Who should be invited to nope?');
    await app.press(ESC);
    await app.waitFor('Type the organization key');
    await app.press('globex', ENTER);
    await app.waitFor('Who should be invited to Globex Corporation?');
    await app.press(TAB);
    await app.waitFor('This server does not list invitations');
    await app.press(TAB);
    await app.press('late@globex.test');
    await app.waitFor('1 to send');
    await app.press(ENTER, ENTER);
    await app.waitFor('Enter sends');
    await app.press(ENTER);
    await app.waitFor('Result 1 sent');
    app.unmount();
  });

  it('Ctrl-C while sending many lets those in flight finish, then reports what was not sent', async () => {
    sandbox = await startTestSandbox({ latencyMs: 400 });
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, {
      text: Array.from({ length: 12 }, (_, i) => `many.${i}@acme.test`).join(' '),
      toSend: 12,
    });
    await app.press(ENTER);
    expect(await app.waitFor('Sending 12 invitations')).toMatch(/0\/12 done/);
    await app.press(CTRL_C);
    await app.waitFor('Stopping');
    const report = await app.waitFor(/Result \d+ sent · \d+ not sent \(stopped\)/);
    const sent = Number(/Result (\d+) sent/.exec(report)?.[1]);
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(sent).toBeLessThan(12);
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations');
    expect(body.filter((invitation: { email: string }) => invitation.email.startsWith('many.'))).toHaveLength(sent);
    expect(app.exits).toEqual([]);
    await app.press(CTRL_C);
    expect(app.exits).toEqual([{ code: 130 }]);
  });

  it('q quits with 0 from a list, but types into a text field', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER);
    await app.press('q');
    await app.waitFor('Addresses: q');
    expect(app.exits).toEqual([]);
    await app.press(ESC);
    await app.waitFor('Choose an organization');
    await app.press('q');
    expect(app.exits).toEqual([{ code: 0 }]);
  });

  it('? shows every key of the screen, and any key closes it', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press('?');
    expect(normalizeFrame(await app.waitFor('any key closes'))).toMatchInlineSnapshot(`
      "invite-tui · demo sandbox
      Org › Addresses › Role › Review › Send

      ╭──────────────────────────────────────────────────────────╮
      │ Keys                                                     │
      │ ↑/k      move up                                         │
      │ ↓/j      move down                                       │
      │ enter    select / confirm                                │
      │ /        filter                                          │
      │ q        quit                                            │
      │ ?        help                                            │
      │ ctrl-c   quit from anywhere                              │
      │ any key closes this help                                 │
      ╰──────────────────────────────────────────────────────────╯

      any key closes help"
    `);
    await app.press('x');
    await app.waitFor('Choose an organization');
    app.unmount();
  });
});
