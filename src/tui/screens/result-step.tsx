import { Box, Text } from 'ink';
import { describeExpiry } from '../../invites/format.js';
import { nextStepFor } from '../../invites/next-step.js';
import { VERSION } from '../../version.js';
import { ErrorDetails, errorDetailsHeight } from '../components/error-details.js';
import { tally, type SendRow } from '../flow/flow-reducer.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useShownTime } from '../hooks/use-shown-time.js';
import { useSanitizeAndRedact } from '../services.js';
import { statusTone, useTheme } from '../theme.js';
import { SelectList } from '../widgets/select-list.js';
import { useSelectList } from '../widgets/use-select-list.js';

interface ResultStepProps {
  rows: SendRow[];
  /** The role these rows were sent with: a server may answer with another. */
  requestedRole: string;
  cancelled: boolean;
  onRetry: () => void;
  onBrowse: (email: string) => void;
  onFixField: (row: SendRow) => void;
  onNew: () => void;
  onPickOrg: () => void;
  /** False where the server lists no invitations: no advice or key leads to Browse. */
  canBrowse?: boolean;
  width: number;
  height: number;
}

/** Step 6, the status panel: one row per address, and everything known about the highlighted one. */
export function ResultStep({
  rows,
  requestedRole,
  cancelled,
  onRetry,
  onBrowse,
  onFixField,
  onNew,
  onPickOrg,
  canBrowse = true,
  width,
  height,
}: ResultStepProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const time = useShownTime();
  const counts = tally(rows);
  const detailHeight =
    4 +
    Math.max(
      0,
      ...rows.map((row) =>
        row.outcome.state === 'failed'
          ? errorDetailsHeight(row.outcome.error, width)
          : 1 +
            (row.note ? 1 : 0) +
            (row.outcome.state === 'sent' && row.outcome.invitation.role !== requestedRole ? 1 : 0),
      ),
    );
  const listHeight = rows.length === 1 ? 0 : Math.max(1, Math.min(rows.length, height - detailHeight - 2));
  const list = useSelectList({ items: rows, height: Math.max(1, listHeight) });
  const { cursor } = list;
  const current = list.highlighted;
  const failure =
    current?.outcome.state === 'failed' ? nextStepFor(current.outcome.error, VERSION, undefined, canBrowse) : undefined;
  // Only the keys that do something for these rows (and this one): the footer shows no dead keys.
  const actions = new Set(
    rows.flatMap((row) =>
      row.outcome.state === 'failed' ? [nextStepFor(row.outcome.error, VERSION, undefined, canBrowse).action] : [],
    ),
  );
  useKeyScope({
    ...(rows.length > 1 ? list.handlers : {}),
    retry: rowsToRetry(rows).length > 0 && onRetry,
    openBrowse: actions.has('browse') && current && (() => onBrowse(current.email)),
    fixField: failure?.action === 'fix-field' && current && (() => onFixField(current)),
    pickOrg: actions.has('pick-org') && onPickOrg,
    newInvite: onNew,
  });

  const items = rows.map((row) => ({
    id: row.email,
    label: `${symbol(row)} ${sanitizeAndRedact(row.display)}`,
    hint: sanitizeAndRedact(summary(row, requestedRole, time)),
  }));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>Result </Text>
        <Text color={theme.color('success')}>{counts.sent} sent</Text>
        {counts.failed > 0 && <Text color={theme.color('error')}> · {counts.failed} failed</Text>}
        {counts.skipped > 0 && <Text color={theme.color('warning')}> · {counts.skipped} skipped</Text>}
        {counts.notSent > 0 && (
          <Text color={theme.color('warning')}>
            {' '}
            · {counts.notSent} not sent{cancelled ? ' (stopped)' : ''}
          </Text>
        )}
      </Text>
      {listHeight > 0 && <SelectList items={items} cursor={cursor} height={listHeight} width={width} />}
      {current && (
        <Box flexDirection="column" marginTop={listHeight > 0 ? 1 : 0} width={width}>
          <RowDetails row={current} requestedRole={requestedRole} canBrowse={canBrowse} width={width} />
        </Box>
      )}
      {counts.notSent > 0 && (
        <Text color={theme.color('warning')}>
          Press {keyName('retry')} to send the {counts.notSent} not sent.
        </Text>
      )}
    </Box>
  );
}

function RowDetails({
  row,
  requestedRole,
  canBrowse,
  width,
}: {
  row: SendRow;
  requestedRole: string;
  canBrowse: boolean;
  width: number;
}) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const time = useShownTime();
  const { outcome } = row;
  if (outcome.state === 'failed') return <ErrorDetails error={outcome.error} width={width} canBrowse={canBrowse} />;
  if (outcome.state === 'skipped')
    return (
      <Text color={theme.color('warning')}>
        ! {sanitizeAndRedact(row.display)}: skipped, {outcome.reason}
      </Text>
    );
  if (outcome.state !== 'sent')
    return (
      <Text color={theme.color('warning')}>
        … {sanitizeAndRedact(row.display)}: not sent. Press {keyName('retry')} to send it.
      </Text>
    );
  // Only what the server said: its answer may be no more than {"role": ...}.
  const { invitation } = outcome;
  const expiry = describeExpiry(invitation.expires_at, time);
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.color('success')} bold wrap="truncate-end">
        ✓ Invitation sent to {sanitizeAndRedact(invitation.email ?? row.display)}
      </Text>
      <Text wrap="truncate-end">
        {'  '}role {sanitizeAndRedact(invitation.role)}
        {invitation.status !== undefined && (
          <>
            {' · status '}
            <Text color={theme.color(statusTone(invitation.status))}>{sanitizeAndRedact(invitation.status)}</Text>
          </>
        )}
        {expiry ? ` · ${expiry}` : ''}
        {invitation.id ? <Text color={theme.color('muted')}> · {sanitizeAndRedact(invitation.id)}</Text> : null}
      </Text>
      {row.note ? (
        <Text color={theme.color('muted')} wrap="truncate-end">
          {'  '}
          {row.note}
        </Text>
      ) : null}
      {invitation.role !== requestedRole && (
        <Text color={theme.color('warning')} wrap="wrap">
          {'  '}! You asked for {requestedRole}; the server answered {sanitizeAndRedact(invitation.role)}.
        </Text>
      )}
    </Box>
  );
}

function isRetryableRow(row: SendRow): boolean {
  return row.outcome.state === 'failed' && nextStepFor(row.outcome.error, VERSION).action === 'retry';
}

/** What `r` sends again: failures a retry can fix, and rows a stop left unsent; never a 409 or a 403. */
export function rowsToRetry(rows: SendRow[]): SendRow[] {
  return rows.filter((row) => isRetryableRow(row) || row.outcome.state === 'queued' || row.outcome.state === 'sending');
}

function symbol(row: SendRow): string {
  return { sent: '✓', failed: '✗', skipped: '!', queued: '…', sending: '…' }[row.outcome.state];
}

function summary(row: SendRow, requestedRole: string, now: number): string {
  const { outcome } = row;
  if (outcome.state === 'sent') {
    const { role, expires_at } = outcome.invitation;
    const asked = role === requestedRole ? '' : ` (asked ${requestedRole})`;
    return [`${role}${asked}`, describeExpiry(expires_at, now)].filter(Boolean).join(' · ');
  }
  if (outcome.state === 'failed')
    return outcome.error.status ? `${outcome.error.status} ${outcome.error.type ?? ''}`.trim() : outcome.error.kind;
  if (outcome.state === 'skipped') return outcome.reason;
  return 'not sent';
}
