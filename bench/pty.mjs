// A program in a real 80×24 pseudo-terminal, through util-linux `script`: no native addon needed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const quote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

/**
 * Starts `argv` in a pty of `columns`×`rows`. `output` grows as the program writes; `pid()` is the
 * program's own pid (script's child), for signals and /proc.
 */
export function startInPty(argv, { columns = 80, rows = 24, env = process.env, pidFile } = {}) {
  const command = `stty cols ${columns} rows ${rows}; echo $$ > ${quote(pidFile)}; exec ${argv.map(quote).join(' ')}`;
  // script's own "Session terminated" notice on SIGTERM goes to its stderr: not ours to show.
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const session = {
    child,
    output: '',
    started: performance.now(),
    exited: new Promise((resolve) => child.once('close', (code) => resolve(code))),
    pid: () => Number(readFileSync(pidFile, 'utf8').trim()),
    write: (text) => child.stdin.write(text),
    /** Resolves with the time (ms since start) at which `marker` first appears in the output. */
    until(marker, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (session.output.includes(marker)) {
            cleanup();
            resolve(performance.now() - session.started);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no "${marker}" within ${timeoutMs} ms; output so far: ${JSON.stringify(session.output.slice(-400))}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
        };
        child.stdout.on('data', check);
        check();
      });
    },
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => (session.output += chunk));
  return session;
}
