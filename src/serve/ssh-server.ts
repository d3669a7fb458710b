// The ssh server of `invite-tui serve`: any user name, no password (it is a demo), one TUI per
// shell request, each on its own worker and sandbox (see session.ts).
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import ssh2, { type PseudoTtyInfo } from 'ssh2';
import type { DemoSandboxSettings } from '../sandbox/demo-options.js';
import { runSession } from './session.js';

export interface ServeOptions {
  host: string;
  port: number;
  hostKey: string;
  maxSessions: number;
  idleMs: number;
  demo: DemoSandboxSettings;
  redact: boolean;
  recordDir: string | undefined;
  log: (line: string) => void;
}

export interface RunningServer {
  port: number;
  /** Sessions running now. */
  sessions(): number;
  close(): Promise<void>;
}

/** A client that has not opened its shell by then is let go, so idle sockets cannot pile up. */
const LOGIN_TIMEOUT_MS = 60_000;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  let running = 0;
  let opened = 0;
  const connections = new Set<ssh2.Connection>();

  const server = new ssh2.Server({ hostKeys: [options.hostKey] }, (client, info) => {
    connections.add(client);
    // Keys and frames are small packets: Nagle's algorithm would hold each back for the last ACK
    // (ssh2 has the method on server connections too; its types list it for clients only).
    (client as ssh2.Connection & { setNoDelay(noDelay: boolean): unknown }).setNoDelay(true);
    const loginTimer = setTimeout(() => client.end(), LOGIN_TIMEOUT_MS);
    // A dropped network or a client that never finishes the handshake ends here, and only here.
    client.on('error', () => undefined);
    client.on('close', () => {
      clearTimeout(loginTimer);
      connections.delete(client);
    });
    client.on('authentication', (context) => context.accept());
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let pty: PseudoTtyInfo | undefined;
        const clientEnv: Record<string, string> = {};
        let resize: ((columns: number, rows: number) => void) | undefined;
        session.on('pty', (accept, _reject, request) => {
          pty = request;
          accept?.();
        });
        session.on('env', (accept, _reject, request) => {
          clientEnv[request.key] = request.val;
          accept?.();
        });
        session.on('window-change', (accept, _reject, request) => {
          if (pty) pty = { ...pty, cols: request.cols, rows: request.rows };
          resize?.(request.cols, request.rows);
          accept?.();
        });
        session.on('exec', (_accept, reject) => reject?.());
        session.on('subsystem', (_accept, reject) => reject?.());
        session.on('shell', (accept) => {
          clearTimeout(loginTimer);
          const channel = accept();
          if (!pty) {
            channel.write('invite-tui serve shows a terminal UI: connect with a terminal (ssh -t).\r\n');
            channel.exit(2);
            channel.end();
            return;
          }
          if (running >= options.maxSessions) {
            channel.write(`All ${options.maxSessions} demo sessions are taken; try again in a few minutes.\r\n`);
            channel.exit(1);
            channel.end();
            return;
          }
          running += 1;
          const id = ++opened;
          const columns = pty.cols || 80;
          const rows = pty.rows || 24;
          const term = pty.term || 'xterm-256color';
          const log = (line: string) => options.log(`session ${id}: ${line}`);
          log(`opened from ${info.ip} (${columns}x${rows}, ${term})`);
          const started = runSession(channel, {
            setup: {
              size: { columns, rows },
              demo: options.demo,
              redact: options.redact,
              record: options.recordDir && join(options.recordDir, `session-${id}-${process.pid}.cast`),
            },
            term,
            clientEnv,
            idleMs: options.idleMs,
            log,
          });
          resize = started.resize;
          void started.ended.then(() => {
            running -= 1;
            log('ended');
          });
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error: Error) => options.log(`server error: ${error.message}`));
  return {
    port: (server.address() as AddressInfo).port,
    sessions: () => running,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of connections) client.end();
        server.close(() => resolve());
      }),
  };
}
