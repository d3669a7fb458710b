// Runs a scriptable command and turns whatever it throws into a message and a stable exit code.
import { companionFailure } from '../api/companion.js';
import { ApiError } from '../api/errors.js';
import { UsageError } from '../usage-error.js';
import { closeDemoSandbox } from './command-client.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { hintsFor } from './hints.js';
import {
  describeError,
  describeOutputError,
  errorJson,
  flushOut,
  printJson,
  say,
  stdoutFailed,
  watchStdout,
} from './output.js';

const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  send: async () => (await import('./send.js')).runSend,
  list: async () => (await import('./list.js')).runList,
  orgs: async () => (await import('./orgs.js')).runOrgs,
  revoke: async () => (await import('./revoke.js')).runRevoke,
  login: async () => (await import('./login.js')).runLogin,
  logout: async () => (await import('./login.js')).runLogout,
  config: async () => (await import('./login.js')).runConfig,
};

export async function runCommand(name: string, args: string[]): Promise<number> {
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}"`);
  watchStdout();
  const code = await runLoaded(name, load, args);
  flushOut();
  // A write to a closed pipe fails after it returns: let that failure arrive before judging.
  await new Promise((resolve) => setImmediate(resolve));
  const failure = stdoutFailed();
  if (!failure) return code;
  // `send` reports the stop itself (and exits 130: resumable); a reader that stopped reading is no error.
  if (name === 'send') return code === EXIT.ok ? EXIT.interrupted : code;
  if (failure.code === 'EPIPE') return code;
  say(describeOutputError(failure));
  return code === EXIT.ok ? 1 : code;
}

async function runLoaded(
  name: string,
  load: () => Promise<(args: string[]) => Promise<number>>,
  args: string[],
): Promise<number> {
  try {
    return await (
      await load()
    )(args);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (args.includes('--json')) printJson({ ok: false, error: errorJson(error) });
    const companion = companionFailure(error);
    if (companion) {
      say(`invite-tui: ${companion.sentence}`);
      if (companion.unsupported) return EXIT.unsupported;
      say('`invite-tui orgs` lists the organizations you can see, where the server offers that list.');
      return exitCodeFor(error);
    }
    for (const line of describeError(error)) say(`invite-tui: ${line}`);
    for (const hint of hintsFor(name, error, args)) say(hint);
    return error.kind === 'refused' ? EXIT.usage : exitCodeFor(error);
  } finally {
    await closeDemoSandbox();
  }
}
