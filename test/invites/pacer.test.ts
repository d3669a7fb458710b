import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/invites/pacer.js';

describe('Pacer', () => {
  it('lets everything through until the first 429', async () => {
    const pacer = new Pacer(4);
    const started = Date.now();
    for (let i = 0; i < 1000; i++) await pacer.slot();
    expect(Date.now() - started).toBeLessThan(200);
    expect(pacer.learnedRate).toBeUndefined();
  });

  it('learns the rate the server accepted in the last second, then keeps a little under it', async () => {
    let now = 10_000;
    const pacer = new Pacer(4, () => now);
    for (let i = 0; i < 100; i++) pacer.accept(now - 900 + i * 9);
    pacer.rateLimited(now);
    expect(pacer.learnedRate).toBe(95);
    // A burst of capacity (rate less what may be in flight), then one slot per 1/95 s.
    for (let i = 0; i < 91; i++) await pacer.slot();
    let waited = false;
    const next = pacer.slot().then(() => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waited).toBe(false);
    now += 20;
    await next;
    expect(waited).toBe(true);
  });
});
