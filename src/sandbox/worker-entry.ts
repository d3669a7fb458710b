// The demo's sandbox on a worker thread (see demo-sandbox.ts); built as dist/sandbox-worker.js.
import { parentPort } from 'node:worker_threads';
import { startSandbox } from './server.js';

const sandbox = await startSandbox();
parentPort?.postMessage({ url: sandbox.url });
