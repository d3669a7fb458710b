// `invite-tui` with no command: the interactive TUI, on the embedded sandbox unless an API is configured.
import { render } from 'ink';
import { parseArgs } from 'node:util';
import { createClient } from '../api/client.js';
import { fileLastOrgStore } from '../config/last-org.js';
import { defaultJournalPath, fileJournal, type Journal } from '../journal/journal.js';
import type { Sandbox } from '../sandbox/server.js';
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
  const apiUrl = values['api-url'] ?? env.INVITE_API_URL;
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
    token = env.INVITE_API_TOKEN;
    if (!token) throw new UsageError('INVITE_API_TOKEN is not set: export the token for that API (or run with --demo).');
  }
  const services: Services = {
    client: createClient({ baseUrl, token }),
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
