// The TUI as a person uses it, written through the cell-diff frame writer into a headless xterm:
// after every key, resize, overlay and at Ctrl-C the screen must equal the same frame written
// whole on a fresh terminal (characters and styles, cell by cell), and the cursor must be shown
// again at exit.
import { render } from 'ink';
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { memoryLastOrgStore } from '../../src/config/last-org.js';
import { memoryJournal } from '../../src/journal/journal.js';
import { App } from '../../src/tui/app.js';
import { cellLogUpdate } from '../../src/tui/render/cell-log-update.js';
import { ServicesContext, type Services } from '../../src/tui/services.js';
import { createTheme, ThemeContext } from '../../src/tui/theme.js';
import { BACKSPACE, CTRL_C, DOWN, ENTER, PAGE_DOWN, TAB, UP } from '../helpers/keys.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { screenTerminal, type ScreenTerminal } from './xterm.js';

// Under CI, Ink writes only the last frame (is-in-ci reads the environment when Ink loads, before
// the imports above run); these tests compare every frame, as a person's terminal shows them.
const ciEnvironment = vi.hoisted(() => {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  return saved;
});
afterAll(() => {
  for (const [name, value] of Object.entries(ciEnvironment)) if (value !== undefined) process.env[name] = value;
});

/** A terminal as Ink sees it: a TTY stream of a size, whose bytes go into `terminal`. */
class TerminalStream extends EventEmitter {
  isTTY = true;
  bytes = '';
  writes = Promise.resolve();
  constructor(
    public terminal: ScreenTerminal,
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write(data: string) {
    this.bytes += data;
    const terminal = this.terminal;
    this.writes = this.writes.then(() => terminal.write(data));
    return true;
  }
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.terminal.resize(columns, rows);
    this.emit('resize');
  }
}

/** Keys as a terminal sends them (what ink-testing-library's stdin does). */
class KeyStream extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox({ invitations: 1_000 });
});
afterEach(() => sandbox.close());

function startApp(colors: boolean) {
  const stream = new TerminalStream(screenTerminal(80, 24), 80, 24);
  const keys = new KeyStream();
  let frame = '';
  const services: Services = {
    client: createClient({ baseUrl: sandbox.url, token: 'demo-owner', timeoutMs: 2_000 }),
    journal: memoryJournal(),
    lastOrg: memoryLastOrgStore(undefined),
    redact: false,
    target: 'demo sandbox',
    now: () => Date.parse('2026-01-15T12:00:00Z'),
  };
  const instance = render(
    <ThemeContext.Provider value={createTheme(colors)}>
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </ThemeContext.Provider>,
    {
      stdout: stream as unknown as NodeJS.WriteStream,
      stdin: keys as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
      createLogUpdate: (stdout) => {
        const write = cellLogUpdate(stdout);
        // The frame Ink asked for last: what a full redraw would show.
        return Object.assign((str: string) => ((frame = str), write(str)), write, {
          sync: (str: string) => ((frame = str), write.sync(str)),
        });
      },
    },
  );
  /** Waits until nothing has been written for a moment. */
  const settle = async () => {
    for (let seen = -1; seen !== stream.bytes.length;) {
      seen = stream.bytes.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stream.writes;
  };
  return {
    stream,
    instance,
    settle,
    press: (key: string) => keys.write(key),
    async expectScreenOfFullRedraw(step: string) {
      await settle();
      const fresh = screenTerminal(stream.columns, stream.rows);
      await fresh.write(frame);
      expect(stream.terminal.screen(), `${step}\n${stream.terminal.text()}`).toEqual(fresh.screen());
    },
    async waitFor(text: string) {
      for (let tries = 0; tries < 100 && !stream.terminal.text().includes(text); tries++) await settle();
      expect(stream.terminal.text()).toContain(text);
    },
  };
}

describe('the cell-diff frame writer in the TUI', () => {
  for (const colors of [true, false])
    it(`keeps the screen exactly right through a long session${colors ? '' : ' (NO_COLOR)'}`, async () => {
      const app = startApp(colors);
      await app.waitFor('Choose an organization');
      const steps: (string | [number, number])[] = [
        DOWN,
        UP,
        ENTER,
        ...'ann@acme.test, bob@'.split(''),
        BACKSPACE,
        BACKSPACE,
        TAB,
        ...Array<string>(16).fill(DOWN),
        PAGE_DOWN,
        ...Array<string>(5).fill(UP),
        '?',
        'x',
        [100, 30],
        ...Array<string>(5).fill(DOWN),
        [60, 20],
        ...Array<string>(3).fill(DOWN),
        [80, 24],
        UP,
        TAB,
        'c',
      ];
      for (const [index, step] of steps.entries()) {
        if (typeof step === 'string') await app.press(step);
        else app.stream.resize(...step);
        await app.expectScreenOfFullRedraw(`after step ${index}: ${JSON.stringify(step)}`);
      }
      await app.press(CTRL_C);
      await app.instance.waitUntilExit();
      await app.expectScreenOfFullRedraw('after Ctrl-C');
      const bytes = app.stream.bytes;
      expect(bytes.lastIndexOf('\x1b[?25h')).toBeGreaterThan(bytes.lastIndexOf('\x1b[?25l'));
      // The list scrolled with the terminal's own line deletion and insertion at least once.
      expect(bytes).toMatch(/\x1b\[\d*M/);
      expect(bytes).toMatch(/\x1b\[\d*L/);
    }, 180_000);
});
