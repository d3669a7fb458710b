// Prism (@stoplight/prism-cli) as the tests' independent peer: a mock generated from
// docs/openapi.yaml, or a validating proxy that checks a real server's answers against it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OPENAPI_DOCUMENT = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));

const PRISM_BIN = join(
  dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')),
  'dist/index.js',
);
// Prism reads the document and logs every route before it listens: slow on a loaded machine.
const STARTUP_TIMEOUT_MS = 90_000;
const LISTENING = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;
const ANSI = /\x1b\[[0-9;]*m/g;

export interface PrismProcess {
  url: string;
  /** The last lines Prism logged, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** `prism mock` on the document, on 127.0.0.1 with a free port. */
export function startPrismMock(): Promise<PrismProcess> {
  return startPrism(['mock', OPENAPI_DOCUMENT]);
}

/** `prism proxy --errors`: forwards to `upstream` and answers 500 where an answer breaks the document. */
export function startPrismProxy(upstream: string): Promise<PrismProcess> {
  return startPrism(['proxy', OPENAPI_DOCUMENT, upstream, '--errors', '--validate-request=false']);
}

function startPrism(args: string[]): Promise<PrismProcess> {
  const child = spawn(process.execPath, [PRISM_BIN, ...args, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Prism logs every request; reading it all keeps the pipe from filling up and stalling Prism.
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8').replace(ANSI, '')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A test run that ends without stop() (a crash, a timeout) must not leave Prism running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const log = () => output.split('\n').slice(-30).join('\n');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not listen within ${STARTUP_TIMEOUT_MS} ms:\n${log()}`));
    }, STARTUP_TIMEOUT_MS);
    const onData = () => {
      const url = LISTENING.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ url, log, stop });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${signal ?? code}) before it listened:\n${log()}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
