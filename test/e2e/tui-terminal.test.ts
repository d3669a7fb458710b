// The built app in a real terminal (tmux), as a person sees it.
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { cliHome } from '../helpers/cli-env.js';
import { joinAsMember, rawRequest, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { isSane, Terminal } from '../helpers/terminal.js';

let terminal: Terminal | undefined;
let sandbox: TestSandbox | undefined;
afterEach(async () => {
  terminal?.close();
  terminal = undefined;
  await sandbox?.close();
  sandbox = undefined;
});

async function launch(
  options: SandboxOptions & {
    token?: string;
    args?: string[];
    columns?: number;
    rows?: number;
    env?: NodeJS.ProcessEnv;
    ci?: boolean;
  } = {},
) {
  sandbox = await startTestSandbox(options);
  const { env } = cliHome(sandbox.url, options.token);
  terminal = await Terminal.start(options.args ?? [], {
    columns: options.columns,
    rows: options.rows,
    env: { ...env, ...options.env },
    ci: options.ci,
  });
  return terminal;
}

/** Launch → the highlighted org (or `downs` below) → type → reader → Review. */
async function toReview(term: Terminal, text: string, downs = 0) {
  await term.waitFor('Choose an organization');
  for (let i = 0; i < downs; i++) await term.keys('Down');
  await term.keys('Enter');
  await term.waitFor('Who should be invited');
  await term.type(text);
  await term.waitFor(/\d+ to send/);
  await term.keys('Enter');
  await term.waitFor('Which role');
  await term.keys('Enter');
  await term.waitFor('Enter sends');
}

const lines = (screen: string) => screen.split('\n');

describe('the TUI in a real terminal', () => {
  it('canonical flow at 80×24 against a configured API: launch to status panel, then q exits 0', async () => {
    const term = await launch();
    await toReview(term, 'e2e.person@acme.test');
    await term.keys('Enter');
    const screen = await term.waitFor('Result 1 sent');
    expect(screen).toContain('✓ Invitation sent to e2e.person@acme.test');
    expect(screen).toContain('expires in 7d');
    await term.keys('q');
    const { code, stty } = await term.exited();
    expect(code).toBe(0);
    expect(isSane(stty, term.raw())).toBe(true);
    // Frames fit the terminal, so Ink redraws in place: it never had to clear the screen.
    expect(term.raw()).not.toContain('\x1b[2J');
    const { body } = await rawRequest(sandbox!, 'GET', '/api/v1/org/acme/invitations');
    expect(body.filter((invitation: { email: string }) => invitation.email === 'e2e.person@acme.test')).toHaveLength(1);
  });

  it('canonical flow with --demo on the embedded sandbox', async () => {
    const term = await launch({ args: ['--demo'] });
    expect(await term.waitFor('Choose an organization')).toContain('invite-tui · demo sandbox');
    await toReview(term, 'demo.person@acme.test');
    await term.keys('Enter');
    await term.waitFor('Result 1 sent');
  });

  it('a paste of 20 addresses with 3 invalid and 2 already pending', async () => {
    sandbox = await startTestSandbox();
    const { body } = await rawRequest(sandbox, 'GET', '/api/v1/org/acme/invitations?status=pending');
    const pending = body.slice(0, 2).map((invitation: { email: string }) => invitation.email);
    const fresh = Array.from({ length: 15 }, (_, i) => `paste${i}@acme.test`);
    const paste = [...fresh.slice(0, 7), 'nope', ...pending, 'x@', ...fresh.slice(7), '@acme.test'].join(', ');
    terminal = await Terminal.start([], { env: cliHome(sandbox.url).env });
    await toReview(terminal, paste);
    expect(terminal.screen()).toContain('Addresses     15 · 2 already pending, skipped');
    await terminal.keys('Enter');
    await terminal.waitFor('Result 15 sent · 2 skipped');
  });

  it('keys in one write: jj moves two rows, and the canonical flow typed in one write sends', async () => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    await term.burst('jj');
    await term.waitFor('❯ Initech');
    await term.burst('kk');
    await term.waitFor('❯ Acme Corp');
    await term.burst('\r', 'one.write@acme.test', '\r', '\r', '\r');
    const screen = await term.waitFor('Result 1 sent');
    expect(screen).toContain('✓ Invitation sent to one.write@acme.test');
    const { body } = await rawRequest(sandbox!, 'GET', '/api/v1/org/acme/invitations');
    expect(body.filter((invitation: { email: string }) => invitation.email === 'one.write@acme.test')).toHaveLength(1);
  });

  it('a bracketed paste stays text (j, q, newlines and all), and an Enter after it in the same write is Enter', async () => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    await term.keys('Enter');
    await term.waitFor('Who should be invited');
    await term.paste('jj@acme.test\nq@acme.test');
    await term.waitFor('2 to send');
    await term.burst('\r', 'j', '\r');
    // Enter (addresses), j (to contributor), Enter (chosen): Review, with both addresses.
    const review = await term.waitFor('Enter sends 2 invitations');
    expect(review).toContain('Role          contributor');
    await term.keys('q');
    const { code, stty } = await term.exited();
    expect(code).toBe(0);
    expect(isSane(stty, term.raw())).toBe(true);
  });

  it('CI=true in the environment, stdout a terminal: every frame is drawn as usual', async () => {
    const term = await launch({ ci: true });
    await term.waitFor('Choose an organization');
    await term.keys('j');
    await term.waitFor('❯ Globex Corporation');
    await term.keys('Enter');
    await term.waitFor('Who should be invited to Globex Corporation?');
  });

  it('browse, filter and revoke', async () => {
    const term = await launch();
    const { body } = await rawRequest(sandbox!, 'GET', '/api/v1/org/acme/invitations?status=pending');
    const target: string = body[0].email;
    await term.waitFor('Choose an organization');
    await term.keys('Enter', 'Tab');
    await term.waitFor('of 24');
    await term.keys('/');
    await term.type(target);
    await term.keys('Enter');
    await term.waitFor('1 of 24');
    await term.keys('x');
    await term.waitFor(`Revoke the invitation to ${target}?`);
    await term.keys('y');
    await term.waitFor('0 of 23');
  });

  it.each<[string, SandboxOptions & { token?: string; env?: NodeJS.ProcessEnv }, string, number, string[]]>([
    [
      '401',
      { token: 'expired-token' },
      'acme',
      0,
      ['401 Unauthorized · authentication_error', 'Authentication failed'],
    ],
    [
      '403',
      {},
      'someone@example.com',
      1,
      ['403 Forbidden · forbidden', 'External invitations are switched off', '→ You need the owner role here'],
    ],
    [
      '422',
      { faults: '422@POST' },
      'x@acme.test',
      0,
      [
        '422 Unprocessable Entity · validation_error',
        'body.email: this address is blocked',
        'Press f to fix the address',
      ],
    ],
    ['426', { minClientVersion: '99.0.0' }, 'acme', 0, ['426 Upgrade Required', 'too old for this server']],
    [
      '500',
      { faults: '500@POST' },
      'x@acme.test',
      0,
      ['500 Internal Server Error · internal_error', 'Press r to retry'],
    ],
    [
      'HTML 502',
      { faults: '502@POST' },
      'x@acme.test',
      0,
      ['502 Bad Gateway · after 3 attempts', 'HTML page ("502 Bad Gateway")', 'Press r to retry'],
    ],
    ['504', { faults: '504@POST' }, 'x@acme.test', 0, ['504 Gateway Timeout', 'HTML page ("504 Gateway Time-out")']],
    [
      'timeout',
      { faults: 'hang@POST', env: { INVITE_TIMEOUT_MS: '300' } },
      'x@acme.test',
      0,
      ['Timed out · after 3 attempts', 'No complete answer from'],
    ],
  ])('%s: the envelope and its next step are on screen', async (_name, options, input, downs, expected) => {
    const term = await launch(options);
    if (input !== 'acme') {
      await toReview(term, input, downs);
      await term.keys('Enter');
    }
    const screen = await term.waitFor(expected[0] ?? '');
    for (const text of expected) expect(screen).toContain(text);
  });

  it('409: the address became a member after the lists were read; the server decides', async () => {
    const term = await launch();
    await toReview(term, 'late.member@acme.test');
    await joinAsMember(sandbox!, 'acme', 'late.member@acme.test');
    await term.keys('Enter');
    const screen = await term.waitFor('409 Conflict · already_exists');
    expect(screen).toContain('press b to open it in Browse');
  });

  it('a known member is skipped before sending, with its reason', async () => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    await term.keys('Enter');
    await term.waitFor('Who should be invited');
    await term.type('ada.lovelace@acme.test, e2e.new@acme.test');
    expect(await term.waitFor('1 to send · 1 already a member')).toContain(
      '! ada.lovelace@acme.test: already a member (skipped)',
    );
    await term.keys('Enter', 'Enter');
    expect(await term.waitFor('Enter sends')).toContain('Addresses     1 · 1 already a member, skipped');
    await term.keys('Enter');
    await term.waitFor('Result 1 sent · 1 skipped');
  });

  it('404: the org vanishes between listing and sending', async () => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    sandbox!.store.state.orgs.splice(0, 1);
    await toReview(term, 'x@acme.test');
    await term.keys('Enter');
    const screen = await term.waitFor('404 Not Found');
    expect(screen).toContain('Organization not found: press Esc and pick another.');
  });

  it('429: a visible countdown, then the invitation is sent', async () => {
    const term = await launch({ faults: '429=3@POST#1' });
    await toReview(term, 'patient@acme.test');
    await term.keys('Enter');
    await term.waitFor(/resuming in [123]s/);
    await term.waitFor('Result 1 sent', 10_000);
  });

  it('resizes 80×24 → 60×20 → 120×40 mid-flow without a crash, a wide line or a doubled frame', async () => {
    const term = await launch({ invitations: 300 });
    await term.waitFor('Choose an organization');
    await term.keys('Enter', 'Tab');
    await term.waitFor('of 300');
    for (const [columns, rows] of [
      [60, 20],
      [120, 40],
      [80, 24],
    ] as const) {
      term.resize(columns, rows);
      await term.keys('Down');
      const screen = await term.waitFor('Browse invitations');
      expect(lines(screen).every((line) => [...line].length <= columns)).toBe(true);
      expect(screen.match(/invite-tui · /g)).toHaveLength(1);
      expect(screen.match(/Browse invitations/g)).toHaveLength(1);
    }
    await term.keys('q');
    expect((await term.exited()).code).toBe(0);
  });

  it.each([
    ['org', []],
    ['addresses', ['Enter']],
    ['role', ['Enter', 'a@acme.test', 'Enter']],
    ['review', ['Enter', 'a@acme.test', 'Enter', 'Enter']],
    ['browse', ['Enter', 'Tab']],
    ['result', ['Enter', 'a@acme.test', 'Enter', 'Enter', 'Enter']],
  ])('Ctrl-C at the %s step exits 130 and leaves the terminal sane', async (_step, steps) => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    for (const step of steps) {
      if (step.includes('@')) await term.type(step);
      else await term.keys(step);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await term.keys('C-c');
    const { code, stty } = await term.exited();
    expect(code).toBe(130);
    expect(isSane(stty, term.raw())).toBe(true);
  });

  it('a second Ctrl-C while requests hang quits at once, and says where each address stands', async () => {
    const term = await launch({ faults: 'hang@POST' });
    await toReview(term, 'stuck.one@acme.test, stuck.two@acme.test');
    await term.keys('Enter');
    await term.waitFor('Sending 2 invitations');
    await term.keys('C-c');
    await term.waitFor('Stopping');
    const quitAt = Date.now();
    await term.keys('C-c');
    const { code, stty } = await term.exited(5_000);
    expect(Date.now() - quitAt).toBeLessThan(2_000);
    expect(code).toBe(130);
    expect(isSane(stty, term.raw())).toBe(true);
    const screen = term.screen();
    expect(screen).toContain('invite-tui: quit while sending; where each address stands:');
    expect(screen).toMatch(/unknown\s+stuck\.one@acme\.test \(in flight when you quit/);
  });

  it('SIGTERM exits 143 and leaves the terminal sane', async () => {
    const term = await launch();
    await term.waitFor('Choose an organization');
    term.signal('SIGTERM');
    const { code, stty } = await term.exited();
    expect(code).toBe(143);
    expect(isSane(stty, term.raw())).toBe(true);
  });

  it('NO_COLOR=1: not one SGR colour sequence in the raw output (and colour without it)', async () => {
    const colourSgr = /\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
    const plain = await launch({ env: { NO_COLOR: '1' } });
    await plain.waitFor('Choose an organization');
    await plain.keys('Enter');
    await plain.waitFor('Who should be invited');
    expect(plain.raw()).not.toMatch(colourSgr);
    plain.close();
    await sandbox?.close();
    const coloured = await launch();
    await coloured.waitFor('Choose an organization');
    await coloured.keys('Enter');
    await coloured.waitFor('Who should be invited');
    expect(coloured.raw()).toMatch(colourSgr);
  });
});
