// Renders the real App against a real sandbox, at a real terminal size, with keys arriving
// through the same key stream as in a terminal.
import { Box } from 'ink';
import { stripVTControlCharacters } from 'node:util';
import type { ReactNode } from 'react';
import { createClient, type ClientOptions, type InvitationsClient } from '../../src/api/client.js';
import { memoryLastOrgStore } from '../../src/config/last-org.js';
import type { RowClaims } from '../../src/journal/claims.js';
import { memoryJournal } from '../../src/journal/journal.js';
import { App, type ExitReason } from '../../src/tui/app.js';
import { Footer } from '../../src/tui/components/footer.js';
import { InvitationsContext, InvitationsStore } from '../../src/tui/hooks/use-invitations.js';
import { KeymapProvider } from '../../src/tui/keymap.js';
import { KeyStreamContext } from '../../src/tui/input/input-context.js';
import { ServicesContext, type Services } from '../../src/tui/services.js';
import { createTheme, ThemeContext } from '../../src/tui/theme.js';
import { renderInTerminal } from './ink-terminal.js';
import { DOWN, ENTER } from './keys.js';
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
  const instance = renderInTerminal((keys) => (
    <ThemeContext.Provider value={createTheme(true)}>
      <ServicesContext.Provider value={services}>
        <KeyStreamContext.Provider value={keys}>
          <App onExit={(reason) => exits.push(reason)} />
        </KeyStreamContext.Provider>
      </ServicesContext.Provider>
    </ThemeContext.Provider>
  ));
  const app = {
    instance,
    journal,
    exits,
    /** The screen as plain text, as a person reads it. */
    frame: () => stripVTControlCharacters(instance.lastFrame() ?? ''),
    resize(columns: number, rows: number) {
      instance.stdout.columns = columns;
      instance.stdout.rows = rows;
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
    /** Types keys one write at a time, letting the screen settle before each, as a person types. */
    async press(...keys: string[]) {
      for (const key of keys) {
        await settle();
        instance.stdin.write(key);
      }
      await settle();
    },
    /** Sends keys in ONE write, as a fast typist, key repeat or a laggy ssh link delivers them. */
    async burst(...keys: string[]) {
      instance.stdin.write(keys.join(''));
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
  for (let i = 0; i < downs; i++) await app.press(DOWN);
  await app.press(ENTER);
  await app.waitFor('Who should be invited');
  await app.press(text);
  await app.waitFor(`${toSend} to send`);
  await app.press(ENTER);
  await app.waitFor('Which role');
  await app.press(ENTER);
  await app.waitFor('Enter sends');
}

/** The canonical flow with one address, up to the status panel (or `until`). */
export async function sendThroughTui(
  options: RenderAppOptions & { address: string; downs?: number; until?: string | RegExp },
) {
  const app = renderApp(options);
  await walkToReview(app, { text: options.address, downs: options.downs });
  await app.press(ENTER);
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

/**
 * One screen on its own, with the keymap and the footer under it, for sub-state tests: callbacks
 * are the test's own, and the footer is the frame's last line.
 */
export function renderScreen(
  screen: ReactNode,
  {
    columns = 80,
    client,
    colors = true,
  }: { columns?: number; client?: Partial<InvitationsClient>; colors?: boolean } = {},
) {
  const fullClient = { baseUrl: 'http://127.0.0.1:9', ...client } as InvitationsClient;
  const services: Services = {
    client: fullClient,
    journal: memoryJournal(),
    lastOrg: memoryLastOrgStore(undefined),
    redact: false,
    target: 'test',
    now: Date.now,
  };
  const instance = renderInTerminal((keys) => (
    <ThemeContext.Provider value={createTheme(colors)}>
      <ServicesContext.Provider value={services}>
        <KeyStreamContext.Provider value={keys}>
          <KeymapProvider>
            <InvitationsContext.Provider value={new InvitationsStore(fullClient)}>
              <Box flexDirection="column" width={columns}>
                {screen}
                <Footer width={columns} />
              </Box>
            </InvitationsContext.Provider>
          </KeymapProvider>
        </KeyStreamContext.Provider>
      </ServicesContext.Provider>
    </ThemeContext.Provider>
  ));
  instance.stdout.columns = columns;
  const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
  const screenApi = {
    frame,
    footer: () => frame().trimEnd().split('\n').at(-1) ?? '',
    async waitFor(text: string) {
      await waitUntil(
        () => frame().includes(text),
        5_000,
        () => `the frame to show ${text}; it shows:\n${frame()}`,
      );
      return frame();
    },
    /** Keys in one write; resolves once they have all been handed over, and a moment after. */
    async keys(...keys: string[]) {
      instance.stdin.write(keys.join(''));
      await waitUntil(() => instance.keys.idle, 5_000, 'the keys to be handled');
      await new Promise((resolve) => setTimeout(resolve, 30));
    },
    unmount: () => instance.unmount(),
  };
  return screenApi;
}
