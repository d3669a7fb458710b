// The built TUI in a real terminal: --demo --clock typed the same way twice gives identical
// screens, and --record writes an asciicast v2 file whose replay is the screen that was shown.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/terminal.js';
import { waitUntil } from '../helpers/wait.js';

const CLOCK = '2026-01-01T09:00:00Z';
const terminals: Terminal[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close();
});

const freshHome = () => mkdtempSync(join(tmpdir(), 'invite-tui-replay-'));

async function open(
  args: string[],
  options: { columns?: number; rows?: number; command?: string[]; home?: string } = {},
) {
  const home = options.home ?? freshHome();
  const terminal = await Terminal.start(args, {
    ...options,
    env: { XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') },
  });
  terminals.push(terminal);
  return { terminal, home };
}

/** Acme, one address, reader, send, then Browse filtered to it with details: each settled screen. */
async function inviteAndBrowse(terminal: Terminal): Promise<string[]> {
  // Each screen is taken once its footer shows that screen's keys too: settled, not mid-redraw.
  const screens = [await terminal.waitFor(/Globex Corporation[\s\S]*enter select/)];
  await terminal.keys('Enter');
  screens.push(await terminal.waitFor(/Who should be invited[\s\S]*enter next/));
  await terminal.type('same.keys@acme.test');
  // The whole address, not a prefix that already counts as one to send.
  screens.push(await terminal.waitFor(/same\.keys@acme\.test[\s\S]*1 to send/));
  await terminal.keys('Enter');
  await terminal.waitFor('Which role');
  await terminal.keys('Enter');
  screens.push(await terminal.waitFor(/Enter sends[\s\S]*enter send ·/));
  await terminal.keys('Enter');
  screens.push(await terminal.waitFor(/Result 1 sent[\s\S]*n new ·/));
  await terminal.keys('Tab');
  await terminal.waitFor(/of \d+/);
  await terminal.keys('/');
  await terminal.waitFor('filter by address');
  await terminal.type('same.keys');
  await terminal.waitFor('/ same.keys');
  await terminal.keys('Enter');
  await terminal.waitFor(/\b1 of \d+/);
  await terminal.keys('d');
  screens.push(await terminal.waitFor(/created[\s\S]*\? help/));
  return screens;
}

type CastEvent = [number, 'o' | 'r' | 'i' | 'm', string];

function readCast(file: string) {
  const [headerLine, ...eventLines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  return {
    header: JSON.parse(headerLine!) as Record<string, unknown>,
    events: eventLines.map((line) => JSON.parse(line) as CastEvent),
  };
}

describe('--clock and --record in a real terminal', () => {
  it('--demo --clock typed the same way twice gives identical screens', async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const { terminal } = await open(['--demo', '--clock', CLOCK]);
      runs.push(await inviteAndBrowse(terminal));
      terminal.close();
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.at(-1)).toContain('2026-01-01T09:00:00.000Z (just now)');
  });

  it('--record writes an asciicast v2 file; replaying its output shows the final screen again', async () => {
    const home = freshHome();
    const file = join(home, 'session.cast');
    const { terminal } = await open(['--demo', '--clock', CLOCK, '--record', file], { columns: 90, rows: 26, home });
    await inviteAndBrowse(terminal);
    await terminal.keys('q');
    expect((await terminal.exited()).code).toBe(0);
    const finalScreen = terminal.screen();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { header, events } = readCast(file);
    expect(header).toMatchObject({ version: 2, width: 90, height: 26, timestamp: Date.parse(CLOCK) / 1000 });
    expect(events.length).toBeGreaterThan(5);
    for (const [index, [time, code, data]] of events.entries()) {
      expect(code).toBe('o');
      expect(typeof data).toBe('string');
      if (index > 0) expect(time).toBeGreaterThanOrEqual(events[index - 1]![0]);
    }
    // The inviter's address is demo-owner@sandbox.test; the token itself is never written.
    expect(events.map(([, , data]) => data).join('')).not.toMatch(/demo-owner(?!@)|Bearer/);

    // asciinema's own player, sped up: the screen it leaves is the one the TUI left.
    const { terminal: player } = await open([], {
      columns: 90,
      rows: 26,
      command: ['asciinema', 'play', '--speed', '20', file],
    });
    await player.exited(20_000);
    expect(player.screen()).toBe(finalScreen);
  });

  it('--redact masks addresses in the recording as on screen; a window change is an "r" event', async () => {
    const home = freshHome();
    const file = join(home, 'redacted.cast');
    const { terminal } = await open(['--demo', '--redact', '--record', file], { home });
    await terminal.waitFor('Globex Corporation');
    await terminal.keys('Enter');
    await terminal.waitFor('Who should be invited');
    await terminal.keys('Tab');
    const screen = await terminal.waitFor(/of \d+/);
    expect(screen).toContain('@acme.test');
    terminal.resize(70, 22);
    await waitUntil(() => readFileSync(file, 'utf8').includes('"70x22"'), 5_000, 'the resize to be recorded');
    await terminal.keys('q');
    await terminal.exited();
    const { header, events } = readCast(file);
    expect(header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(events.filter(([, code]) => code === 'r').map(([, , data]) => data)).toContain('70x22');
    const output = events.map(([, , data]) => data).join('');
    expect(output).toContain('@acme.test');
    // Whole addresses were never on screen, so they are not in the recording either.
    expect(output).not.toMatch(/[a-z]+\.[a-z-]+@acme\.test/);
  });
});
