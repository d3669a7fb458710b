// Small terminal prompts on stderr, for commands that must ask: a yes/no, and a masked secret.
// Ctrl-C at either is an InterruptedError (exit 130), as it would be anywhere else.
import { createInterface } from 'node:readline/promises';
import { InterruptedError } from '../usage-error.js';

export async function confirm(question: string): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  const cancel = new AbortController();
  // readline in raw mode catches Ctrl-C itself: it never becomes a SIGINT for the process.
  readline.once('SIGINT', () => cancel.abort());
  try {
    return /^y(es)?$/i.test((await readline.question(question, { signal: cancel.signal })).trim());
  } catch (error) {
    if (cancel.signal.aborted) {
      process.stderr.write('\n');
      throw new InterruptedError('cancelled (Ctrl-C); nothing was changed');
    }
    throw error;
  } finally {
    readline.close();
  }
}

/** Reads a line from the terminal without echoing it; Ctrl-C aborts. */
export function readSecret(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let secret = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\x03') return finish(new InterruptedError('cancelled (Ctrl-C); nothing was saved'));
        if (char === '\x7f' || char === '\b') secret = secret.slice(0, -1);
        else if (char >= ' ') secret += char;
      }
    };
    stdin.on('data', onData);
  });
}
