// Renders the real App (ink-testing-library) against a real sandbox, at a real terminal size.
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { createClient, type ClientOptions } from '../../src/api/client.js';
import { memoryLastOrgStore } from '../../src/config/last-org.js';
import type { RowClaims } from '../../src/journal/claims.js';
import { memoryJournal } from '../../src/journal/journal.js';
import { App, type ExitReason } from '../../src/tui/app.js';
import { ServicesContext, type Services } from '../../src/tui/services.js';
import { createTheme, ThemeContext } from '../../src/tui/theme.js';
import { waitUntil } from './wait.js';

export interface RenderAppOptions {
  url: string;
  token?: string;
  columns?: number;
  rows?: number;
  redact?: boolean;
  lastOrg?: string;
  client?: Partial<ClientOptions>;
  now?: () => number;
  /** Row claims shared with other processes; none unless a test needs them. */
  claims?: RowClaims;
}

export function renderApp(options: RenderAppOptions) {
  const journal = memoryJournal();
  const exits: ExitReason[] = [];
  const services: Services = {
    client: createClient({
      baseUrl: options.url,
      token: options.token ?? 'demo-owner',
      timeoutMs: 2_000,
      retry: { baseDelayMs: 10, maxBackoffMs: 50 },
      ...options.client,
    }),
    journal,
    lastOrg: memoryLastOrgStore(options.lastOrg),
    redact: options.redact ?? false,
    target: 'demo sandbox',
    now: options.now ?? Date.now,
    claims: options.claims,
  };
  const instance = render(
    <ThemeContext.Provider value={createTheme(true)}>
      <ServicesContext.Provider value={services}>
        <App onExit={(reason) => exits.push(reason)} />
      </ServicesContext.Provider>
    </ThemeContext.Provider>,
  );
  const app = {
    instance,
    journal,
    exits,
    /** The screen as plain text, as a person reads it. */
    frame: () => stripVTControlCharacters(instance.lastFrame() ?? ''),
    resize(columns: number, rows: number) {
      // ink-testing-library's stdout is 100 columns wide and has no rows; give it a real size.
      Object.defineProperty(instance.stdout, 'columns', { configurable: true, get: () => columns });
      Object.defineProperty(instance.stdout, 'rows', { configurable: true, get: () => rows });
      instance.stdout.emit('resize');
    },
    /** Waits for the frame to show `text` (or satisfy a check): never a guessed sleep. */
    async waitFor(expected: string | RegExp | ((frame: string) => boolean), timeoutMs = 5_000) {
      const check =
        typeof expected === 'function'
          ? expected
          : (frame: string) => (typeof expected === 'string' ? frame.includes(expected) : expected.test(frame));
      await waitUntil(
        () => check(app.frame()),
        timeoutMs,
        () => `the frame to show ${String(expected)}; it shows:\n${app.frame()}`,
      );
      return app.frame();
    },
    /**
     * Types keys one write at a time, as a terminal sends them. Before each, it waits for the
     * screen to settle (no new frame for a moment): a frame is drawn at commit, but a new
     * screen's useInput subscribes in an effect just after, and a key sent in between is lost.
     */
    async press(...keys: string[]) {
      for (const key of keys) {
        await settle();
        instance.stdin.write(key);
      }
      await settle();
    },
    unmount: () => instance.unmount(),
  };
  async function settle(quietMs = 30, maxMs = 500) {
    const deadline = Date.now() + maxMs;
    for (let seen = -1; seen !== instance.frames.length && Date.now() < deadline;) {
      seen = instance.frames.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }
  app.resize(options.columns ?? 80, options.rows ?? 24);
  return app;
}

type App = ReturnType<typeof renderApp>;

/** From launch to Review: pick the org `downs` rows below the first, type, take reader. */
export async function walkToReview(
  app: App,
  { text, downs = 0, toSend = 1 }: { text: string; downs?: number; toSend?: number },
) {
  await app.waitFor('Choose an organization');
  for (let i = 0; i < downs; i++) await app.press('\x1b[B');
  await app.press('\r');
  await app.waitFor('Who should be invited');
  await app.press(text);
  await app.waitFor(`${toSend} to send`);
  await app.press('\r');
  await app.waitFor('Which role');
  await app.press('\r');
  await app.waitFor('Enter sends');
}

/** The canonical flow with one address, up to the status panel (or `until`). */
export async function sendThroughTui(
  options: RenderAppOptions & { address: string; downs?: number; until?: string | RegExp },
) {
  const app = renderApp(options);
  await walkToReview(app, { text: options.address, downs: options.downs });
  await app.press('\r');
  await app.waitFor(options.until ?? /Result \d+ sent/);
  return app;
}

/**
 * Trailing spaces, volatile ids and runs of blank lines (the fixed-height body's padding)
 * removed, so snapshots say only what matters. Frame sizes are tested on the raw frame.
 */
export function normalizeFrame(frame: string): string {
  return frame
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/inv_[a-z0-9]{10,}/g, 'inv_…')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .trimEnd();
}
