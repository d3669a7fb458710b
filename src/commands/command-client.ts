// The API client for a command, from the resolved settings: the configured API, or with --demo
// the embedded sandbox, whose state lives in one file under $XDG_STATE_HOME/invite-tui so that
// `send --demo` then `list --demo` (and resuming a send) see the same invitations.
import { join } from 'node:path';
import { createClient, type InvitationsClient, type RetryWait } from '../api/client.js';
import { stateDir } from '../config/paths.js';
import { checkToken, DEMO_API, DEMO_TOKEN, timeoutFrom, type Settings } from '../config/settings.js';
import { noTokenMessage } from '../config/no-token.js';
import { securePrivateDir, warnOnStderr } from '../files.js';
import type { Sandbox } from '../sandbox/server.js';
import { lazyClient } from '../tui/lazy-client.js';
import { NoTokenError, UsageError } from '../usage-error.js';

/** A client for the resolved settings, or a clear message saying what is missing. */
export function clientFor(settings: Settings, env: NodeJS.ProcessEnv = process.env): InvitationsClient {
  if (settings.demo) return demoClient(env);
  // The journal lives in the state directory: it must not be open to others before a send writes there.
  securePrivateDir(stateDir(env), warnOnStderr, false);
  if (!settings.apiUrl) {
    throw new UsageError(
      'No API configured: set INVITE_API_URL, pass --api-url, or run `invite-tui login --api-url URL` (or try --demo).',
    );
  }
  if (!settings.token) throw new NoTokenError(noTokenMessage(settings.apiUrl.value, settings.profile));
  checkToken(settings.token);
  const warning = settings.token.source.startsWith('stored') ? settings.store.permissionWarning() : undefined;
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  return createClient({
    baseUrl: settings.apiUrl.value,
    token: settings.token.value,
    timeoutMs: timeoutFrom(env),
    onRetryWait: sayRateLimited,
  });
}

let demoSandbox: Promise<Sandbox> | undefined;

/** The file the demo sandbox keeps its state in, shared by every `--demo` command. */
function demoDataFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'demo-sandbox.json');
}

/**
 * A client of the embedded sandbox, started in this process on first use. Its `baseUrl` is the
 * fixed demo identity, not the port of the day, so the journal recognizes an earlier demo run.
 */
function demoClient(env: NodeJS.ProcessEnv): InvitationsClient {
  securePrivateDir(stateDir(env), warnOnStderr);
  const dataFile = demoDataFile(env);
  demoSandbox ??= import('../sandbox/server.js').then(({ startSandbox }) => startSandbox({ dataFile }));
  const ready = demoSandbox.then((sandbox) =>
    createClient({ baseUrl: sandbox.url, token: DEMO_TOKEN, timeoutMs: timeoutFrom(env), onRetryWait: sayRateLimited }),
  );
  return { ...lazyClient(ready), baseUrl: DEMO_API };
}

/** Stops the demo sandbox if a command started one; the process could not end while it listens. */
export async function closeDemoSandbox(): Promise<void> {
  const sandbox = demoSandbox;
  demoSandbox = undefined;
  if (sandbox) await (await sandbox.catch(() => undefined))?.close();
}

/** Scripts' logs should say why a command is waiting, and when a long Retry-After was capped. */
function sayRateLimited(wait: RetryWait): void {
  if (wait.reason.status !== 429) return;
  const seconds = Math.ceil(wait.delayMs / 1000);
  const capped =
    wait.capped && wait.requestedMs ? ` (the server asked for ${Math.ceil(wait.requestedMs / 1000)}s; capped)` : '';
  // On a terminal, clear the progress line first so the message stands on its own.
  process.stderr.write(
    `${process.stderr.isTTY ? '\r\x1b[2K' : ''}Rate limited by the server: waiting ${seconds}s${capped} before retrying…\n`,
  );
}
