import { useEffect, useState } from 'react';
import { useServices } from '../services.js';

/** The current time, refreshed every `intervalMs` while `active`: for countdowns and ages. */
export function useNow(intervalMs: number, active = true): number {
  const { now } = useServices();
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTime(now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, now]);
  return time;
}
