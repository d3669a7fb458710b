import { useEffect, useState } from 'react';
import { realClock } from '../../clock.js';
import { useServices } from '../services.js';

const MINUTE = 60_000;
/** Past the boundary, so a timer that fires a little early still lands in the new minute. */
const SLACK_MS = 20;

let sampled: { minute: number; now: () => number; at: number } | undefined;

/** The wall clock read once per real minute: every component showing a time that minute agrees. */
function sample(now: () => number): number {
  const minute = Math.floor(realClock() / MINUTE);
  if (sampled?.minute !== minute || sampled.now !== now) sampled = { minute, now, at: now() };
  return sampled.at;
}

/**
 * The wall clock for relative times ("20m ago", "expires in 7d"), which move on their own tick at
 * each real minute boundary rather than whenever something else redraws: a keypress then never
 * also redraws every age that happened to roll over since the last frame, and the ages all change
 * together, in one frame a minute. Fixed under --clock, like `useServices().now`.
 */
export function useShownTime(): number {
  const { now } = useServices();
  const [time, setTime] = useState(() => sample(now));
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setTime(sample(now));
          schedule();
        },
        MINUTE - (realClock() % MINUTE) + SLACK_MS,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [now]);
  return time;
}
