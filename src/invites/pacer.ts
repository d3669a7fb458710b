// Owns every pause of a bulk send. Until the first 429 it does nothing; then everyone waits out
// the server's Retry-After, and it learns the rate from how many requests the server accepted in
// the second before, and spaces requests with a token bucket a little under that rate. One
// 1-second pause at the start beats a pause every time the limit is hit again.
import { sleep } from '../api/sleep.js';

const WINDOW_MS = 1_000;
const MARGIN = 0.95;
/** How often a paused worker looks whether the run was stopped meanwhile. */
const STOP_CHECK_MS = 250;

export class Pacer {
  private accepted: number[] = [];
  private rate: number | undefined;
  private capacity = 1;
  private tokens = 0;
  private refilledAt = 0;
  private pausedUntil = 0;

  constructor(
    /** Requests in flight at once: they can all land together after a pause. */
    private readonly concurrency: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A request that started at `at` was not rate limited. */
  accept(at: number): void {
    this.accepted.push(at);
    this.acceptedLastSecond();
  }

  /** Forgets what is older than a second (requests end out of order, so not only at the front). */
  private acceptedLastSecond(): number[] {
    const since = this.clock() - WINDOW_MS;
    this.accepted = this.accepted.filter((at) => at >= since);
    return this.accepted;
  }

  /** The server said 429 and asked for a pause until `until`: hold every new request, learn its rate, once. */
  rateLimited(until: number): void {
    this.pauseUntil(until);
    if (this.rate !== undefined) return;
    const perSecond = this.acceptedLastSecond().length;
    this.rate = Math.max(1, perSecond * MARGIN);
    this.capacity = Math.max(1, Math.floor(this.rate) - this.concurrency);
    this.tokens = this.capacity;
    this.refilledAt = until;
  }

  /** No new request starts before `until` (epoch ms). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Requests per second it keeps to, once learned. */
  get learnedRate(): number | undefined {
    return this.rate;
  }

  /** Waits until a request may start; returns early (false) once `stopped` says so. */
  async slot(stopped: () => boolean = () => false): Promise<boolean> {
    while (this.pausedUntil > this.clock()) {
      if (stopped()) return false;
      await sleep(Math.min(STOP_CHECK_MS, this.pausedUntil - this.clock()), undefined);
    }
    for (;;) {
      const rate = this.rate;
      if (rate === undefined || stopped()) return !stopped();
      const now = this.clock();
      if (now > this.refilledAt) {
        this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * rate);
        this.refilledAt = now;
      }
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return true;
      }
      await sleep(Math.max(1, ((1 - this.tokens) / rate) * 1000), undefined);
    }
  }
}
