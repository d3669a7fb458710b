// What a `serve` session's worker and the ssh side say to each other.
import type { DemoSandboxSettings } from '../sandbox/demo-options.js';

export interface SessionSetup {
  size: { columns: number; rows: number };
  demo: DemoSandboxSettings;
  redact: boolean;
  /** The session's asciicast file, with --record-dir. */
  record: string | undefined;
}

/** To the worker: the client's keys and window changes. */
export interface ToSession {
  input?: Uint8Array;
  resize?: { columns: number; rows: number };
}

/** From the worker: what to draw, and the TUI's exit code when it ends. */
export interface FromSession {
  output?: string;
  exit?: number;
}
