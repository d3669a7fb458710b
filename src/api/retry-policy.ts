// When and how long to wait before trying a request again. Kept apart from the client so the
// policy reads in one place and is tested without a network.
import type { ApiError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RetryPolicy {
  maxAttempts: number;
  /** Longest wait a Retry-After header may impose; longer requests are capped and reported. */
  maxRetryAfterMs: number;
  baseDelayMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  maxRetryAfterMs: 60_000,
  baseDelayMs: 300,
  maxBackoffMs: 5_000,
};

const RETRYABLE_GET_STATUSES = new Set([429, 502, 503, 504]);

/** What is known of a failed send: an ApiError, or its journaled status and type. */
export interface FailureFacts {
  kind?: string | undefined;
  type?: string | undefined;
  status?: number | undefined;
}

/** The error type of a success that was the server's stored answer for an earlier send. */
export const REPLAYED_ANSWER = 'replayed_answer';

/**
 * The one rule for "may this invitation be sent again with the same Idempotency-Key?", used by
 * the client's retries, the extra passes, resume and the TUI's `r`:
 * - `now`: yes, and automatically: 429 (nothing was done), 502, 504, a timeout, a dropped connection;
 * - `on-request`: the outcome is unknown (another 5xx, an unreadable success): the key is kept and
 *   goes again only when a person asks (r, running the command again), never on its own;
 * - `never`: a definitive answer; a later send of the address is a new intent with a new key.
 */
export type SendAgain = 'now' | 'on-request' | 'never';

export function sendAgainWithSameKey(failure: FailureFacts): SendAgain {
  const { kind, type, status } = failure;
  if (type === REPLAYED_ANSWER) return 'never';
  if (kind === 'network' || kind === 'timeout') return 'now';
  if (kind === 'invalid_response' || kind === 'cancelled') return 'on-request';
  if (kind !== 'http' || status === undefined) return 'never';
  if (status === 429 || status === 502 || status === 504) return 'now';
  return status >= 500 ? 'on-request' : 'never';
}

/**
 * GET retries on 429/502/503/504, network errors and timeouts. A POST retries on 429 (nothing was
 * done) and, because it carries the same Idempotency-Key, on 502/504/timeouts/dropped connections.
 * DELETE retries only on 429: a repeat after an unseen success would report a confusing 404.
 */
export function isRetryable(method: HttpMethod, error: ApiError): boolean {
  if (method === 'POST') return sendAgainWithSameKey(error) === 'now';
  if (error.kind === 'network' || error.kind === 'timeout') return method !== 'DELETE';
  if (error.kind !== 'http' || error.status === undefined) return false;
  if (method === 'GET') return RETRYABLE_GET_STATUSES.has(error.status);
  return error.status === 429;
}

/** Parses Retry-After as delay-seconds or an HTTP-date; returns seconds from `now`, or undefined. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date starts with the day's name; Date.parse alone would read "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export interface RetryDelay {
  delayMs: number;
  /** What the server asked for, when it sent Retry-After. */
  requestedMs?: number;
  capped: boolean;
}

/** Retry-After when the server sent one (capped), else full-jitter exponential backoff. */
export function retryDelay(
  error: ApiError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDelay {
  if (error.retryAfterSeconds !== undefined) {
    const requestedMs = error.retryAfterSeconds * 1000;
    const delayMs = Math.min(requestedMs, policy.maxRetryAfterMs);
    return { delayMs, requestedMs, capped: delayMs < requestedMs };
  }
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { delayMs: Math.round(random() * ceiling), capped: false };
}
