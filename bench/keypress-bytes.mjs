// Bytes per keypress: what the TUI writes to the terminal for one key, counted on the pty stream
// (what an ssh link carries). The screen is replayed into a headless xterm to tell a ↓ that moves
// the marker inside Browse's window from one that scrolls the list.
import xterm from '@xterm/headless';
import { join } from 'node:path';
import { startInPty } from './pty.mjs';

const INVITATIONS = 1_000;
const MINUTE = 60_000;
/** A key's window: settling before and after (150 ms each, at least), and its frame. */
const TICK_GUARD_MS = 1_500;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = (name, values) => ({
  [`${name}_median_bytes`]: values.length ? median(values) : null,
  [`${name}_max_bytes`]: values.length ? Math.max(...values) : null,
});

export async function keypressFigures({ cli, env, work, quick, startSandbox }) {
  const sandbox = await startSandbox(['--invitations', String(INVITATIONS)]);
  const terminal = new xterm.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  try {
    const session = startInPty([process.execPath, cli], {
      env: { ...env, INVITE_API_URL: sandbox.url, INVITE_API_TOKEN: 'demo-owner' },
      pidFile: join(work, 'keys-pid'),
    });
    let replayed = 0;
    const screen = async () => {
      const chunk = session.output.slice(replayed);
      replayed = session.output.length;
      await new Promise((resolve) => terminal.write(chunk, resolve));
      const buffer = terminal.buffer.active;
      return Array.from({ length: 24 }, (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    };
    /** Waits until the program has written nothing for a while: the key's frames are all out. */
    const settled = async () => {
      for (let seen = -1; seen !== session.output.length;) {
        seen = session.output.length;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    /**
     * Relative ages ("20m ago") move on their own tick at each real minute boundary, in a frame of
     * their own (figure age_tick_bytes): a key is not pressed when that tick could fall inside its
     * window, which would count the tick's bytes as the key's.
     */
    const clearOfMinuteTick = async () => {
      const untilTick = MINUTE - (Date.now() % MINUTE);
      if (untilTick < TICK_GUARD_MS) {
        await new Promise((resolve) => setTimeout(resolve, untilTick + 300));
        await settled();
      }
    };
    /** The bytes written in answer to `key`, and how many screen lines changed. */
    const press = async (key) => {
      await settled();
      await clearOfMinuteTick();
      const before = await screen();
      const from = session.output.length;
      session.write(key);
      await settled();
      const after = await screen();
      return {
        bytes: Buffer.byteLength(session.output.slice(from)),
        changedLines: after.filter((line, y) => line !== before[y]).length,
      };
    };
    await session.until('Choose an organization');
    await press('\r');
    await session.until('Who should be invited');
    const typed = [];
    for (const char of (quick ? 'ann@acme.test' : 'someone.new@acme.test, ann@acme.test').split(''))
      typed.push((await press(char)).bytes);
    const tabs = [];
    for (let round = 0; round < (quick ? 2 : 4); round++) {
      tabs.push((await press('\t')).bytes);
      await session.until(`of ${INVITATIONS}`);
      if (round < (quick ? 1 : 3)) await press('\t');
    }
    const inWindow = [];
    const scrolling = [];
    for (let move = 0; move < (quick ? 30 : 60); move++) {
      const { bytes, changedLines } = await press('\x1b[B');
      // In the window: the marker's two lines and the counter. Scrolling: every list line.
      (changedLines > 4 ? scrolling : inWindow).push(bytes);
    }
    // What a minute costs with Browse open: the ages that roll over, written in one frame.
    let ageTick = null;
    if (!quick) {
      // Back to the newest invitations, whose ages are in minutes.
      for (let page = 0; page < 8; page++) await press('\x1b[5~');
      await settled();
      await new Promise((resolve) => setTimeout(resolve, MINUTE - (Date.now() % MINUTE) - 500));
      await settled();
      const from = session.output.length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await settled();
      ageTick = Buffer.byteLength(session.output.slice(from));
    }
    session.write('\x03');
    await session.exited;
    return {
      age_tick_bytes: ageTick,
      ...summary('down_in_window', inWindow),
      ...summary('down_scrolling', scrolling),
      ...summary('typed_char', typed),
      ...summary('tab_into_browse', tabs),
    };
  } finally {
    terminal.dispose();
    sandbox.stop();
  }
}
