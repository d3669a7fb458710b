// Ink rendered into fake streams, with the app's own key stream in front of stdin, as in the
// real TUI: a test's one write is one read from a terminal, however many keys it holds.
import { render, type Instance } from 'ink';
import { EventEmitter } from 'node:events';
import type { ReactNode } from 'react';
import { KeyStream } from '../../src/tui/input/key-stream.js';

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 24;
  readonly frames: string[] = [];
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

/** What the terminal driver hands over: each write() is one read's worth of bytes. */
export class FakeTerminalInput extends EventEmitter {
  isTTY = true;
  private chunks: string[] = [];
  write(data: string): void {
    this.chunks.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.chunks.shift() ?? null;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  ref(): void {}
  unref(): void {}
}

export interface InkTerminal {
  instance: Instance;
  stdout: FakeStdout;
  stdin: FakeTerminalInput;
  keys: KeyStream;
  frames: string[];
  lastFrame(): string | undefined;
  unmount(): void;
}

/** Renders `tree(keys)`; the tree gets the key stream so it can tell it when a text field has the keys. */
export function renderInTerminal(tree: (keys: KeyStream) => ReactNode): InkTerminal {
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  const stdin = new FakeTerminalInput();
  const keys = new KeyStream(stdin);
  const instance = render(tree(keys), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: keys as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    instance,
    stdout,
    stdin,
    keys,
    frames: stdout.frames,
    lastFrame: () => stdout.frames.at(-1),
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
}
