// `invite-tui sandbox`: runs the sandbox server in the foreground until Ctrl-C or SIGTERM.
import { parseArgs } from 'node:util';
import { parseClock, wallClock } from '../clock.js';
import { EXIT } from '../commands/exit-codes.js';
import { UsageError } from '../usage-error.js';
import { DataFileError } from './data-log.js';
import { seededInvitationIds } from './demo-options.js';
import { FAULT_KINDS, parseFaultSpec } from './faults.js';
import { startSandbox, type Sandbox } from './server.js';

const SANDBOX_HELP = `Usage: invite-tui sandbox [options]

Runs a local server that implements the invitations API with demo data.
The first line on stdout is its base URL; the request log goes to stderr.
Tokens: demo-owner (owner of every org), demo-reader (reader everywhere),
demo-invitee:ADDRESS (that person: GET /api/v1/invitations/me, POST .../{id}/respond).

Options:
  --host HOST                 address to listen on (default 127.0.0.1)
  --port N                    port, 0 picks a free one (default 0)
  --data FILE                 keep state in FILE across restarts
  --seed N                    seed for the demo data (default 1)
  --clock ISO                 a fixed clock, e.g. 2026-01-01T09:00:00Z: stored times and new ids
                              repeat run after run (rate limits and latency keep real time)
  --invitations N             seed N invitations into the first org
  --member-limit N            every org's member limit (default 500)
  --rate N                    requests per second per token before 429
  --latency MS                delay every answer by MS
  --faults SPEC               inject faults (see below)
  --min-client-version V      answer 426 to invite-tui clients older than V
  --minimal                   offer only the invite endpoint (part A); everything else is a 404
  --platform                  offer only what the platform documents: part A, org details,
                              members and the invitee's side (no org list, invitation list, revoke)
  --paginate                  serve every list in pages: {items|<resource>, total, page, limit, ...}
  --no-pending-conflict       no 409 for an address that already has a pending invitation
  --ignore-idempotency-key    never replay an answer for a repeated Idempotency-Key
  --quiet                     no request log

Fault SPEC: comma-separated KIND[=ARG][@METHOD][TRIGGER], TRIGGER one of
  :P (probability 0..1), #N (Nth matching request), %N (every Nth); none = always.
  e.g. --faults "502@POST%3,latency=200:0.5"
${Object.entries(FAULT_KINDS)
  .map(([kind, meaning]) => `  ${kind.padEnd(12)}${meaning}`)
  .join('\n')}
`;

export async function runSandboxCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      seed: { type: 'string', default: '1' },
      clock: { type: 'string' },
      invitations: { type: 'string' },
      'member-limit': { type: 'string' },
      rate: { type: 'string' },
      latency: { type: 'string' },
      faults: { type: 'string' },
      'min-client-version': { type: 'string' },
      minimal: { type: 'boolean', default: false },
      platform: { type: 'boolean', default: false },
      paginate: { type: 'boolean', default: false },
      'no-pending-conflict': { type: 'boolean', default: false },
      'ignore-idempotency-key': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(SANDBOX_HELP);
    return 0;
  }
  if (values.minimal && values.platform)
    throw new UsageError('--minimal and --platform are two different servers: choose one');
  const seed = wholeNumber('--seed', values.seed);
  const clockAt = values.clock === undefined ? undefined : parseClock(values.clock);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      host: values.host,
      port: wholeNumber('--port', values.port),
      dataFile: values.data,
      seed,
      ...(clockAt !== undefined && { clock: wallClock(clockAt), invitationIds: seededInvitationIds(seed) }),
      invitations: values.invitations === undefined ? undefined : wholeNumber('--invitations', values.invitations),
      memberLimit:
        values['member-limit'] === undefined ? undefined : wholeNumber('--member-limit', values['member-limit'], 1),
      rate: values.rate === undefined ? undefined : wholeNumber('--rate', values.rate, 1),
      latencyMs: values.latency === undefined ? undefined : wholeNumber('--latency', values.latency),
      faults: values.faults === undefined ? undefined : parseFaultSpecOrUsage(values.faults),
      minClientVersion: values['min-client-version'],
      minimal: values.minimal,
      platform: values.platform,
      paginate: values.paginate,
      pendingConflict: !values['no-pending-conflict'],
      ignoreIdempotencyKey: values['ignore-idempotency-key'],
      log: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(`invite-tui: --data: ${error.message}\n`);
    return EXIT.localState;
  }
  process.stdout.write(`${sandbox.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}

export function wholeNumber(flag: string, value: string, minimum = 0): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < minimum)
    throw new UsageError(`${flag} takes a whole number${minimum ? ` of at least ${minimum}` : ''} (got "${value}")`);
  return number;
}

export function parseFaultSpecOrUsage(spec: string) {
  try {
    return parseFaultSpec(spec);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
