// A flow test's start: the real App on a fresh sandbox, both on ONE fixed clock. A sandbox and a
// TUI on different clocks show nonsense ("expires in 338d"), so neither is given its own.
import { parseClock, wallClock } from '../../src/clock.js';
import { demoSandboxOptions } from '../../src/sandbox/demo-options.js';
import type { SandboxOptions } from '../../src/sandbox/server.js';
import { startTestSandbox } from './sandbox.js';
import { renderApp, type RenderAppOptions } from './tui.js';

/** Where every flow test's time stands still unless it says otherwise. */
export const FLOW_CLOCK = '2026-01-01T09:00:00Z';

export interface FlowOptions extends Omit<RenderAppOptions, 'url' | 'now'> {
  /** ISO time, as `--clock` takes it (default FLOW_CLOCK). */
  clock?: string;
  /** The demo data's seed, as `--seed` takes it (default 1). */
  seed?: number;
  /** Anything else the sandbox should do (faults, latency, --minimal...); its clock is not yours to set. */
  sandbox?: Omit<SandboxOptions, 'clock' | 'seed' | 'invitationIds'>;
}

export async function renderFlow({
  clock = FLOW_CLOCK,
  seed,
  sandbox: sandboxOptions,
  ...appOptions
}: FlowOptions = {}) {
  const settings = { clock: parseClock(clock), seed };
  const sandbox = await startTestSandbox({ ...sandboxOptions, ...demoSandboxOptions(settings) });
  const app = renderApp({ ...appOptions, url: sandbox.url, now: wallClock(settings.clock) });
  return Object.assign(app, {
    sandbox,
    async close() {
      app.unmount();
      await sandbox.close();
    },
  });
}
