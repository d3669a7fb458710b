// Relative ages move on their own tick at each real minute boundary, not whenever something else
// redraws: a keypress that redraws the table must not also redraw every age that rolled over.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, expect, it, vi } from 'vitest';
import { describeAge } from '../../src/invites/format.js';
import { useShownTime } from '../../src/tui/hooks/use-shown-time.js';
import { ServicesContext, type Services } from '../../src/tui/services.js';
import type * as Clock from '../../src/clock.js';

const clocks = vi.hoisted(() => ({ real: 0 }));
vi.mock('../../src/clock.js', async (original) => ({
  ...(await original<typeof Clock>()),
  realClock: () => clocks.real,
}));

const MINUTE = 60_000;
const created = '2026-11-26T10:00:00Z';

function Age({ moves }: { moves: number }) {
  const time = useShownTime();
  return (
    <Text>
      {describeAge(created, time)} · {moves}
    </Text>
  );
}

afterEach(() => void vi.useRealTimers());

it('keeps the ages of a redraw as they were, and moves them all at the next minute', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  clocks.real = Date.parse('2026-11-26T10:20:40Z');
  let wall = Date.parse('2026-11-26T10:20:10Z');
  const services = { now: () => wall } as Services;
  const view = (moves: number) => (
    <ServicesContext.Provider value={services}>
      <Age moves={moves} />
    </ServicesContext.Provider>
  );
  const { lastFrame, rerender, unmount } = render(view(0));
  expect(lastFrame()).toBe('20m ago · 0');
  // The wall clock moves on (an age rolls over), then a key redraws: the age stays.
  wall += 40_000;
  clocks.real += 15_000;
  rerender(view(1));
  expect(lastFrame()).toBe('20m ago · 1');
  // At the real minute boundary the tick reads the wall clock again.
  clocks.real = Date.parse('2026-11-26T10:21:00Z') + 25;
  await vi.advanceTimersByTimeAsync(MINUTE);
  await vi.advanceTimersByTimeAsync(100); // Ink's own frame throttle
  expect(lastFrame()).toBe('21m ago · 1');
  unmount();
});
