// `invite-tui` with no command: how the TUI starts. Everything that decides what it runs
// against (flags, the terminal check, settings from src/config/) happens here, before Ink is
// imported, so that on the embedded demo sandbox the sandbox's worker thread is already starting
// on the other core while Ink loads on this one. Then Ink and the screens load (with `fetch`
// hidden, see without-global-fetch.ts) and draw the first frame; the API client (ofetch, zod,
// the transport) loads only after that, and the screens call it through a stand-in meanwhile
// (api/lazy-client.ts). cli.ts imports this file statically, so it stays light: nothing here
// loads Ink, React or the client.
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { InvitationsClient } from '../api/client.js';
import { parseBaseUrl } from '../api/base-url.js';
import { parseClock } from '../clock.js';
import { checkToken, resolveSettings, timeoutFrom } from '../config/settings.js';
import { noTokenMessage } from '../config/no-token.js';
import type { DemoSandboxSettings } from '../sandbox/demo-options.js';
import { NoTokenError, UsageError } from '../usage-error.js';
import type { TuiHost } from './run-tui.js';
import { withoutGlobalFetch } from './without-global-fetch.js';

export const TUI_OPTIONS = {
  demo: { type: 'boolean', default: false },
  'api-url': { type: 'string' },
  redact: { type: 'boolean', default: false },
  clock: { type: 'string' },
  seed: { type: 'string' },
  record: { type: 'string' },
} as const;

/** What the TUI runs against (a configured API or the demo sandbox), and how it shows it. */
export interface TuiTarget {
  /** A configured API, or undefined for the embedded demo sandbox. */
  api: { baseUrl: string; token: string } | undefined;
  /** The demo sandbox's data seed and fixed clock (--seed, --clock); the clock is the TUI's too. */
  demo: DemoSandboxSettings;
  /** What the header names: the API's host, or "demo sandbox". */
  name: string;
  timeoutMs: number | undefined;
  redact: boolean;
  /** Where to write an asciicast recording of the screen (--record). */
  record: string | undefined;
}

/** A running demo sandbox: where it listens, once it does, and how to stop it. */
export interface DemoSandbox {
  url: Promise<string>;
  close(): Promise<void>;
}

/** The API client once it has loaded, and what to stop when the TUI ends. */
export interface Connection {
  client: Promise<InvitationsClient>;
  close(): Promise<void>;
}

/** The TUI in this process's terminal: decide, start the sandbox, load Ink, run. The exit code. */
export async function startTui(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const target = tuiTarget(args, env);
  if (typeof target === 'number') return target;
  // Started before Ink loads: it has a core of its own meanwhile, and listens by the first frame.
  const sandbox = target.api ? undefined : startDemoSandbox(target.demo);
  return openTui(target, sandbox, env);
}

/**
 * Loads Ink and the screens and runs the TUI against `target` (a `serve` session passes its own
 * terminal as `host`). The client starts loading here too, but its code runs after the first
 * frame: Ink draws that frame synchronously inside `render`.
 */
export async function openTui(
  target: TuiTarget,
  sandbox: DemoSandbox | undefined,
  env: NodeJS.ProcessEnv,
  host?: TuiHost,
): Promise<number> {
  const { runTui } = await withoutGlobalFetch(() => import('./run-tui.js'));
  return runTui(target, connect(target, sandbox), env, host);
}

function connect(target: TuiTarget, sandbox: DemoSandbox | undefined): Connection {
  const { api, timeoutMs } = target;
  const client = import('../api/client.js').then(async ({ createClient }) => {
    if (api) return createClient({ ...api, timeoutMs });
    if (!sandbox) throw new Error('no API configured and no demo sandbox');
    return createClient({ baseUrl: await sandbox.url, token: 'demo-owner', timeoutMs });
  });
  client.catch(() => undefined); // the stand-in client reports the failure with each call
  return { client, close: async () => sandbox?.close() };
}

/** What the TUI will run against, or an exit code when it cannot run here. */
export function tuiTarget(args: string[], env: NodeJS.ProcessEnv = process.env): TuiTarget | number {
  const { values } = parseArgs({ args, options: TUI_OPTIONS, strict: true, allowPositionals: false });
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'invite-tui: the interactive TUI needs a terminal (stdin and stdout must be a TTY).\n' +
        'For scripts, use the commands instead: invite-tui send | list | orgs | revoke (see invite-tui --help).\n',
    );
    return 2;
  }
  drawEvenUnderCi();
  const settings = resolveSettings({ 'api-url': values['api-url'], demo: values.demo }, env);
  const timeoutMs = timeoutFrom(env);
  const apiUrl = values.demo ? undefined : settings.apiUrl?.value;
  const { redact, record } = values;
  if (!apiUrl) return { api: undefined, demo: demo(), name: 'demo sandbox', timeoutMs, redact, record };
  if (values.clock !== undefined || values.seed !== undefined)
    throw new UsageError(
      '--clock and --seed shape the demo sandbox: add --demo to use it instead of the configured API',
    );
  if (!settings.token) throw new NoTokenError(noTokenMessage(apiUrl, settings.profile));
  checkToken(settings.token);
  const api = { baseUrl: apiUrl, token: settings.token.value };
  return { api, demo: {}, name: checkedHost(apiUrl), timeoutMs, redact, record };

  function demo(): DemoSandboxSettings {
    const seed = values.seed;
    if (seed !== undefined && !/^\d+$/.test(seed)) throw new UsageError(`--seed takes a whole number (got "${seed}")`);
    return {
      seed: seed === undefined ? undefined : Number(seed),
      clock: values.clock === undefined ? undefined : parseClock(values.clock),
    };
  }
}

/** The API's host for the header; a URL the client would refuse (plain http to another host) is exit 2. */
function checkedHost(apiUrl: string): string {
  try {
    return parseBaseUrl(apiUrl).host;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI and
 * CONTINUOUS_INTEGRATION when Ink loads, which is after this). Here stdin and stdout are a
 * terminal, so a person is at it whatever their environment says: the TUI draws as usual.
 */
function drawEvenUnderCi(): void {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}

/**
 * The embedded sandbox on a worker thread, so its request handling never competes with
 * rendering. Only from the bundle: the worker's code is dist/sandbox-worker.js, beside this chunk.
 */
function startDemoSandbox(settings: DemoSandboxSettings): DemoSandbox {
  const worker = new Worker(new URL('./sandbox-worker.js', import.meta.url), { workerData: settings });
  // The TUI decides when the process ends; the sandbox never holds it open.
  worker.unref();
  const url = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { url?: unknown }) =>
      typeof message.url === 'string' ? resolve(message.url) : reject(new Error('the demo sandbox did not start')),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the demo sandbox stopped (exit code ${code})`)));
  });
  url.catch(() => undefined); // whoever awaits it reports the failure
  return {
    url,
    close: async () => {
      await worker.terminate();
    },
  };
}
