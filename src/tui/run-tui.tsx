// `invite-tui` with no command: the interactive TUI, on the embedded sandbox unless an API is configured.
import { render } from 'ink';
import { parseArgs } from 'node:util';
import { createClient } from '../api/client.js';
import { fileLastOrgStore } from '../config/last-org.js';
import { defaultJournalPath, fileJournal, type Journal } from '../journal/journal.js';
import type { Sandbox } from '../sandbox/server.js';
import { resolveSettings, timeoutFrom } from '../commands/settings.js';
import { UsageError } from '../usage-error.js';
import { App, type ExitReason } from './app.js';
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
  const apiUrl = settings.apiUrl?.value;
  let sandbox: Sandbox | undefined;
  let baseUrl: string;
  let token: string | undefined;
  if (values.demo || !apiUrl) {
    const { startSandbox } = await import('../sandbox/server.js');
    sandbox = await startSandbox();
    baseUrl = sandbox.url;
    token = 'demo-owner';
  } else {
    baseUrl = apiUrl;
    token = settings.token?.value;
    if (!token) throw new UsageError('No token for that API: set INVITE_API_TOKEN or run `invite-tui login` (or use --demo).');
  }
  const services: Services = {
    client: clientOrUsageError(baseUrl, token, timeoutFrom(env)),
    journal: quietJournal(fileJournal(defaultJournalPath(env))),
    lastOrg: fileLastOrgStore(env),
    redact: values.redact,
    target: sandbox ? 'demo sandbox' : new URL(baseUrl).host,
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
  await instance.waitUntilExit();
  await sandbox?.close();
  return exitCode;
}

/** A base URL the client refuses (plain http to another host) is the caller's mistake: exit 2. */
function clientOrUsageError(baseUrl: string, token: string | undefined, timeoutMs: number | undefined) {
  try {
    return createClient({ baseUrl, token, timeoutMs });
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
