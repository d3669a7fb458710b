// What a demo sandbox is started with, from the options people type (--seed, --clock, --faults):
// shared by the TUI's embedded sandbox and every `serve` session's.
import { wallClock } from '../clock.js';
import { seededRandom } from './seed.js';
import type { SandboxOptions } from './server.js';

export interface DemoSandboxSettings {
  seed?: number | undefined;
  /** A fixed clock (ms): stored times and new ids repeat exactly, run after run. */
  clock?: number | undefined;
  faults?: string | undefined;
}

export function demoSandboxOptions({ seed, clock, faults }: DemoSandboxSettings): SandboxOptions {
  return {
    seed: seed ?? 1,
    clock: wallClock(clock),
    invitationIds: clock === undefined ? undefined : seededInvitationIds(seed ?? 1),
    faults,
  };
}

/** Ids that repeat run after run: the time they were made at, then 40 bits from a seeded generator. */
export function seededInvitationIds(seed: number): (now: number) => string {
  const random = seededRandom(seed ^ 0x1d5);
  const hex = () =>
    Math.floor(random() * 2 ** 20)
      .toString(16)
      .padStart(5, '0');
  return (now) => `inv_${now.toString(36)}${hex()}${hex()}`;
}
