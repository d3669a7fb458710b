// `invite-tui send`: one address or thousands, resumable from the journal, never sent twice.
import { parseArgs } from 'node:util';
import { orgSlugSchema, roleSchema, type Role } from '../api/schemas.js';
import { parseArgumentRows, readInviteFile, type InputRow, type ParsedRows } from '../invites/input-rows.js';
import { addressKey, alreadyThere, preflight, SKIP_REASON, type Preflight } from '../invites/preflight.js';
import { DEFAULT_CONCURRENCY } from '../invites/send-batch.js';
import { defaultJournalPath } from '../journal/journal.js';
import { UsageError } from '../usage-error.js';
import { bulkExitCode, EXIT } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { say } from './output.js';
import { listProgress } from './progress.js';
import { exitCodeOf, printResultJson, printResultTable, type RowResult } from './send-report.js';
import { sendRows } from './send-rows.js';
import { clientFor } from './command-client.js';
import { requireOrg, resolveSettings } from './settings.js';

const SEND_OPTIONS = {
  ...GLOBAL_OPTIONS,
  role: { type: 'string' },
  'no-email': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  from: { type: 'string' },
  concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
  journal: { type: 'string' },
} as const;

export async function runSend(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: SEND_OPTIONS, allowPositionals: true, strict: true });
  const role = values.role === undefined ? undefined : parseRole(values.role);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency takes a whole number from 1 to 64');
  const input = merge(
    parseArgumentRows(positionals, role),
    values.from === undefined ? undefined : await readInviteFile(values.from, role),
  );
  if (input.rows.length + input.rejected.length + input.duplicates.length === 0)
    throw new UsageError('No addresses: give them as arguments or with --from FILE (- for stdin).');
  if (role === undefined && !input.hasRoleColumn)
    throw new UsageError(
      values.from === undefined
        ? '--role is required: reader, contributor or owner'
        : `--role is required: ${values.from === '-' ? 'the input' : values.from} has no role column`,
    );
  const settings = resolveSettings(values);
  const org = requireOrg(settings);
  if (!orgSlugSchema.safeParse(org).success)
    throw new UsageError(`"${org}" is not an organization key (lowercase letters, digits and dashes)`);
  const client = clientFor(settings);
  const sendEmail = !values['no-email'];
  const json = values.json;
  // Kept whole only for the table at the end; a --json run writes each row and keeps counts, so
  // its memory does not grow with the input.
  const results: RowResult[] = [];
  const counts = new Map<RowResult['kind'], number>();
  const failureCodes = new Set<number>();
  const count = (kind: RowResult['kind']) => counts.get(kind) ?? 0;
  const report = (result: RowResult) => {
    counts.set(result.kind, count(result.kind) + 1);
    const code = exitCodeOf(result);
    if (code !== undefined) failureCodes.add(code);
    if (json) printResultJson(result);
    else results.push(result);
  };

  for (const line of input.blankLines) say(`line ${line}: blank, skipped`);
  for (const row of input.rejected)
    report({ line: row.line, index: row.index, email: row.input, role, kind: 'invalid', reason: row.reason });
  for (const row of input.duplicates)
    report({
      line: row.line,
      index: row.index,
      email: row.input,
      role,
      kind: 'skipped',
      reason: `duplicate of ${row.firstLine ? `line ${row.firstLine}` : 'an earlier address'}`,
    });

  const dryRun = values['dry-run'];
  const reading = listProgress();
  const checks = await preflight(client, org, {
    duplicates: !values.force,
    seats: dryRun,
    now: Date.now(),
    onProgress: reading.update,
  });
  reading.finish();
  if (checks.skipped.length > 0) say(`Not checked before sending: ${checks.skipped.join('; ')}.`);
  const journalPath = values.journal ?? defaultJournalPath();
  const outcome = await sendRows({
    client,
    org,
    sendEmail,
    rows: input.rows,
    concurrency,
    force: values.force,
    dryRun,
    journalPath,
    skipReason: (email) => skipReason(email, checks),
    report,
  });
  if (outcome === 'busy') return EXIT.busy;
  if (dryRun) {
    reportDryRun(outcome.toSend, checks, org, report);
    if (!json) printResultTable(results, Date.now());
    say(`Dry run: ${count('would_send')} would be sent to ${org}; nothing was sent.`);
    return bulkExitCode([...failureCodes]);
  }

  if (!json) printResultTable(results, Date.now());
  say(
    `${count('sent')} sent, ${count('skipped')} skipped, ${count('failed') + count('invalid')} failed${outcome.notStarted ? `, ${outcome.notStarted} not sent` : ''} · journal: ${journalPath}`,
  );
  if (outcome.stop) return outcome.stop;
  return bulkExitCode([...failureCodes]);
}

function parseRole(value: string): Role {
  const role = roleSchema.safeParse(value.toLowerCase());
  if (!role.success) throw new UsageError(`--role is reader, contributor or owner (got "${value}")`);
  return role.data;
}

function merge(first: ParsedRows, second: ParsedRows | undefined): ParsedRows {
  if (!second) return first;
  const seen = new Set(first.rows.map((row) => row.email.toLowerCase()));
  const extra = second.rows.filter((row) => !seen.has(row.email.toLowerCase()));
  return {
    rows: [...first.rows, ...extra],
    rejected: [...first.rejected, ...second.rejected],
    hasRoleColumn: second.hasRoleColumn && first.rows.length + first.rejected.length === 0,
    duplicates: [
      ...first.duplicates,
      ...second.duplicates,
      ...second.rows
        .filter((row) => seen.has(row.email.toLowerCase()))
        .map((row) => ({ line: row.line, input: row.input, firstLine: undefined })),
    ],
    blankLines: second.blankLines,
  };
}

/** Why a row is not sent, from what the pre-flight found; undefined to send it. */
function skipReason(email: string, checks: Preflight): string | undefined {
  const kind = alreadyThere(addressKey(email), checks);
  return kind === 'pending' ? `${SKIP_REASON.pending} (--force sends anyway)` : kind && SKIP_REASON[kind];
}

/** The dry run's plan: every row it would send, or that the member limit would refuse, in input order. */
function reportDryRun(toSend: InputRow[], checks: Preflight, org: string, report: (result: RowResult) => void): void {
  const { seatsLeft } = checks;
  toSend.forEach((row, i) => {
    if (seatsLeft && i >= seatsLeft.left)
      report({
        ...row,
        kind: 'over_limit',
        reason: `would exceed ${org}'s member limit of ${seatsLeft.limit} (${seatsLeft.left} seat(s) left)`,
      });
    else report({ ...row, kind: 'would_send' });
  });
}
