// How the TUI behaves as a terminal program: sizes, colour, hostile server text, redaction.
import { afterEach, describe, expect, it } from 'vitest';
import { createTheme, colorsWanted } from '../../src/tui/theme.js';
import { DOWN, ENTER, TAB } from '../helpers/keys.js';
import { joinAsMember, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { renderApp, walkToReview } from '../helpers/tui.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));

describe('terminal behaviour', () => {
  it('fits 80×24, and follows resizes down to 60×20 and up to 120×40 mid-flow', async () => {
    sandbox = await startTestSandbox({ invitations: 500 });
    const app = renderApp({ url: sandbox.url });
    await app.waitFor('Choose an organization');
    await app.press(ENTER, TAB);
    let frame = await app.waitFor('of 500');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    for (const [columns, rows] of [
      [60, 20],
      [120, 40],
    ] as const) {
      app.resize(columns, rows);
      // One row short of the terminal, so Ink redraws in place instead of clearing the screen.
      frame = await app.waitFor((text) => text.split('\n').length === rows - 1);
      expect(widest(frame)).toBeLessThanOrEqual(columns);
      await app.press(DOWN);
      expect(widest(app.frame())).toBeLessThanOrEqual(columns);
    }
    app.unmount();
  });

  it('never lets escape sequences from the server reach the screen', async () => {
    sandbox = await startTestSandbox({ faults: 'escape' });
    const app = renderApp({ url: sandbox.url });
    await walkToReview(app, { text: 'late.member@acme.test' });
    // A member the lists did not show yet: the server's 409 and its detail reach the screen.
    await joinAsMember(sandbox, 'acme', 'late.member@acme.test');
    await app.press(ENTER);
    await app.waitFor('409 Conflict');
    expect(app.frame()).toContain('Acme Corplink');
    for (const raw of app.instance.frames) {
      expect(raw).not.toMatch(/\x1b\]|\x1b\[2J|[\r\b\x07\x9b\u202e]/);
    }
    app.unmount();
  });

  it('--redact masks every address on screen, server text included', async () => {
    sandbox = await startTestSandbox();
    const app = renderApp({ url: sandbox.url, redact: true });
    await walkToReview(app, { text: 'late.member@acme.test' });
    expect(app.frame()).toContain('l•••@acme.test');
    await joinAsMember(sandbox, 'acme', 'late.member@acme.test');
    await app.press(ENTER);
    const frame = await app.waitFor('409 Conflict');
    expect(frame).toContain('l•••@acme.test is already a member of acme');
    expect(frame.replace(/Addresses: .*/, '')).not.toContain('late.member');
    app.unmount();
  });
});

describe('colour', () => {
  it('is off with NO_COLOR (any non-empty value) or TERM=dumb', () => {
    expect(colorsWanted({ TERM: 'xterm-256color' })).toBe(true);
    expect(colorsWanted({ NO_COLOR: '1', TERM: 'xterm' })).toBe(false);
    expect(colorsWanted({ NO_COLOR: '', TERM: 'xterm' })).toBe(true);
    expect(colorsWanted({ TERM: 'dumb' })).toBe(false);
  });

  it('a colourless theme names no colours, so components pass none to Ink', () => {
    expect(createTheme(true).color('error')).toBe('red');
    for (const tone of ['accent', 'success', 'error', 'warning', 'info', 'muted', 'selected'] as const) {
      expect(createTheme(false).color(tone)).toBeUndefined();
    }
  });
});
