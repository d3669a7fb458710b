// A terminal made of streams, for Ink inside a `serve` session's worker: Ink needs stdin to be a
// TTY it can put in raw mode and read, and stdout to have a size and emit 'resize'. The real
// terminal is at the other end of an ssh channel; the bytes travel as worker messages.
import { PassThrough, Writable } from 'node:stream';
import { terminalNewlines } from '../tui/asciicast.js';

export interface SessionTerminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Keys from the client. */
  type(data: Uint8Array | string): void;
  /** The client's window changed size. */
  resize(columns: number, rows: number): void;
}

export function sessionTerminal(
  size: { columns: number; rows: number },
  send: (output: string) => void,
): SessionTerminal {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    // The pty is in raw mode on the client's side already (ssh asks for it); nothing to switch here.
    setRawMode() {
      return stdin;
    },
    ref() {
      return stdin;
    },
    unref() {
      return stdin;
    },
  });
  // Ink writes a frame as several writes in one go (begin-sync, frame, end-sync): sent together,
  // they cross the worker boundary and the ssh channel as one message and one packet.
  let pending = '';
  const flush = () => {
    const output = pending;
    pending = '';
    if (output) send(output);
  };
  const stdout = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        if (!pending) queueMicrotask(flush);
        // No pty on this side turns Ink's newlines into the CRLFs a raw client terminal needs.
        pending += terminalNewlines(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        done();
      },
    }),
    { isTTY: true, columns: size.columns, rows: size.rows },
  );
  return {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    type: (data) => void stdin.write(data),
    resize(columns, rows) {
      if (columns === stdout.columns && rows === stdout.rows) return;
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
  };
}
