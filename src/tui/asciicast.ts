// --record FILE: an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/) of
// exactly what the terminal was sent: a header line, then one `[seconds, "o", text]` line per
// write and `[seconds, "r", "COLSxROWS"]` per resize. It taps the stream Ink writes to, so it holds
// the screen as drawn (--redact masks there) and nothing that was never on screen, such as the token.
import { closeSync, openSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface RecordedTerminal extends NodeJS.EventEmitter {
  columns?: number;
  rows?: number;
  write: NodeJS.WriteStream['write'];
}

/** What a pty's output processing (ONLCR) makes of text: each bare newline also returns the carriage. */
export function terminalNewlines(text: string): string {
  return text.replace(/(?<!\r)\n/g, '\r\n');
}

export interface Recording {
  stop(): void;
}

/** Starts recording `terminal` into `file` (created 0600: it may hold addresses). */
export function recordTerminal(
  terminal: RecordedTerminal,
  file: string,
  { startedAt, term }: { startedAt: number; term: string | undefined },
): Recording {
  const fd = openSync(file, 'w', 0o600);
  const started = performance.now();
  const decoder = new StringDecoder('utf8');
  const line = (value: unknown) => writeSync(fd, `${JSON.stringify(value)}\n`);
  const event = (code: 'o' | 'r', data: string) =>
    line([Number(((performance.now() - started) / 1000).toFixed(6)), code, data]);
  line({
    version: 2,
    width: terminal.columns ?? 80,
    height: terminal.rows ?? 24,
    timestamp: Math.floor(startedAt / 1000),
    env: { TERM: term ?? 'xterm-256color', SHELL: '/bin/sh' },
  });

  const write = terminal.write;
  terminal.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk as Uint8Array));
    if (text) event('o', terminalNewlines(text));
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as NodeJS.WriteStream['write'];
  const onResize = () => event('r', `${terminal.columns ?? 80}x${terminal.rows ?? 24}`);
  terminal.on('resize', onResize);

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      terminal.write = write;
      terminal.off('resize', onResize);
      closeSync(fd);
    },
  };
}
