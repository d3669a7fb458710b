import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  parseRetryAfter,
  REPLAYED_ANSWER,
  sendAgainWithSameKey,
  type SendAgain,
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

describe('sendAgainWithSameKey: the one rule for the client, the passes, resume and r', () => {
  it.each<[string, Parameters<typeof sendAgainWithSameKey>[0], SendAgain]>([
    ['429', http(429), 'now'],
    ['502', http(502), 'now'],
    ['504', http(504), 'now'],
    ['timeout', kind('timeout'), 'now'],
    ['dropped connection', kind('network'), 'now'],
    ['500', http(500), 'on-request'],
    ['503', http(503), 'on-request'],
    ['an unreadable success', kind('invalid_response'), 'on-request'],
    ['409', http(409), 'never'],
    ['403', http(403), 'never'],
    ['422', http(422), 'never'],
    ['a refusal before sending', kind('refused'), 'never'],
    ['a replayed answer', new ApiError({ kind: 'invalid_response', type: REPLAYED_ANSWER, detail: 'x' }), 'never'],
    ['a cancelled request', new ApiError({ kind: 'cancelled', detail: 'x' }), 'on-request'],
    // Journals keep the type: a replay journaled by an earlier version is still one.
    ['a journaled replay', { kind: 'invalid_response', type: 'replayed_answer' }, 'never'],
    ['a status without its kind', { status: 502 }, 'never'],
    // As the journal records them: status, and `type ?? kind` (older journals) or the kind.
    ['journaled 502', { kind: 'http', type: 'bad_gateway', status: 502 }, 'now'],
    ['journaled network', { kind: 'network', type: 'network' }, 'now'],
    ['a 400 whose type says "timeout"', { kind: 'http', type: 'timeout', status: 400 }, 'never'],
  ])('%s → %s', (_, failure, expected) => {
    expect(sendAgainWithSameKey(failure)).toBe(expected);
  });

  it('the client retries a POST exactly when the rule says now', () => {
    for (const error of [http(429), http(502), http(503), http(500), http(409), kind('network'), kind('timeout')])
      expect(isRetryable('POST', error)).toBe(sendAgainWithSameKey(error) === 'now');
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
    ['5s', undefined],
    // Dates Date.parse would read, which are not HTTP-dates.
    ['-3 Nov 2026', undefined],
    ['A 2026', undefined],
    ['', undefined],
    ['Thu, 26 Nov 2026 10:00:00 XYZ', undefined],
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
    expect(retryDelay(http(429, 60), 1, DEFAULT_RETRY_POLICY)).toEqual({
      delayMs: 60_000,
      requestedMs: 60_000,
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
    expect(retryDelay(http(502), 1, policy, () => 0.999)).toEqual({ delayMs: 100, capped: false });
    expect(retryDelay(http(502), 3, policy, () => 0.5).delayMs).toBe(200);
    expect(retryDelay(http(502), 10, policy, () => 0.999).delayMs).toBe(999);
    expect(retryDelay(http(502), 2, policy, () => 0).delayMs).toBe(0);
  });
});
