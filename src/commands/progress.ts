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
