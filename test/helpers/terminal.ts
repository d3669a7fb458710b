// The built binary in a real pseudo-terminal (tmux): type keys, read the screen as a person
// sees it, read the raw bytes the program wrote, and learn its exit status and tty state after.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH, cleanEnv } from './cli.js';
import { waitUntil } from './wait.js';

export interface TerminalOptions {
  columns?: number;
  rows?: number;
  env?: NodeJS.ProcessEnv;
  /** Another program to run instead of the CLI with `args` (e.g. an ssh client). */
  command?: string[];
  /** Run with CI=true in the environment, as a shell on a CI box (or a person's dotfiles) may set it. */
  ci?: boolean;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export class Terminal {
  private constructor(
    private readonly socket: string,
    private readonly dir: string,
  ) {}

  static async start(
    args: string[],
    { columns = 80, rows = 24, env = {}, command, ci = false }: TerminalOptions = {},
  ): Promise<Terminal> {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-e2e-'));
    const socket = `invite-tui-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const variables = Object.entries(cleanEnv(env)).filter(([name]) =>
      /^(PATH|HOME|LANG|LC_ALL|INVITE_|XDG_|NO_COLOR|TERM_PROGRAM)/.test(name),
    );
    // tmux hands the pane its own server's environment; under CI=true Ink would draw only the
    // last frame (is-in-ci), so the program runs without the CI markers a person's shell lacks.
    const program = [
      'env',
      '-u',
      'CI',
      '-u',
      'CONTINUOUS_INTEGRATION',
      ...(ci ? ['CI=true'] : []),
      ...variables.map(([name, value]) => quote(`${name}=${value}`)),
      ...(command ?? [process.execPath, CLI_PATH, ...args]).map(quote),
    ].join(' ');
    // Wait for the raw-output pipe before starting; afterwards record the exit status and tty modes.
    const script = [
      `while [ ! -f ${quote(join(dir, 'go'))} ]; do sleep 0.02; done`,
      `bash -c ${quote(`echo $$ > ${quote(join(dir, 'pid'))}; exec ${program}`)}`,
      `echo $? > ${quote(join(dir, 'exit'))}`,
      `stty -a > ${quote(join(dir, 'stty'))}`,
      'sleep 600',
    ].join('; ');
    const tmux = new Terminal(socket, dir);
    tmux.run(
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      'e2e',
      '-x',
      String(columns),
      '-y',
      String(rows),
      `bash -c ${quote(script)}`,
    );
    tmux.run('set-option', '-t', 'e2e', 'status', 'off');
    tmux.run('pipe-pane', '-t', 'e2e', '-o', `cat >> ${quote(join(dir, 'raw'))}`);
    writeFileSync(join(dir, 'go'), '');
    await waitUntil(() => existsSync(join(dir, 'pid')), 5_000, 'the program to start');
    return tmux;
  }

  private run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The screen as text, one line per row. */
  screen(): string {
    return this.run('capture-pane', '-p', '-t', 'e2e');
  }

  /** Every byte the program wrote to the terminal so far. */
  raw(): string {
    const file = join(this.dir, 'raw');
    return existsSync(file) ? readFileSync(file, 'latin1') : '';
  }

  /** Key names as tmux knows them: Enter, Escape, Tab, Up, Down, C-c, BSpace. */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.run('send-keys', '-t', 'e2e', key);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }

  /** Types text literally, as a paste would arrive. */
  async type(text: string): Promise<void> {
    this.run('send-keys', '-t', 'e2e', '-l', text);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }

  /**
   * Sends raw bytes in ONE write to the terminal (keys as the terminal encodes them: `\r` for
   * Enter, `\x1b[B` for Down), as key repeat, a fast typist or a laggy ssh link delivers them.
   */
  async burst(...keys: string[]): Promise<void> {
    this.run('send-keys', '-t', 'e2e', '-l', keys.join(''));
    await new Promise((resolve) => setTimeout(resolve, 60));
  }

  /** Pastes text as a terminal with bracketed paste does (tmux wraps it when the program asked). */
  async paste(text: string): Promise<void> {
    this.run('set-buffer', '-b', 'e2e-paste', text);
    this.run('paste-buffer', '-p', '-d', '-b', 'e2e-paste', '-t', 'e2e');
    await new Promise((resolve) => setTimeout(resolve, 60));
  }

  async waitFor(expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const matches = (screen: string) =>
      typeof expected === 'string' ? screen.includes(expected) : expected.test(screen);
    await waitUntil(
      () => matches(this.screen()),
      timeoutMs,
      () => `the screen to show ${String(expected)}; it shows:\n${this.screen()}`,
    );
    return this.screen();
  }

  resize(columns: number, rows: number): void {
    this.run('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
  }

  signal(name: NodeJS.Signals): void {
    process.kill(Number(readFileSync(join(this.dir, 'pid'), 'utf8')), name);
  }

  /** Waits for the program to end; its exit status and `stty -a` afterwards. */
  async exited(timeoutMs = 10_000): Promise<{ code: number; stty: string }> {
    const exitFile = join(this.dir, 'exit');
    const sttyFile = join(this.dir, 'stty');
    await waitUntil(
      () => existsSync(exitFile) && existsSync(sttyFile) && readFileSync(sttyFile, 'utf8').length > 0,
      timeoutMs,
      'the program to exit',
    );
    return { code: Number(readFileSync(exitFile, 'utf8').trim()), stty: readFileSync(sttyFile, 'utf8') };
  }

  close(): void {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
  }
}

/** A terminal is left sane: canonical mode and echo on, the cursor shown again, bracketed paste off. */
export function isSane(stty: string, raw: string): boolean {
  const modes = stty.split(/\s+/);
  const undone = (on: string, off: string) => raw.lastIndexOf(off) >= raw.lastIndexOf(on);
  return (
    modes.includes('icanon') &&
    modes.includes('echo') &&
    undone('\x1b[?25l', '\x1b[?25h') &&
    undone('\x1b[?2004h', '\x1b[?2004l')
  );
}
