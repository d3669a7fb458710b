import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { describeExpiry } from '../../invites/format.js';
import { nextStepFor } from '../../invites/next-step.js';
import { VERSION } from '../../version.js';
import { ErrorDetails, errorDetailsHeight } from '../components/error-details.js';
import { tally, type SendRow } from '../flow/flow-reducer.js';
import { commandFor, type Command } from '../keys.js';
import { useDisplay, useServices } from '../services.js';
import { statusTone, useTheme } from '../theme.js';
import { move, START } from '../widgets/list-cursor.js';
import { SelectList } from '../widgets/select-list.js';
import { useListKeys } from '../widgets/use-list-keys.js';

/** The keys that do something for these rows: the footer shows no dead keys. */
export function resultCommands(rows: SendRow[]): Command[] {
  const actions = new Set(
    rows.flatMap((row) => (row.outcome.state === 'failed' ? [nextStepFor(row.outcome.error, VERSION).action] : [])),
  );
  const notSent = rows.some((row) => row.outcome.state === 'queued' || row.outcome.state === 'sending');
  return [
    ...(rows.length > 1 ? (['up', 'down'] as const) : []),
    ...(actions.has('retry') || notSent ? (['retry'] as const) : []),
    ...(actions.has('browse') ? (['openBrowse'] as const) : []),
    ...(actions.has('fix-field') ? (['fixField'] as const) : []),
    ...(actions.has('pick-org') ? (['back'] as const) : []),
    'newInvite',
    'switchView',
    'help',
    'quit',
  ];
}

interface ResultStepProps {
  rows: SendRow[];
  cancelled: boolean;
  onRetry: () => void;
  onBrowse: (email: string) => void;
  onFixField: (row: SendRow) => void;
  onNew: () => void;
  onPickOrg: () => void;
  width: number;
  height: number;
}

/** Step 6, the status panel: one row per address, and everything known about the highlighted one. */
export function ResultStep({
  rows,
  cancelled,
  onRetry,
  onBrowse,
  onFixField,
  onNew,
  onPickOrg,
  width,
  height,
}: ResultStepProps) {
  const theme = useTheme();
  const show = useDisplay();
  const { now } = useServices();
  const counts = tally(rows);
  const detailHeight =
    4 +
    Math.max(
      0,
      ...rows.map((row) =>
        row.outcome.state === 'failed' ? errorDetailsHeight(row.outcome.error, width) : row.note ? 2 : 1,
      ),
    );
  const listHeight = rows.length === 1 ? 0 : Math.max(1, Math.min(rows.length, height - detailHeight - 2));
  const [cursor, setCursor] = useState(START);
  const current = rows[cursor.index];
  useListKeys((how) => setCursor((at) => move(at, how, rows.length, listHeight)), rows.length > 1);
  useInput((input, key) => {
    const command = commandFor(['retry', 'openBrowse', 'fixField', 'newInvite', 'back', 'select'], input, key);
    const failure = current?.outcome.state === 'failed' ? nextStepFor(current.outcome.error, VERSION) : undefined;
    if (command === 'retry' && rowsToRetry(rows).length > 0) onRetry();
    if (command === 'openBrowse' && current) onBrowse(current.email);
    if (command === 'fixField' && current && failure?.action === 'fix-field') onFixField(current);
    if (command === 'newInvite') onNew();
    if (command === 'back' && failure?.action === 'pick-org') onPickOrg();
  });

  const items = rows.map((row) => ({
    id: row.email,
    label: `${symbol(row)} ${show(row.display)}`,
    hint: show(summary(row, now())),
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
          <RowDetails row={current} width={width} />
        </Box>
      )}
      {counts.notSent > 0 && <Text color={theme.color('warning')}>Press r to send the {counts.notSent} not sent.</Text>}
    </Box>
  );
}

function RowDetails({ row, width }: { row: SendRow; width: number }) {
  const theme = useTheme();
  const show = useDisplay();
  const { now } = useServices();
  const { outcome } = row;
  if (outcome.state === 'failed') return <ErrorDetails error={outcome.error} width={width} />;
  if (outcome.state === 'skipped')
    return (
      <Text color={theme.color('warning')}>
        ! {show(row.display)}: skipped, {outcome.reason}
      </Text>
    );
  if (outcome.state !== 'sent')
    return <Text color={theme.color('warning')}>… {show(row.display)}: not sent. Press r to send it.</Text>;
  const { invitation } = outcome;
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.color('success')} bold wrap="truncate-end">
        ✓ Invitation sent to {show(invitation.email ?? row.display)}
      </Text>
      <Text wrap="truncate-end">
        {'  '}role {show(invitation.role)} · status{' '}
        <Text color={theme.color(statusTone(invitation.status))}>{show(invitation.status ?? 'unknown')}</Text>
        {invitation.expires_at ? ` · ${describeExpiry(invitation.expires_at, now())}` : ''}
        {invitation.id ? <Text color={theme.color('muted')}> · {show(invitation.id)}</Text> : null}
      </Text>
      {row.note ? (
        <Text color={theme.color('muted')} wrap="truncate-end">
          {'  '}
          {row.note}
        </Text>
      ) : null}
    </Box>
  );
}

export function isRetryableRow(row: SendRow): boolean {
  return row.outcome.state === 'failed' && nextStepFor(row.outcome.error, VERSION).action === 'retry';
}

/** What `r` sends again: failures a retry can fix, and rows a stop left unsent; never a 409 or a 403. */
export function rowsToRetry(rows: SendRow[]): SendRow[] {
  return rows.filter((row) => isRetryableRow(row) || row.outcome.state === 'queued' || row.outcome.state === 'sending');
}

function symbol(row: SendRow): string {
  return { sent: '✓', failed: '✗', skipped: '!', queued: '…', sending: '…' }[row.outcome.state];
}

function summary(row: SendRow, now: number): string {
  const { outcome } = row;
  if (outcome.state === 'sent')
    return `${outcome.invitation.role} · ${describeExpiry(outcome.invitation.expires_at, now)}`;
  if (outcome.state === 'failed')
    return outcome.error.status ? `${outcome.error.status} ${outcome.error.type ?? ''}`.trim() : outcome.error.kind;
  if (outcome.state === 'skipped') return outcome.reason;
  return 'not sent';
}
