// `invite-tui serve` with real ssh clients in real terminals (tmux): each visitor on a sandbox of
// their own, one leaving does not disturb another, and the host is protected.
import { type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { Terminal } from '../helpers/terminal.js';
import { waitUntil } from '../helpers/wait.js';

interface Served {
  child: ChildProcessWithoutNullStreams;
  port: number;
  stdout: () => string;
  stderr: () => string;
}

const running: Served[] = [];
const terminals: Terminal[] = [];
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close();
  for (const served of running.splice(0)) served.child.kill('SIGTERM');
});

async function serve(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'invite-tui-serve-'));
  const child = spawnCli(['serve', '--port', '0', '--host-key', join(dir, 'host-key'), ...args], env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const served = { child, port: 0, stdout: () => stdout, stderr: () => stderr };
  running.push(served);
  await waitUntil(
    () => stdout.includes('\n') || child.exitCode !== null,
    10_000,
    () => `serve to start: ${stderr}`,
  );
  served.port = Number(/^ssh -p (\d+) demo@127\.0\.0\.1$/m.exec(stdout)?.[1]);
  return served;
}

async function connect(
  served: Served,
  { columns = 80, rows = 24, user = 'demo', term = 'xterm-256color', pty = true } = {},
): Promise<Terminal> {
  const terminal = await Terminal.start([], {
    columns,
    rows,
    command: [
      'env',
      `TERM=${term}`,
      'ssh',
      pty ? '-tt' : '-T',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      '-p',
      String(served.port),
      `${user}@127.0.0.1`,
    ],
  });
  terminals.push(terminal);
  return terminal;
}

/** Org → Browse → filter on `text`: how many of the pending invitations match. */
async function browseFor(terminal: Terminal, text: string): Promise<string> {
  await terminal.keys('Tab');
  await terminal.waitFor(/of \d+/);
  await terminal.keys('/');
  await terminal.waitFor('filter by address');
  await terminal.type(text);
  await terminal.waitFor(`/ ${text}`);
  await terminal.keys('Enter');
  return terminal.waitFor(/\b\d+ of \d+/);
}

