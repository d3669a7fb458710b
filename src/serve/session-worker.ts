// One `serve` session, on a worker thread of its own (built as dist/serve-session.js): the full
// TUI on its own fresh demo sandbox. The thread has its own environment, so chalk takes the
// client's colour level, and an uncaught error ends this session only.
import { parentPort, workerData } from 'node:worker_threads';
import { demoSandboxOptions } from '../sandbox/demo-options.js';
import { startSandbox } from '../sandbox/server.js';
import { openTui } from '../tui/start.js';
import type { SessionSetup, ToSession } from './session-messages.js';
import { sessionTerminal } from './tty-streams.js';

const setup = workerData as SessionSetup;
const port = parentPort!;
const terminal = sessionTerminal(setup.size, (output) => port.postMessage({ output }));
port.on('message', (message: ToSession) => {
  if (message.input) terminal.type(message.input);
  if (message.resize) terminal.resize(message.resize.columns, message.resize.rows);
});

const sandbox = await startSandbox(demoSandboxOptions(setup.demo));
// Ink loaded as for the TUI in a terminal (start.ts), so yoga does not load undici in every session.
const code = await openTui(
  {
    api: undefined,
    demo: setup.demo,
    name: 'demo sandbox',
    timeoutMs: undefined,
    redact: setup.redact,
    record: setup.record,
  },
  { url: Promise.resolve(sandbox.url), close: () => sandbox.close() },
  process.env,
  { stdin: terminal.stdin, stdout: terminal.stdout, ephemeral: true },
);
port.postMessage({ exit: code });
