/** A token bucket per caller: `rate` requests per second, with bursts up to `rate`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly clock: () => number,
  ) {}

  /** Takes a slot; returns undefined when allowed, else the seconds to wait (Retry-After). */
  take(caller: string): number | undefined {
    const now = this.clock();
    const bucket = this.buckets.get(caller) ?? { tokens: this.rate, at: now };
    bucket.tokens = Math.min(this.rate, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
    bucket.at = now;
    // Re-inserted at the end, so the map stays in order of last use and idle buckets are at its front.
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    this.forgetIdle(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }

  /** A bucket unused for a second is full again, the same as no bucket: invitee tokens are unbounded. */
  private forgetIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (now - bucket.at < 1000) break;
      this.buckets.delete(caller);
    }
  }
}
