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
    this.buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }
}
