// What `invite-tui` (the TUI) will talk to, decided before Ink loads: flags, terminal check,
// settings. Light on purpose: cli.ts loads it first, so the demo sandbox can start at once.
import { parseArgs } from 'node:util';
import { parseBaseUrl } from '../api/base-url.js';
import { parseClock } from '../clock.js';
import { checkToken, resolveSettings, timeoutFrom } from '../config/settings.js';
import { noTokenMessage } from '../config/no-token.js';
import type { DemoSandboxSettings } from '../sandbox/demo-options.js';
import { NoTokenError, UsageError } from '../usage-error.js';

export const TUI_OPTIONS = {
  demo: { type: 'boolean', default: false },
  'api-url': { type: 'string' },
  redact: { type: 'boolean', default: false },
  clock: { type: 'string' },
  seed: { type: 'string' },
  record: { type: 'string' },
} as const;

export interface TuiPlan {
  /** A configured API, or undefined for the embedded demo sandbox. */
  api: { baseUrl: string; token: string } | undefined;
  timeoutMs: number | undefined;
  redact: boolean;
  /** What the header names: the API's host, or "demo sandbox". */
  target: string;
  /** The demo sandbox's data seed and fixed clock (--seed, --clock); the clock is the TUI's too. */
  demo: DemoSandboxSettings;
  /** Where to write an asciicast recording of the screen (--record). */
  record: string | undefined;
}

/** The plan, or an exit code when the TUI cannot run here. */
export function planTui(args: string[], env: NodeJS.ProcessEnv = process.env): TuiPlan | number {
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
  const record = values.record;
  if (!apiUrl)
    return { api: undefined, timeoutMs, redact: values.redact, target: 'demo sandbox', demo: demo(), record };
  if (values.clock !== undefined || values.seed !== undefined)
    throw new UsageError(
      '--clock and --seed shape the demo sandbox: add --demo to use it instead of the configured API',
    );
  if (!settings.token) throw new NoTokenError(noTokenMessage(apiUrl, settings.profile));
  checkToken(settings.token);
  return {
    api: { baseUrl: apiUrl, token: settings.token.value },
    timeoutMs,
    redact: values.redact,
    target: checkedHost(apiUrl),
    demo: {},
    record,
  };

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
