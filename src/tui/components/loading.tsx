import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useState } from 'react';
import { useTheme } from '../theme.js';

/**
 * How long the indicator stays still before it spins. A quick load (the demo's org list) then
 * costs no extra frames: a spinner tick just before the data arrives would hold the real frame
 * back by Ink's render throttle.
 */
const SPIN_AFTER_MS = 300;

/** A spinner and what is being waited for. */
export function Loading({ label }: { label: string }) {
  const theme = useTheme();
  const [spinning, setSpinning] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSpinning(true), SPIN_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Text>
      {/* ⠋ is the dots spinner's first frame, so the start of the animation does not jump. */}
      <Text color={theme.color('accent')}>{spinning ? <Spinner type="dots" /> : '⠋'}</Text> {label}
    </Text>
  );
}