// Real ssh clients and one worker per session: on a loaded 2-core machine a session can take
// seconds to open or end, so the waits are generous and a test gets one more try.
describe('invite-tui serve', { timeout: 90_000, retry: 1 }, () => {
  it('prints the ssh command first, then the host key fingerprint; the key is 0600 and reused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invite-tui-serve-key-'));
    const keyFile = join(dir, 'host-key');
    const first = await serve(['--host-key', keyFile]);
    expect(first.stdout().split('\n')[0]).toMatch(/^ssh -p \d+ demo@127\.0\.0\.1$/);
    await waitUntil(() => first.stdout().split('\n').length > 2, 15_000, 'the fingerprint line');
    const fingerprint = /host key (SHA256:[A-Za-z0-9+/]{43}) \(new, /.exec(first.stdout())?.[1];
    expect(fingerprint).toBeDefined();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toContain('OPENSSH PRIVATE KEY');
    first.child.kill('SIGTERM');
    const second = await serve(['--host-key', keyFile]);
    await waitUntil(() => second.stdout().split('\n').length > 2, 15_000, 'the fingerprint line');
    expect(second.stdout()).toContain(`host key ${fingerprint} (${keyFile})`);
  });

  it('two clients at once each get their own sandbox; one quitting leaves the other working', async () => {
    const served = await serve();
    const [alice, bob] = await Promise.all([connect(served, { user: 'alice' }), connect(served, { user: 'bob' })]);
    for (const terminal of [alice, bob]) {
      expect(await terminal.waitFor('Choose an organization')).toContain('invite-tui · demo sandbox');
    }
    // Alice sends an invitation in her sandbox...
    await alice.keys('Enter');
    await alice.waitFor('Who should be invited');
    await alice.type('only.alice@acme.test');
    await alice.waitFor('1 to send');
    await alice.keys('Enter');
    await alice.waitFor('Which role');
    await alice.keys('Enter');
    await alice.waitFor('Enter sends');
    await alice.keys('Enter');
    await alice.waitFor('Result 1 sent');
    // ...and Bob's Browse does not have it.
    await bob.keys('Enter');
    await bob.waitFor('Who should be invited');
    expect(await browseFor(bob, 'only.alice')).toMatch(/\b0 of 24\b/);
    // Alice quits; her ssh ends with the TUI's exit status, and Bob goes on.
    await alice.keys('q');
    expect((await alice.exited()).code).toBe(0);
    await waitUntil(() => served.stderr().includes('session 1: ended'), 15_000, 'the server to free session 1');
    await bob.keys('Escape', 'Escape');
    await bob.waitFor('Who should be invited');
    await bob.type('still.bob@acme.test');
    await bob.waitFor('1 to send');
    // Ctrl-C ends his session alone, with the TUI's own status for it.
    await bob.keys('C-c');
    expect((await bob.exited()).code).toBe(130);
    expect(served.child.exitCode).toBeNull();
  });

  it('the pty size and every window change reach the TUI, and --record-dir records each session', async () => {
    const recordDir = mkdtempSync(join(tmpdir(), 'invite-tui-serve-casts-'));
    const served = await serve(['--record-dir', recordDir]);
    const terminal = await connect(served, { columns: 100, rows: 30 });
    await terminal.waitFor('Choose an organization');
    expect(served.stderr()).toMatch(/session 1: opened from 127\.0\.0\.1 \(100x30, /);
    const footer = (screen: string) => screen.split('\n').findLast((line) => line.trim() !== '') ?? '';
    expect(footer(terminal.screen())).toContain('q quit');
    terminal.resize(50, 20);
    // Narrow, the footer keeps only what fits.
    await waitUntil(
      () => !footer(terminal.screen()).includes('q quit'),
      15_000,
      () => terminal.screen(),
    );
    terminal.resize(100, 30);
    await waitUntil(
      () => footer(terminal.screen()).includes('q quit'),
      15_000,
      () => terminal.screen(),
    );
    // The window change reaches the screen and the recording through separate paths: wait for both.
    const castText = () => {
      const [file] = readdirSync(recordDir);
      return file ? readFileSync(join(recordDir, file), 'utf8') : '';
    };
    await waitUntil(() => castText().includes('"r","100x30"'), 15_000, castText);
    await terminal.keys('q');
    await terminal.exited();
    const [cast] = readdirSync(recordDir);
    const [header, ...events] = readFileSync(join(recordDir, cast!), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(header).toMatchObject({ version: 2, width: 100, height: 30, env: { TERM: 'xterm-256color' } });
    const resizes = (events as [number, string, string][]).filter(([, code]) => code === 'r').map(([, , size]) => size);
    expect(resizes).toEqual(['50x20', '100x30']);
  });

  it("each session takes its colour from its own client's TERM", async () => {
    const served = await serve();
    const [plain, colourful] = await Promise.all([
      connect(served, { term: 'dumb' }),
      connect(served, { term: 'xterm-256color' }),
    ]);
    await plain.waitFor('Choose an organization');
    await colourful.waitFor('Choose an organization');
    const colour = /\x1b\[(3|9)\d(;\d+)*m|\x1b\[38;5;\d+m/;
    expect(colourful.raw()).toMatch(colour);
    expect(plain.raw()).not.toMatch(colour);
  });

  it('--faults reach every session: the audience can walk the error paths too', async () => {
    const served = await serve(['--faults', '503@POST']);
    const terminal = await connect(served);
    await terminal.waitFor('Globex Corporation');
    await terminal.keys('Enter');
    await terminal.waitFor('Who should be invited');
    await terminal.type('faulty@acme.test');
    await terminal.waitFor('1 to send');
    await terminal.keys('Enter');
    await terminal.waitFor('Which role');
    await terminal.keys('Enter');
    await terminal.waitFor('Enter sends');
    await terminal.keys('Enter');
    await terminal.waitFor('503');
  });

  it('serves demo data only: INVITE_API_URL and a token in the server environment are never used', async () => {
    const served = await serve([], { INVITE_API_URL: 'http://127.0.0.1:9', INVITE_API_TOKEN: 'secret-token' });
    const terminal = await connect(served);
    const screen = await terminal.waitFor('Choose an organization');
    expect(screen).toContain('demo sandbox');
    expect(screen).toContain('Acme Corp');
    expect(terminal.raw()).not.toContain('secret-token');
  });

  it('a dropped connection frees its session; the session limit holds', async () => {
    const served = await serve(['--max-sessions', '1']);
    const first = await connect(served);
    await first.waitFor('Choose an organization');
    const second = await connect(served);
    await second.waitFor('All 1 demo sessions are taken');
    // The first visitor's network goes away: the server notices and frees the slot.
    first.close();
    await waitUntil(() => served.stderr().includes('session 1: ended'), 15_000, 'session 1 to end');
    const third = await connect(served);
    await third.waitFor('Choose an organization');
  });

  it('a session nobody types in is closed after --idle minutes, with a word why', async () => {
    const served = await serve(['--idle', '0.05']);
    const terminal = await connect(served);
    await terminal.waitFor('Choose an organization');
    await terminal.waitFor('no key for 0.05 min; this session is closed', 10_000);
    await waitUntil(() => served.stderr().includes('session 1: ended'), 15_000, 'session 1 to end');
  });

  it('refuses a shell without a terminal, and binds another address only when told, with a warning', async () => {
    const served = await serve();
    const terminal = await connect(served, { pty: false });
    await terminal.waitFor('connect with a terminal (ssh -t)');
    expect((await terminal.exited()).code).toBe(2);

    const open = await serve(['--host', '0.0.0.0']);
    await waitUntil(() => open.stderr().includes('not just this machine'), 15_000, 'the warning');
    expect(open.stdout().split('\n')[0]).toMatch(/^ssh -p \d+ demo@\S+$/);
  });
});
