// The pacer on fake time: when each slot is granted, to the millisecond.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/invites/pacer.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const since = () => Date.now() - T0;

/** Takes `count` slots one after another; the times (ms after T0) they were granted at. */
async function take(pacer: Pacer, count: number, stopped?: () => boolean) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    expect(await pacer.slot(stopped)).toBe(true);
    times.push(since());
  }
  return times;
}

/** Lets fake time run for `ms` while `count` slots are taken; those granted by then. */
async function takeDuring(pacer: Pacer, ms: number, count = 10_000) {
  const times: number[] = [];
  let stop = false;
  const taking = (async () => {
    for (let i = 0; i < count && (await pacer.slot(() => stop)); i++) times.push(since());
  })();
  await vi.advanceTimersByTimeAsync(ms);
  stop = true;
  await vi.runAllTimersAsync();
  await taking;
  return times;
}

/** A pacer that learned `perSecond` accepted requests a second, paused until `pause` ms after T0. */
function learned(perSecond: number, concurrency: number, pause = 0) {
  const pacer = new Pacer(concurrency);
  for (let i = 0; i < perSecond; i++) pacer.accept(T0 - 900 + i);
  pacer.rateLimited(T0 + pause);
  return pacer;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Pacer before a 429', () => {
  it('lets everything through at once', async () => {
    const pacer = new Pacer(4);
    for (let i = 0; i < 1000; i++) expect(await pacer.slot()).toBe(true);
    expect(since()).toBe(0);
    expect(pacer.learnedRate).toBeUndefined();
  });

  it('says false once stopped', async () => {
    expect(await new Pacer(4).slot(() => true)).toBe(false);
  });
});

describe('Pacer learns the rate once', () => {
  it('from the requests the server accepted in the second before the 429, less 5%', () => {
    const pacer = new Pacer(4);
    for (let i = 0; i < 100; i++) pacer.accept(T0 - 900 + i * 9);
    pacer.rateLimited(T0);
    expect(pacer.learnedRate).toBe(95);
  });

  it('counts a request started exactly a second before, not one started earlier', () => {
    const pacer = new Pacer(4);
    for (const at of [T0 - 1_001, T0 - 1_000, T0 - 500, T0]) pacer.accept(at);
    pacer.rateLimited(T0);
    expect(pacer.learnedRate).toBeCloseTo(3 * 0.95);
  });

  it('keeps at least one request a second when nothing was accepted', () => {
    const pacer = new Pacer(4);
    pacer.rateLimited(T0 + 1_000);
    expect(pacer.learnedRate).toBe(1);
  });

  it('a later 429 pauses again but does not learn again', async () => {
    const pacer = learned(20, 4);
    const rate = pacer.learnedRate;
    expect(rate).toBe(19);
    for (let i = 0; i < 50; i++) pacer.accept(T0 - 10);
    pacer.rateLimited(T0 + 3_000);
    expect(pacer.learnedRate).toBe(rate);
    const slot = pacer.slot();
    await vi.advanceTimersByTimeAsync(3_000);
    await slot;
    expect(since()).toBe(3_000);
  });
});

describe('Pacer pauses', () => {
  it("holds every slot until the 429's Retry-After; a shorter pause asked later does not shorten it", async () => {
    const pacer = new Pacer(4);
    pacer.rateLimited(T0 + 2_000);
    pacer.pauseUntil(T0 + 500);
    let granted: number | undefined;
    const slot = pacer.slot().then(() => (granted = since()));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(granted).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await slot;
    expect(granted).toBe(2_000);
  });

  it('ends a short pause on time, not at the next quarter-second check', async () => {
    const pacer = new Pacer(4);
    pacer.pauseUntil(T0 + 100);
    const times = take(pacer, 3);
    await vi.runAllTimersAsync();
    expect(await times).toEqual([100, 100, 100]);
  });

  it('a stop during a long pause ends the wait within a quarter second, with false', async () => {
    const pacer = new Pacer(4);
    pacer.pauseUntil(T0 + 60_000);
    let stop = false;
    setTimeout(() => (stop = true), 1_000);
    const slot = pacer.slot(() => stop).then((result) => [result, since()]);
    await vi.advanceTimersByTimeAsync(1_250);
    expect(await slot).toEqual([false, 1_000]);
  });

  it('a stop after the pause, once the rate is learned, says false too', async () => {
    const pacer = learned(50, 4);
    expect(await pacer.slot(() => true)).toBe(false);
  });
});

describe('Pacer refills at the learned rate', () => {
  it('after the pause: a burst of the rate less what may be in flight, then one slot per 1/rate s', async () => {
    // 100 a second accepted: 95 learned; 4 in flight may land together, so a burst of 91.
    const pacer = learned(100, 4, 1_000);
    const times = await takeDuring(pacer, 2_000);
    expect(times.slice(0, 91)).toEqual(Array(91).fill(1_000));
    expect(times[91]).toBeGreaterThan(1_010);
    expect(times[91]).toBeLessThanOrEqual(1_011);
    // The second after the burst: 95 slots, evenly spaced.
    const next = times.slice(91);
    expect(next.length).toBeGreaterThanOrEqual(94);
    expect(next.length).toBeLessThanOrEqual(95);
    const gaps = next.slice(1).map((at, i) => at - (next[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(11);
  });

  it('saves up no more than one burst while idle', async () => {
    const pacer = learned(100, 4);
    await takeDuring(pacer, 100);
    await vi.advanceTimersByTimeAsync(10_000);
    const start = since();
    const burst = (await takeDuring(pacer, 1)).filter((at) => at === start);
    expect(burst).toHaveLength(91);
  });

  it('a slow server (one a second): one slot at the end of the pause, then one a second', async () => {
    const pacer = learned(1, 4, 500);
    expect(pacer.learnedRate).toBe(1);
    expect(await takeDuring(pacer, 3_600)).toEqual([500, 1_500, 2_500, 3_500]);
  });

  it('a request part-way through an interval waits only for the rest of it', async () => {
    const pacer = learned(1, 4);
    const first = take(pacer, 1);
    await vi.runAllTimersAsync();
    expect(await first).toEqual([0]);
    await vi.advanceTimersByTimeAsync(400);
    const second = take(pacer, 1);
    await vi.runAllTimersAsync();
    expect(await second).toEqual([1_000]);
  });

  it('waits for the next slot by sleeping until it, not by polling the clock', async () => {
    let reads = 0;
    const pacer = new Pacer(4, () => {
      reads++;
      return Date.now();
    });
    pacer.rateLimited(T0);
    await take(pacer, 1);
    reads = 0;
    const second = take(pacer, 1);
    await vi.runAllTimersAsync();
    expect(await second).toEqual([1_000]);
    expect(reads).toBeLessThan(10);
  });
});
