// The API client for a command, from the resolved settings.
import { createClient, type RetryWait } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { UsageError } from '../usage-error.js';
import { timeoutFrom, type Settings } from './settings.js';

/** A client for the resolved settings, or a clear message saying what is missing. */
export function clientFor(settings: Settings, env: NodeJS.ProcessEnv = process.env) {
  if (!settings.apiUrl) {
    throw new UsageError(
      'No API configured: set INVITE_API_URL, pass --api-url, or run `invite-tui login --api-url URL`.',
    );
  }
  if (!settings.token) {
    throw new ApiError({
      kind: 'http',
      status: 401,
      type: 'no_token',
      detail: 'No token: set INVITE_API_TOKEN or run `invite-tui login`.',
    });
  }
  const warning = settings.token.source.startsWith('stored') ? settings.store.permissionWarning() : undefined;
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  return createClient({
    baseUrl: settings.apiUrl.value,
    token: settings.token.value,
    timeoutMs: timeoutFrom(env),
    onRetryWait: sayRateLimited,
  });
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
