// Keeps a bulk send under the server's rate limit once it has shown it. Until the first 429 it
// does nothing; then it learns the rate from how many requests the server accepted in the second
// before, and spaces requests with a token bucket a little under that rate. One 1-second pause
// at the start beats a pause every time the limit is hit again.

const WINDOW_MS = 1_000;
const MARGIN = 0.95;

export class Pacer {
  private accepted: number[] = [];
  private rate: number | undefined;
  private capacity = 1;
  private tokens = 0;
  private refilledAt = 0;

  constructor(
    /** Requests in flight at once: they can all land together after a pause. */
    private readonly concurrency: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A request that started at `at` was not rate limited. */
  accept(at: number): void {
    this.accepted.push(at);
    const since = this.clock() - WINDOW_MS;
    while ((this.accepted[0] ?? Infinity) < since) this.accepted.shift();
  }

  /** The server said 429 and asked for a pause until `until`: learn its rate, once. */
  rateLimited(until: number): void {
    if (this.rate !== undefined) return;
    const since = this.clock() - WINDOW_MS;
    const perSecond = this.accepted.filter((at) => at >= since).length;
    this.rate = Math.max(1, perSecond * MARGIN);
    this.capacity = Math.max(1, Math.floor(this.rate) - this.concurrency);
    this.tokens = this.capacity;
    this.refilledAt = until;
  }

  /** Requests per second it keeps to, once learned. */
  get learnedRate(): number | undefined {
    return this.rate;
  }

  /** Waits until a request may start. */
  async slot(): Promise<void> {
    for (;;) {
      const rate = this.rate;
      if (rate === undefined) return;
      const now = this.clock();
      if (now > this.refilledAt) {
        this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * rate);
        this.refilledAt = now;
      }
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, ((1 - this.tokens) / rate) * 1000)));
    }
  }
}
