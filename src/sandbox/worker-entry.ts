// The demo's sandbox on a worker thread (started by src/tui/start.ts); built as dist/sandbox-worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { demoSandboxOptions, type DemoSandboxSettings } from './demo-options.js';
import { startSandbox } from './server.js';

const sandbox = await startSandbox(demoSandboxOptions((workerData ?? {}) as DemoSandboxSettings));
parentPort?.postMessage({ url: sandbox.url });
