// The entry point. It imports nothing heavy at the top, so `--version` and `--help` start
// nearly as fast as bare Node; each command loads its own code when it runs. The TUI's plan
// (settings, a few small modules) is imported statically: loaded with this file, it reaches the
// demo sandbox's start and the first frame sooner than a dynamic import would (measured: first
// frame ~300 -> ~260 ms, --version +4 ms).
import { COMMAND_HELP, mainHelp } from './commands/help.js';
import { startDemoSandbox } from './sandbox/demo-sandbox.js';
import { planTui } from './tui/tui-plan.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
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
    process.stdout.write(topic && COMMAND_HELP[topic] ? `${COMMAND_HELP[topic]}\n` : mainHelp(VERSION));
    return topic && !COMMAND_HELP[topic] && topic !== 'sandbox' ? EXIT_USAGE : 0;
  }
  if (command === 'sandbox') {
    const { runSandboxCommand } = await import('./sandbox/command.js');
    return runSandboxCommand(rest);
  }
  if (command === undefined || command.startsWith('-')) {
    // Chalk reads the environment when Ink loads; it ignores NO_COLOR, so tell it here.
    if (process.env.NO_COLOR || process.env.TERM === 'dumb') process.env.FORCE_COLOR = '0';
    const plan = planTui(argv);
    if (typeof plan === 'number') return plan;
    // Before Ink loads (~100 ms of one core): the demo sandbox starts on the other one meanwhile.
    const sandbox = plan.api ? undefined : startDemoSandbox();
    const { runTui } = await import('./tui/run-tui.js');
    return runTui(plan, sandbox);
  }
  if (command in COMMAND_HELP) {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${COMMAND_HELP[command]}\n`);
      return 0;
    }
    const { runCommand } = await import('./commands/run-command.js');
    return runCommand(command, rest);
  }
  process.stderr.write(`invite-tui: unknown command "${command}"\n\n${mainHelp(VERSION)}`);
  return EXIT_USAGE;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Usage mistakes (bad flags) get their message and exit 2; nothing prints a stack trace.
    const isUsage =
      error instanceof UsageError ||
      (error as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS') === true;
    process.stderr.write(`invite-tui: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isUsage ? EXIT_USAGE : 1;
  },
);
