// The ssh side of a session, without ssh: a crash ends that session alone, and a session's
// environment is the client's terminal and nothing of the server's.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runSession, sessionEnv } from '../../src/serve/session.js';

function fakeChannel() {
  const channel = Object.assign(new EventEmitter(), {
    written: '',
    exitCode: undefined as number | undefined,
    ended: false,
    write(data: string) {
      channel.written += data;
      return true;
    },
    exit(code: number) {
      channel.exitCode = code;
    },
    end() {
      channel.ended = true;
    },
  });
  return channel;
}

describe('a serve session', () => {
  it('whose worker dies reports it to its own visitor and ends cleanly', async () => {
    // From the sources there is no built worker beside session.ts: the worker fails to load,
    // exactly as a crash at start would.
    const channel = fakeChannel();
    const logged: string[] = [];
    const session = runSession(channel as never, {
      setup: { size: { columns: 80, rows: 24 }, demo: {}, redact: false, record: undefined },
      term: 'xterm-256color',
      clientEnv: {},
      idleMs: 60_000,
      log: (line) => logged.push(line),
    });
    await session.ended;
    expect(channel.written).toContain('this session stopped on an error (other sessions are unaffected)');
    expect(channel.exitCode).toBe(1);
    expect(channel.ended).toBe(true);
    expect(logged[0]).toMatch(/^crashed: /);
  });

  it("takes the colour level from the client's TERM and variables, and nothing else", () => {
    expect(sessionEnv('xterm-256color', { COLORTERM: 'truecolor', LANG: 'C.UTF-8', SECRET: 'x' })).toEqual({
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      LANG: 'C.UTF-8',
      FORCE_COLOR: '1',
    });
    expect(sessionEnv('dumb', {})).toEqual({ TERM: 'dumb', NO_COLOR: '1', FORCE_COLOR: '0' });
    expect(sessionEnv('xterm', { NO_COLOR: '' })).toMatchObject({ NO_COLOR: '1', FORCE_COLOR: '0' });
  });
});
