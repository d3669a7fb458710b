// `invite-tui serve`: the demo over ssh. Every visitor gets the full TUI on a fresh demo sandbox
// of their own; nothing here reads INVITE_API_URL, a token or saved credentials.
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseClock } from '../clock.js';
import { stateDir } from '../config/paths.js';
import { parseFaultSpecOrUsage, wholeNumber } from '../sandbox/command.js';
import { COMMAND_HELP } from '../commands/help.js';
import { UsageError } from '../usage-error.js';
import { loadOrCreateHostKey } from './host-key.js';
import { startServer } from './ssh-server.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function runServeCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '2222' },
      host: { type: 'string', default: '127.0.0.1' },
      'host-key': { type: 'string' },
      'max-sessions': { type: 'string', default: '6' },
      idle: { type: 'string', default: '10' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      clock: { type: 'string' },
      redact: { type: 'boolean', default: false },
      'record-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${COMMAND_HELP.serve}\n`);
    return 0;
  }
  const port = wholeNumber('--port', values.port);
  if (port > 65_535) throw new UsageError(`--port takes 0 to 65535 (got "${values.port}")`);
  const maxSessions = wholeNumber('--max-sessions', values['max-sessions'], 1);
  const idleMinutes = Number(values.idle);
  if (!/^\d+(\.\d+)?$/.test(values.idle) || idleMinutes <= 0)
    throw new UsageError(`--idle takes minutes, more than 0, e.g. 10 or 0.5 (got "${values.idle}")`);
  if (values.faults !== undefined) parseFaultSpecOrUsage(values.faults);
  const recordDir = values['record-dir'];
  if (recordDir) mkdirSync(recordDir, { recursive: true, mode: 0o700 });
  const hostKeyFile = values['host-key'] ?? join(stateDir(env), 'serve-host-key');
  const hostKey = loadOrCreateHostKey(hostKeyFile);

  const server = await startServer({
    host: values.host,
    port,
    hostKey: hostKey.privateKey,
    maxSessions,
    idleMs: idleMinutes * 60_000,
    demo: {
      seed: values.seed === undefined ? undefined : wholeNumber('--seed', values.seed),
      clock: values.clock === undefined ? undefined : parseClock(values.clock),
      faults: values.faults,
    },
    redact: values.redact,
    recordDir,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const joinHost = /^(0\.0\.0\.0|::)$/.test(values.host) ? hostname() : values.host;
  process.stdout.write(`ssh -p ${server.port} demo@${joinHost}\n`);
  process.stdout.write(`host key ${hostKey.fingerprint} (${hostKey.created ? 'new, ' : ''}${hostKeyFile})\n`);
  if (!LOOPBACK.test(values.host))
    process.stderr.write(
      `invite-tui serve: listening on ${values.host}, not just this machine: anyone who can reach port ${server.port} gets a demo session, without a password.\n`,
    );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
