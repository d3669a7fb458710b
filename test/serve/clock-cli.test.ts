// --clock, --seed and --record on the command line: what they accept, and what they refuse.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnUntilFirstLine } from '../helpers/cli.js';
import { rawRequest } from '../helpers/sandbox.js';
import { Terminal } from '../helpers/terminal.js';

const CLOCK = '2026-01-01T09:00:00Z';
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function sandboxAnswer(args: string[]) {
  const { child, firstLine } = await spawnUntilFirstLine(['sandbox', '--quiet', ...args]);
  stops.push(() => child.kill('SIGTERM'));
  const created = await rawRequest({ url: firstLine }, 'POST', '/api/v1/org/acme/invitations', {
    body: JSON.stringify({ email: 'clocked@acme.test', role: 'reader' }),
  });
  const listed = await rawRequest({ url: firstLine }, 'GET', '/api/v1/org/acme/invitations');
  return { created: created.body, listed: listed.body };
}

describe('--clock', () => {
  it('makes two sandboxes answer the same request identically: ids, times and seeded data', async () => {
    const first = await sandboxAnswer(['--clock', CLOCK, '--seed', '7']);
    const second = await sandboxAnswer(['--clock', CLOCK, '--seed', '7']);
    expect(second).toEqual(first);
    expect(first.created).toMatchObject({
      created_at: '2026-01-01T09:00:00.000Z',
      expires_at: '2026-01-08T09:00:00.000Z',
    });
    // Without it, new ids are time and random bytes, as before.
    const unclocked = await sandboxAnswer(['--seed', '7']);
    expect(unclocked.created.id).not.toBe(first.created.id);
  });

  it.each([
    [['sandbox', '--clock', 'tomorrow'], '--clock takes an ISO 8601 time with its zone'],
    [['sandbox', '--clock', '2026-01-01T09:00:00'], '--clock takes an ISO 8601 time with its zone'],
    [['serve', '--clock', '2026-13-01T09:00:00Z'], '--clock takes an ISO 8601 time with its zone'],
    [['serve', '--idle', '0'], '--idle takes minutes, more than 0'],
    [['serve', '--max-sessions', '0'], '--max-sessions takes a whole number of at least 1'],
    [['serve', '--faults', 'nonsense'], 'nonsense'],
  ])('%j is a usage error with a specific message', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('with a configured API, --clock and --seed ask for --demo; an unwritable --record is exit 14', async () => {
    const home = mkdtempSync(join(tmpdir(), 'invite-tui-clock-'));
    const env = { XDG_CONFIG_HOME: join(home, 'c'), XDG_STATE_HOME: join(home, 's') };
    const configured = await Terminal.start(['--clock', CLOCK], {
      env: { ...env, INVITE_API_URL: 'http://127.0.0.1:9', INVITE_API_TOKEN: 'x' },
    });
    stops.push(() => configured.close());
    await configured.waitFor('--clock and --seed shape the demo sandbox: add --demo');
    expect((await configured.exited()).code).toBe(2);

    const unwritable = await Terminal.start(['--demo', '--record', join(home, 'missing', 'dir', 'x.cast')], { env });
    stops.push(() => unwritable.close());
    await unwritable.waitFor('cannot write the recording');
    expect((await unwritable.exited()).code).toBe(14);
  });
});
