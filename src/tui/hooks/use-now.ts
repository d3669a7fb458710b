import { useEffect, useState } from 'react';
import { realClock } from '../../clock.js';

/**
 * The current time, re-rendering every `intervalMs` while `active`: for countdowns and rates.
 * Real time, not the services' wall clock: durations must keep moving under a fixed --clock.
 */
export function useNow(intervalMs: number, active = true): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  // Read at render, so a countdown drawn right after an event is not an interval behind.
  return realClock();
}
