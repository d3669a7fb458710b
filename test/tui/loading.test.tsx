// The loading indicator holds still for a quick load and spins for a slow one.
import { render } from 'ink-testing-library';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';
import { Loading } from '../../src/tui/components/loading.js';
import { waitUntil } from '../helpers/wait.js';

it('draws a still indicator first and spins only after 300 ms', async () => {
  const { lastFrame, frames, unmount } = render(<Loading label="Loading organizations…" />);
  const started = performance.now();
  expect(stripVTControlCharacters(lastFrame() ?? '')).toBe('⠋ Loading organizations…');
  await sleep(150);
  // A quick load: nothing is redrawn, so no frame competes with the one that shows the data.
  expect(frames).toHaveLength(1);
  await waitUntil(() => frames.length >= 3);
  expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  const glyphs = new Set(frames.map((frame) => stripVTControlCharacters(frame).slice(0, 1)));
  expect(glyphs.size).toBeGreaterThan(1);
  expect(stripVTControlCharacters(lastFrame() ?? '')).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Loading organizations…$/);
  unmount();
});
