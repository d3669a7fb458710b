import type { ListProgress } from '../api/client.js';
// One self-updating line of progress on stderr, only when stderr is a terminal.

export interface Progress {
  update(done: number, failed: number): void;
  note(text: string): void;
  finish(): void;
}

export function stderrProgress(total: number, enabled = process.stderr.isTTY === true): Progress {
  const started = Date.now();
  let last = 0;
  let note = '';
  let shown = false;
  let state = { done: 0, failed: 0 };
  const draw = (force = false) => {
    if (!enabled || (!force && Date.now() - last < 100)) return;
    last = Date.now();
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = state.done / seconds;
    const eta = rate > 0 ? Math.ceil((total - state.done) / rate) : undefined;
    const failed = state.failed ? ` · ${state.failed} failed` : '';
    const line = `${state.done}/${total} done${failed} · ${rate.toFixed(1)}/s${eta !== undefined ? ` · ETA ${eta}s` : ''}${note ? ` · ${note}` : ''}`;
    process.stderr.write(`\r\x1b[2K${line}`);
    shown = true;
  };
  return {
    update(done, failed) {
      state = { done, failed };
      draw();
    },
    note(text) {
      note = text;
      draw(true);
    },
    finish() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** A self-updating "reading …" line while a long list loads page by page (terminals only). */
export function listProgress(enabled = process.stderr.isTTY === true) {
  let shown = false;
  return {
    update(what: string, progress: ListProgress) {
      if (!enabled || progress.page < 2) return;
      const of = progress.total !== undefined ? ` of ${progress.total}` : '';
      process.stderr.write(`\r\x1b[2Kreading ${what}: ${progress.received}${of}…`);
      shown = true;
    },
    finish() {
      if (shown) process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
