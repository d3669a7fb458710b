import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  retryDelay,
  type HttpMethod,
} from '../../src/api/retry-policy.js';

const http = (status: number, retryAfterSeconds?: number) =>
  new ApiError({ kind: 'http', status, detail: 'x', retryAfterSeconds });
const kind = (k: 'network' | 'timeout' | 'invalid_response' | 'redirect' | 'refused') =>
  new ApiError({ kind: k, detail: 'x' });

describe('isRetryable', () => {
  it.each<[HttpMethod, ApiError, boolean]>([
    ['GET', http(429), true],
    ['GET', http(502), true],
    ['GET', http(503), true],
    ['GET', http(504), true],
    ['GET', http(500), false],
    ['GET', http(409), false],
    ['GET', kind('network'), true],
    ['GET', kind('timeout'), true],
    ['GET', kind('invalid_response'), false],
    ['GET', kind('redirect'), false],
    ['POST', http(429), true],
    ['POST', http(502), true],
    ['POST', http(504), true],
    ['POST', http(503), false],
    ['POST', http(500), false],
    ['POST', http(409), false],
    ['POST', http(422), false],
    ['POST', kind('network'), true],
    ['POST', kind('timeout'), true],
    ['POST', kind('refused'), false],
    ['DELETE', http(429), true],
    ['DELETE', http(502), false],
    ['DELETE', kind('timeout'), false],
  ])('%s %o → %s', (method, error, expected) => {
    expect(isRetryable(method, error)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it.each<[string | null, number | undefined]>([
    ['5', 5],
    [' 120 ', 120],
    ['0', 0],
    ['Thu, 26 Nov 2026 10:00:30 GMT', 30],
    ['Thu, 26 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    ['-3', undefined],
    [null, undefined],
  ])('%j → %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('retryDelay', () => {
  it('uses Retry-After, capped', () => {
    expect(retryDelay(http(429, 2), 1, DEFAULT_RETRY_POLICY)).toEqual({
      delayMs: 2000,
      requestedMs: 2000,
      capped: false,
    });
    expect(retryDelay(http(429, 3600), 1, DEFAULT_RETRY_POLICY)).toEqual({
      delayMs: 60_000,
      requestedMs: 3_600_000,
      capped: true,
    });
  });

  it('otherwise backs off exponentially with full jitter', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxBackoffMs: 1000 };
    expect(retryDelay(http(502), 1, policy, () => 0.999).delayMs).toBe(100);
    expect(retryDelay(http(502), 3, policy, () => 0.5).delayMs).toBe(200);
    expect(retryDelay(http(502), 10, policy, () => 0.999).delayMs).toBe(999);
    expect(retryDelay(http(502), 2, policy, () => 0).delayMs).toBe(0);
  });
});
