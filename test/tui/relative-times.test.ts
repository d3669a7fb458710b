// Relative times as people read them.
import { describe, expect, it } from 'vitest';
import { describeAge, describeExpiry, shortDuration } from '../../src/invites/format.js';

const m = 60_000;
const h = 60 * m;
const d = 24 * h;

describe('relative times', () => {
  it('round to the nearest of the largest unit a duration nearly reaches', () => {
    expect(shortDuration(7 * d - 2 * m)).toBe('7d');
    expect(shortDuration(6 * d + 11 * h)).toBe('6d');
    expect(shortDuration(6 * d + 12 * h)).toBe('7d');
    expect(shortDuration(23 * h + 40 * m)).toBe('1d');
    expect(shortDuration(23 * h + 20 * m)).toBe('23h');
    expect(shortDuration(59 * m + 40_000)).toBe('1h');
    expect(shortDuration(90 * 1000)).toBe('2m');
    expect(shortDuration(10_000)).toBe('now');
  });

  it('an invitation made two minutes ago expires in 7d and was created just now', () => {
    const now = Date.parse('2026-11-26T10:02:00Z');
    expect(describeExpiry('2026-12-03T10:00:00Z', now)).toBe('expires in 7d');
    expect(describeAge('2026-11-26T10:00:00Z', now)).toBe('2m ago');
    expect(describeAge('2026-11-26T10:01:50Z', now)).toBe('just now');
  });
});
