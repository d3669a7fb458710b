// The entry point. It imports nothing heavy at the top, so `--version` and `--help` start
// nearly as fast as bare Node; each command loads its own code when it runs.
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export const HELP = `invite-tui ${VERSION}: manage organization invitations from the terminal

Usage:
  invite-tui [--demo] [--api-url URL] [--redact]
                                 open the TUI (on the embedded demo sandbox unless an API is set)
  invite-tui sandbox [options]   run the local sandbox API server (see: invite-tui sandbox --help)
  invite-tui --version           print the version
  invite-tui --help              show this help

Keys in the TUI: ? shows them all. q quits, ctrl-c quits from anywhere.

Environment:
  INVITE_API_URL     base URL of the invitations API (https://, or http:// on loopback only)
  INVITE_API_TOKEN   bearer token for that API
`;

export const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === 'sandbox') {
    const { runSandboxCommand } = await import('./sandbox/command.js');
    return runSandboxCommand(rest);
  }
  if (command === undefined || command.startsWith('-')) {
    // Chalk reads the environment when Ink loads; it ignores NO_COLOR, so tell it here.
    if (process.env.NO_COLOR || process.env.TERM === 'dumb') process.env.FORCE_COLOR = '0';
    const { runTui } = await import('./tui/run-tui.js');
    return runTui(argv);
  }
  process.stderr.write(`invite-tui: unknown command "${command}"\n\n${HELP}`);
  return EXIT_USAGE;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Usage mistakes (bad flags) get their message and exit 2; nothing else prints a stack trace.
    const isUsage = error instanceof UsageError || (error as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS') === true;
    process.stderr.write(`invite-tui: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isUsage ? EXIT_USAGE : 1;
  },
);
