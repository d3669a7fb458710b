// The entry point. It imports nothing heavy at the top, so `--version` and `--help` start
// nearly as fast as bare Node; each command loads its own code when it runs. The TUI's plan
// (settings, a few small modules) is imported statically: loaded with this file, it reaches the
// demo sandbox's start and the first frame sooner than a dynamic import would, for a little on
// `--version` (README, Performance, has the figures).
import { COMMAND_HELP, mainHelp } from './commands/help.js';
import { startDemoSandbox } from './sandbox/demo-sandbox.js';
import { planTui } from './tui/tui-plan.js';
import { withoutGlobalFetch } from './tui/without-global-fetch.js';
import { LocalStateError } from './files.js';
import { InterruptedError, nearest, NoTokenError, UsageError } from './usage-error.js';
import { VERSION } from './version.js';

// The few exit codes this file needs, as in commands/exit-codes.ts (not imported: it loads the client's errors).
const EXIT_USAGE = 2;
const EXIT_AUTH = 3;
const EXIT_LOCAL_STATE = 14;
const EXIT_INTERRUPTED = 130;

const COMMANDS = [...Object.keys(COMMAND_HELP), 'sandbox', 'help'];

/** For the texts cli.ts prints itself: a reader that stops early is no error, a full disk one line. */
function quietOutputErrors(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`invite-tui: cannot write the output (${error.code ?? 'EIO'})\n`);
    process.exitCode = 1;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || !(command in COMMAND_HELP) || rest.includes('--help') || rest.includes('-h'))
    quietOutputErrors();
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h') {
    process.stdout.write(mainHelp(VERSION));
    return 0;
  }
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(mainHelp(VERSION));
    else if (topic === 'sandbox') return (await import('./sandbox/command.js')).runSandboxCommand(['--help']);
    else if (Object.hasOwn(COMMAND_HELP, topic)) process.stdout.write(`${COMMAND_HELP[topic]}\n`);
    else
      throw new UsageError(
        `there is no help topic "${topic}"${suggestion(topic, COMMANDS)}; topics: ${COMMANDS.filter((name) => name !== 'help').join(', ')}`,
      );
    return 0;
  }
  if (command === 'sandbox') {
    const { runSandboxCommand } = await import('./sandbox/command.js');
    return runSandboxCommand(rest);
  }
  if (command === 'serve') {
    const { runServeCommand } = await import('./serve/command.js');
    return runServeCommand(rest);
  }
  if (command === undefined || command.startsWith('-')) {
    // Chalk reads the environment when Ink loads; it ignores NO_COLOR, so tell it here.
    if (process.env.NO_COLOR || process.env.TERM === 'dumb') process.env.FORCE_COLOR = '0';
    const plan = planTui(argv);
    if (typeof plan === 'number') return plan;
    // Before Ink loads, which keeps one core busy: the demo sandbox starts on the other one meanwhile.
    const sandbox = plan.api ? undefined : startDemoSandbox(plan.demo);
    const { runTui } = await withoutGlobalFetch(() => import('./tui/run-tui.js'));
    return runTui(plan, sandbox);
  }
  if (Object.hasOwn(COMMAND_HELP, command)) {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${COMMAND_HELP[command]}\n`);
      return 0;
    }
    const { runCommand } = await import('./commands/run-command.js');
    return runCommand(command, rest);
  }
  throw new UsageError(
    `unknown command "${command}"${suggestion(command, COMMANDS)}; \`invite-tui --help\` lists them`,
  );
}

const suggestion = (typed: string, names: readonly string[]) => {
  const near = nearest(typed, names);
  return near ? ` (did you mean "${near}"?)` : '';
};

/** The options a command documents, read from its help text, to suggest the one meant. */
function unknownOptionMessage(error: Error, command: string | undefined): string {
  const typed = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
  if (command === 'sandbox') return `unknown option "${typed}" (\`invite-tui sandbox --help\` lists them)`;
  const help =
    command !== undefined && Object.hasOwn(COMMAND_HELP, command) ? (COMMAND_HELP[command] ?? '') : mainHelp(VERSION);
  const options = [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])];
  const near = nearest(typed.replace(/=.*$/, ''), options);
  const where = command !== undefined && Object.hasOwn(COMMAND_HELP, command) ? ` for ${command}` : '';
  const helpCommand = where ? `invite-tui help ${command}` : 'invite-tui --help';
  return `unknown option "${typed}"${where}${near ? `; did you mean ${near}?` : ''} (\`${helpCommand}\` lists them)`;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof NoTokenError) return EXIT_AUTH;
  if (error instanceof InterruptedError) return EXIT_INTERRUPTED;
  if (error instanceof LocalStateError) return EXIT_LOCAL_STATE;
  const isUsage =
    error instanceof UsageError ||
    (error as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS') === true;
  return isUsage ? EXIT_USAGE : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Every mistake gets its message and a stable exit code; nothing prints a stack trace.
    const message =
      (error as { code?: string } | undefined)?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? unknownOptionMessage(error as Error, process.argv[2])
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`invite-tui: ${message}\n`);
    process.exitCode = exitCodeOf(error);
  },
);
