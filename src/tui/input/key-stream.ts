// Sits between the terminal and Ink as Ink's stdin: what arrives in one read is split into keys
// (next-key.ts), and each key is handed to Ink only once React has finished the work already
// queued: the previous key's updates, and the effects that make the new screen listen. A key
// handler reads the state of the last render, so without this the second key of `jj` or of
// Enter-Enter would meet the same stale screen as the first; with it, a burst walks the flow
// exactly as slow typing does.
import { EventEmitter } from 'node:events';
import { unstable_IdlePriority, unstable_scheduleCallback } from 'scheduler';
import { flushPending, nextKey, PASTE_START } from './next-key.js';

/** What Ink needs from its stdin, and what the terminal (or a test's fake) offers. */
export interface InputSource extends EventEmitter {
  isTTY?: boolean;
  read(): string | Buffer | null;
  setEncoding(encoding: BufferEncoding): unknown;
  setRawMode?(enabled: boolean): unknown;
  ref?(): unknown;
  unref?(): unknown;
}

/** How long a paste may pause between reads before what came of it is taken as the whole. */
const PASTE_SILENCE_MS = 250;

/**
 * Calls `then` once React has done the work queued so far. React renders updates in a microtask
 * and runs effects (a new screen's key handlers subscribe in one) as tasks on its scheduler; an
 * idle task on that same scheduler runs only after those, and after any work they queue in turn.
 * `then` runs from a fresh turn of the event loop, so the work a key sets off is not held behind
 * the scheduler's loop either.
 */
function afterPendingUpdates(then: () => void): void {
  queueMicrotask(() => unstable_scheduleCallback(unstable_IdlePriority, () => setImmediate(then)));
}

export class KeyStream extends EventEmitter implements InputSource {
  readonly isTTY: boolean;
  private buffer = '';
  /** The key handed to Ink and not yet read by it. */
  private released: string | null = null;
  /** Waiting for React before the next key goes out. */
  private waiting = false;
  private cancelFlush: (() => void) | undefined;
  private listening = false;
  private textMode: () => boolean = () => false;

  constructor(private readonly source: InputSource) {
    super();
    this.isTTY = source.isTTY === true;
    this.on('newListener', (event) => {
      // Ink re-attaches its reader when raw mode comes back on; a key waiting meanwhile goes now.
      if (event === 'readable' && this.released !== null) setImmediate(() => this.emit('readable'));
    });
  }

  /** Every key that arrived has been handed to Ink (tests wait for this). */
  get idle(): boolean {
    return this.buffer === '' && this.released === null && !this.waiting && this.cancelFlush === undefined;
  }

  /** Whether a text field has the keys: it then takes runs of printable characters whole. */
  setTextMode(check: () => boolean): void {
    this.textMode = check;
  }

  read(): string | null {
    const key = this.released;
    this.released = null;
    if (key !== null) this.pump();
    return key;
  }

  setEncoding(): this {
    this.source.setEncoding('utf8');
    return this;
  }

  setRawMode(enabled: boolean): this {
    this.source.setRawMode?.(enabled);
    if (enabled && !this.listening) this.source.on('readable', this.pull);
    if (!enabled && this.listening) this.source.off('readable', this.pull);
    this.listening = enabled;
    return this;
  }

  ref(): this {
    this.source.ref?.();
    return this;
  }

  unref(): this {
    this.source.unref?.();
    return this;
  }

  private readonly pull = () => {
    let chunk: string | Buffer | null;
    while ((chunk = this.source.read()) !== null) this.buffer += chunk.toString();
    this.clearFlush();
    this.pump();
  };

  /** Sends the next key once React is done with the last one (and anything else queued). */
  private pump(): void {
    if (this.waiting || this.released !== null || this.cancelFlush || this.buffer === '') return;
    this.waiting = true;
    afterPendingUpdates(() => {
      this.waiting = false;
      // Decided only now: the last key may have opened or left a text field.
      const next = nextKey(this.buffer, this.textMode());
      if (next === undefined) return;
      if ('pending' in next) return this.scheduleFlush();
      this.release(next.key, next.length);
    });
  }

  private release(key: string, length: number): void {
    this.buffer = this.buffer.slice(length);
    if (key === '') return this.pump();
    this.released = key;
    this.emit('readable');
  }

  /** An escape sequence or paste cut off at the end of a read: wait for the rest, not forever. */
  private scheduleFlush(): void {
    const flush = () => {
      this.cancelFlush = undefined;
      const { key, length } = flushPending(this.buffer);
      this.release(key, length);
    };
    // A lone ESC is Escape unless more follows at once (as Ink decides); a paste may span reads.
    if (this.buffer.startsWith(PASTE_START)) {
      const timer = setTimeout(flush, PASTE_SILENCE_MS);
      this.cancelFlush = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(flush);
      this.cancelFlush = () => clearImmediate(immediate);
    }
  }

  private clearFlush(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
  }
}
