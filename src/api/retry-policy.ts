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
// A POST carries an Idempotency-Key, so the server answers a repeat with the original result.
const RETRYABLE_POST_STATUSES = new Set([429, 502, 504]);

/**
 * GET retries on 429/502/503/504, network errors and timeouts. A POST retries on 429 (nothing was
 * done) and, because it carries the same Idempotency-Key, on 502/504/timeouts/dropped connections.
 * DELETE retries only on 429: a repeat after an unseen success would report a confusing 404.
 */
export function isRetryable(method: HttpMethod, error: ApiError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return method !== 'DELETE';
  if (error.kind !== 'http' || error.status === undefined) return false;
  if (method === 'GET') return RETRYABLE_GET_STATUSES.has(error.status);
  if (method === 'POST') return RETRYABLE_POST_STATUSES.has(error.status);
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
