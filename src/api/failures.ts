// Turning every way a request can fail into one ApiError: error statuses with or without the
// envelope, redirects, timeouts, cancellations and dropped connections.
import { ApiError } from './errors.js';
import { errorEnvelopeSchema } from './schemas.js';
import { describeUnexpectedBody, type parseBody } from './response-body.js';

export function httpError(
  status: number,
  parsed: ReturnType<typeof parseBody>,
  retryAfterSeconds: number | undefined,
): ApiError {
  const envelope = parsed.kind === 'json' ? errorEnvelopeSchema.safeParse(parsed.value) : undefined;
  if (envelope?.success) {
    const { type, detail, errors } = envelope.data;
    return new ApiError({ kind: 'http', status, type, detail, fieldErrors: errors, retryAfterSeconds });
  }
  const described =
    parsed.kind === 'json' ? 'the error body is not the API error envelope' : describeUnexpectedBody(parsed);
  return new ApiError({ kind: 'http', status, detail: `${capitalize(described)}`, retryAfterSeconds });
}

export function redirectError(status: number, location: string | null, baseUrl: URL): ApiError {
  let target = 'another address';
  if (location) {
    try {
      target = new URL(location, baseUrl).origin;
    } catch {
      target = 'an unreadable address';
    }
  }
  return new ApiError({
    kind: 'redirect',
    status,
    detail: `The server redirected to ${target}; redirects are not followed, so the token is only ever sent to ${baseUrl.origin}. Check the API URL.`,
  });
}

/** The abort reason of a request's own timer, told apart from the caller's abort. */
export class TimeoutMarker extends Error {}

/** Maps a failed fetch or body read to timeout, cancelled or network, without keeping the raw error. */
export function transportError(caught: unknown, signal: AbortSignal, baseUrl: URL): ApiError {
  if (signal.aborted && signal.reason instanceof TimeoutMarker) {
    return new ApiError({
      kind: 'timeout',
      detail: `No complete answer from ${baseUrl.host} in time (the request timed out)`,
    });
  }
  if (signal.aborted) return new ApiError({ kind: 'cancelled', detail: 'The request was cancelled' });
  const code = systemErrorCode(caught);
  const detail =
    code === 'ECONNREFUSED'
      ? `Could not connect to ${baseUrl.host} (connection refused): is the server running and the API URL right?`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `Could not find the host ${baseUrl.hostname}: check the API URL and your network`
        : `The connection to ${baseUrl.host} was dropped before a complete answer${code ? ` (${code})` : ''}`;
  return new ApiError({ kind: 'network', detail });
}

/** The first `code` in an error's cause chain, e.g. ECONNREFUSED under ofetch's FetchError. */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
