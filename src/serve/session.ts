// The ssh side of one session: starts its worker, carries keys in and frames out, passes window
// changes on, and ends the worker when the visitor quits, drops, idles or the worker crashes.
import type { ServerChannel } from 'ssh2';
import { Worker } from 'node:worker_threads';
import type { FromSession, SessionSetup } from './session-messages.js';

export interface SessionOptions {
  setup: SessionSetup;
  /** The client's TERM and the variables it sent (ssh SendEnv); nothing of the server's. */
  term: string;
  clientEnv: Record<string, string>;
  idleMs: number;
  log: (line: string) => void;
}

export interface RunningSession {
  resize(columns: number, rows: number): void;
  /** Resolves once the worker is gone and its sandbox with it. */
  ended: Promise<void>;
}

const SHOW_CURSOR = '\x1b[?25h';
/** Far above what a demo session uses, well below what would starve the others. */
const SESSION_HEAP_MB = 256;

export function runSession(channel: ServerChannel, options: SessionOptions): RunningSession {
  const worker = new Worker(new URL('./serve-session.js', import.meta.url), {
    env: sessionEnv(options.term, options.clientEnv),
    workerData: options.setup,
    // One visitor cannot take the host's memory: past this the worker alone stops (an 'error').
    resourceLimits: { maxOldGenerationSizeMb: SESSION_HEAP_MB },
    // A session's stray console output stays out of the server's own.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  let open = true;
  const finish = (code: number, note?: string) => {
    if (!open) return;
    open = false;
    clearTimeout(idleTimer);
    if (note) channel.write(`${SHOW_CURSOR}\r\n${note}\r\n`);
    channel.exit(code);
    channel.end();
    void worker.terminate();
  };

  let idleTimer: NodeJS.Timeout;
  const stillThere = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(
      () => finish(0, `invite-tui: no key for ${options.idleMs / 60_000} min; this session is closed.`),
      options.idleMs,
    );
  };
  stillThere();

  worker.on('message', (message: FromSession) => {
    if (message.output !== undefined && open) channel.write(message.output);
    if (message.exit !== undefined) finish(message.exit);
  });
  worker.on('error', (error) => {
    options.log(`crashed: ${error.message}`);
    finish(1, 'invite-tui: this session stopped on an error (other sessions are unaffected).');
  });
  channel.on('data', (data: Buffer) => {
    stillThere();
    worker.postMessage({ input: data });
  });
  // The client went away (quit, closed its window, lost the network): free the sandbox now.
  channel.on('close', () => {
    open = false;
    clearTimeout(idleTimer);
    void worker.terminate();
  });
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void ended.then(() => finish(0));
  return {
    resize: (columns, rows) => worker.postMessage({ resize: { columns, rows } }),
    ended,
  };
}

/**
 * The worker's whole environment: the client's terminal type and the colour it asked for. No
 * variable of the server's (INVITE_API_URL, tokens, HOME) reaches a session.
 */
export function sessionEnv(term: string, clientEnv: Record<string, string>): Record<string, string> {
  const noColor = 'NO_COLOR' in clientEnv || term === 'dumb';
  return {
    TERM: term,
    ...(clientEnv.COLORTERM && { COLORTERM: clientEnv.COLORTERM }),
    ...(clientEnv.LANG && { LANG: clientEnv.LANG }),
    ...(noColor && { NO_COLOR: '1' }),
    // Chalk would ask whether fd 1 is a TTY, which is the server's stdout; the client's pty is one.
    // With FORCE_COLOR=1 it still reads TERM and COLORTERM for 256 colours or true colour.
    FORCE_COLOR: noColor ? '0' : '1',
  };
}
