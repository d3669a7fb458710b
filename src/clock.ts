// --clock ISO: one fixed wall clock for demos, recordings and snapshot tests. It fixes what is
// shown and stored (timestamps, "2m ago", "expires in 7d", new ids); timers, timeouts, countdowns
// and pacing measure durations, so they read the real Date.now() and never this clock.
import { UsageError } from './usage-error.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant `--clock` names, in ms; a time without a zone would differ between machines. */
export function parseClock(value: string): number {
  const at = ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at))
    throw new UsageError(`--clock takes an ISO 8601 time with its zone, e.g. 2026-01-01T09:00:00Z (got "${value}")`);
  return at;
}

/** Real time, for durations (countdowns, rates): what a fixed --clock never stops. */
export const realClock: () => number = Date.now;

/** The wall clock: stopped at `at` under --clock, else the real one. */
export function wallClock(at: number | undefined): () => number {
  return at === undefined ? Date.now : () => at;
}
