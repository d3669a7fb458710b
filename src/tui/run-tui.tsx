// `invite-tui` with no command: the interactive TUI, on the embedded sandbox unless an API is
// configured. Only Ink, React and the screens load before the first frame; the client, zod and
// the sandbox load right after it (see connect.ts), so the screen never waits on them.
import { render } from 'ink';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { parseBaseUrl } from '../api/base-url.js';
import { resolveSettings, timeoutFrom } from '../commands/settings.js';
import { fileLastOrgStore } from '../config/last-org.js';
import { defaultJournalPath, fileJournal, type Journal } from '../journal/journal.js';
import { UsageError } from '../usage-error.js';
import { App, type ExitReason } from './app.js';
import type { Connection } from './connect.js';
import { lazyClient } from './lazy-client.js';
import { ServicesContext, type Services } from './services.js';
import { colorsWanted, createTheme, ThemeContext } from './theme.js';

export const TUI_OPTIONS = {
  demo: { type: 'boolean', default: false },
  'api-url': { type: 'string' },
  redact: { type: 'boolean', default: false },
} as const;

export async function runTui(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args, options: TUI_OPTIONS, strict: true, allowPositionals: false });
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'invite-tui: the interactive TUI needs a terminal (stdin and stdout must be a TTY).\n' +
        'For scripts, use the commands instead: invite-tui send | list | orgs | revoke (see invite-tui --help).\n',
    );
    return 2;
  }
  const settings = resolveSettings({ 'api-url': values['api-url'] }, env);
  const timeoutMs = timeoutFrom(env);
  const apiUrl = values.demo ? undefined : settings.apiUrl?.value;
  let target = 'demo sandbox';
  if (apiUrl) {
    if (!settings.token) throw new UsageError('No token for that API: set INVITE_API_TOKEN or run `invite-tui login` (or use --demo).');
    target = checkedHost(apiUrl);
  }
  const token = settings.token?.value ?? '';
  const connection: Promise<Connection> = import('./connect.js').then(({ connect }) => connect(apiUrl ? { demo: false, baseUrl: apiUrl, token, timeoutMs } : { demo: true, timeoutMs }));
  const services: Services = {
    client: lazyClient(connection.then(({ client }) => client)),
    journal: quietJournal(fileJournal(defaultJournalPath(env))),
    lastOrg: fileLastOrgStore(env),
    redact: values.redact,
    target,
    now: Date.now,
  };
  let exitCode = 0;
  const onExit = ({ code }: ExitReason) => void (exitCode = code);
  const instance = render(
    <ThemeContext.Provider value={createTheme(colorsWanted(env))}>
      <ServicesContext.Provider value={services}>
        <App onExit={onExit} />
      </ServicesContext.Provider>
    </ThemeContext.Provider>,
    { exitOnCtrlC: false, patchConsole: false },
  );
  // Only after the first frame, which should not pay for it: the TUI is long-lived and redraws on
  // every key, and a heap tuned for size grows far less while scrolling long lists
  // (measured with 10,000 invitations: peak RSS ~140 MiB without, ~110 MiB with).
  setFlagsFromString('--optimize-for-size');
  await instance.waitUntilExit();
  await connection.then((open) => open.close()).catch(() => undefined);
  return exitCode;
}

/** The API's host for the header; a URL the client would refuse (plain http to another host) is exit 2. */
function checkedHost(apiUrl: string): string {
  try {
    return parseBaseUrl(apiUrl).host;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The TUI keeps going if the journal cannot be written (a full disk, a read-only home). */
function quietJournal(journal: Journal): Journal {
  return {
    append(entry) {
      try {
        journal.append(entry);
      } catch {
        // The status panel still shows every outcome.
      }
    },
  };
}
