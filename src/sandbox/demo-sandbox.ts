// `invite-tui` with no API runs on an embedded sandbox. It lives on a worker thread started
// before Ink loads: on the second core it is listening by the time the first frame is drawn, and
// its request handling never competes with rendering (measured: the org list drew ~60 ms sooner).
import { Worker } from 'node:worker_threads';
import type { DemoSandboxSettings } from './demo-options.js';

export interface DemoSandbox {
  /** The sandbox's base URL, once it listens. */
  url: Promise<string>;
  close(): Promise<void>;
}

/** Only from the bundle: the worker's code is dist/sandbox-worker.js, beside this chunk. */
export function startDemoSandbox(settings: DemoSandboxSettings = {}): DemoSandbox {
  const worker = new Worker(new URL('./sandbox-worker.js', import.meta.url), { workerData: settings });
  // The TUI decides when the process ends; the sandbox never holds it open.
  worker.unref();
  const url = new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { url?: unknown }) =>
      typeof message.url === 'string' ? resolve(message.url) : reject(new Error('the demo sandbox did not start')),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the demo sandbox stopped (exit code ${code})`)));
  });
  url.catch(() => undefined); // whoever awaits it reports the failure
  return {
    url,
    close: async () => {
      await worker.terminate();
    },
  };
}
