import { Box, Text } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { ErrorDetails } from '../components/error-details.js';
import { Loading } from '../components/loading.js';
import { useInvitations } from '../hooks/use-invitations.js';
import { revokeAdvice, useRevoke } from '../hooks/use-revoke.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';
import { TextField } from '../widgets/text-field.js';
import { listMoves } from '../widgets/list-moves.js';
import { browseReducer, initialBrowseState, visibleInvitations } from './browse-state.js';
import { InvitationDetails, InvitationTable } from './invitation-table.js';

interface BrowseScreenProps {
  org: string;
  /** Why this person may only look (a role the server stated); undefined for an owner or an unknown role. */
  readOnlyReason: string | undefined;
  /** The text filter Browse opens with (the address of a 409). */
  initialFilter: string | undefined;
  onBack: () => void;
  width: number;
  height: number;
}

/** The org's invitations: filter, sort, details, revoke. Only the visible window is rendered. */
export function BrowseScreen({ org, readOnlyReason, initialFilter, onBack, width, height }: BrowseScreenProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const { resource: invitations, invalidate } = useInvitations(org);
  const [state, dispatch] = useReducer(browseReducer, initialFilter, initialBrowseState);
  const revoke = useRevoke(org, dispatch, invalidate);
  const all = useMemo(() => (invitations.status === 'ready' ? invitations.data : []), [invitations]);
  const rows = useMemo(() => visibleInvitations(all, state), [all, state.text, state.status, state.sort]); // eslint-disable-line react-hooks/exhaustive-deps
  const { notice } = state;
  const detailsHeight = state.details ? 6 : 0;
  const noticeHeight = notice ? (notice.tone === 'error' ? 5 : 1) : 0;
  const canRevoke = readOnlyReason === undefined;
  const reasonHeight = readOnlyReason ? Math.ceil(readOnlyReason.length / Math.max(1, width)) : 0;
  const tableHeight = Math.max(
    1,
    height - 4 - reasonHeight - detailsHeight - noticeHeight - (state.confirmingRevoke ? 1 : 0),
  );
  useEffect(
    () => dispatch({ type: 'rowsChanged', count: rows.length, height: tableHeight }),
    [rows.length, tableHeight],
  );
  const { cursor } = state;
  const selected = rows[cursor.index];
  const ready = invitations.status === 'ready';
  const revocable = selected?.id !== undefined && selected.status === 'pending';

  const moves = listMoves((how) => dispatch({ type: 'move', how, count: rows.length, height: tableHeight }), {
    paged: rows.length > tableHeight,
  });
  useKeyScope(
    {
      ...moves,
      endFilter: () => dispatch({ type: 'filterEnded', clear: false }),
      clearFilter: () => dispatch({ type: 'filterEnded', clear: true }),
    },
    { isActive: ready && state.filtering, capturesText: true },
  );
  useKeyScope(
    {
      ...moves,
      filter: () => dispatch({ type: 'filterStarted' }),
      // Offered on every row, not only pending ones: a footer that changed with the highlighted
      // row would redraw on every move. On a row that cannot be revoked, x says why.
      revoke:
        canRevoke &&
        selected?.id !== undefined &&
        state.revoking === undefined &&
        (() => {
          if (revocable) dispatch({ type: 'revokeAsked', id: selected.id! });
          else
            dispatch({
              type: 'revokeRefused',
              text: `Only a pending invitation can be revoked; this one is ${sanitizeAndRedact(selected.status ?? 'unknown', { singleLine: true, maxLength: 20 })}.`,
            });
        }),
      cycleStatus: () => dispatch({ type: 'statusCycled' }),
      details: () => dispatch({ type: 'detailsToggled' }),
      clearFilter: state.text !== '' && (() => dispatch({ type: 'filterEnded', clear: true })),
      back: state.text === '' && !readOnlyReason && onBack,
      pickOrg: state.text === '' && readOnlyReason !== undefined && onBack,
      refresh: invalidate,
      cycleSort: () => dispatch({ type: 'sortCycled' }),
    },
    { isActive: ready && !state.filtering && state.confirmingRevoke === undefined },
  );
  useKeyScope(
    {
      confirm: () => state.confirmingRevoke && void revoke(state.confirmingRevoke),
      deny: () => dispatch({ type: 'confirmationClosed' }),
    },
    { isActive: state.confirmingRevoke !== undefined, exclusive: true },
  );
  useKeyScope({ refresh: invitations.status === 'error' && invalidate, back: onBack }, { isActive: !ready });

  if (invitations.status === 'loading') return <Loading label="Loading invitations…" />;
  if (invitations.status === 'missing') {
    return (
      <Text wrap="wrap">
        {sanitizeAndRedact(invitations.why ?? 'This server does not list invitations.')} There is nothing to browse;
        sending still works: press {keyName('switchView')}.
      </Text>
    );
  }
  if (invitations.status === 'error') {
    return (
      <Box flexDirection="column" width={width}>
        <Text>Could not load the invitations:</Text>
        <ErrorDetails error={invitations.error} width={width} showNextStep={false} />
        <Text>Press {keyName('refresh')} to try again.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {readOnlyReason && (
        <Text color={theme.color('warning')} wrap="wrap">
          {sanitizeAndRedact(readOnlyReason)}
        </Text>
      )}
      <Box>
        <Text color={theme.color(state.filtering ? 'accent' : 'muted')}>/ </Text>
        {state.filtering ? (
          <TextField
            value={state.text}
            onChange={(text) => dispatch({ type: 'filterChanged', text })}
            placeholder="filter by address, role or id"
          />
        ) : (
          <Text color={theme.color('muted')} wrap="truncate-end">
            {state.text ? `“${state.text}”` : 'no filter'} · status {state.status} · sort {state.sort} · {rows.length}{' '}
            of {all.length}
          </Text>
        )}
      </Box>
      {rows.length === 0 ? (
        <Text color={theme.color('muted')}>No invitations match.</Text>
      ) : (
        <InvitationTable invitations={rows} cursor={cursor} height={tableHeight} width={width} />
      )}
      {state.details && selected && <InvitationDetails invitation={selected} width={width} />}
      {state.confirmingRevoke && (
        <Text color={theme.color('warning')} bold wrap="truncate-end">
          Revoke the invitation to {sanitizeAndRedact(selected?.email ?? state.confirmingRevoke)}? {keyName('confirm')}{' '}
          to revoke, {keyName('deny')} to keep it
        </Text>
      )}
      {state.revoking && <Text color={theme.color('muted')}>Revoking {sanitizeAndRedact(state.revoking)}…</Text>}
      {notice && notice.tone !== 'error' && (
        <Text color={theme.color(notice.tone)}>{sanitizeAndRedact(notice.text)}</Text>
      )}
      {notice?.tone === 'error' && (
        <Box flexDirection="column" width={width}>
          <Text>{sanitizeAndRedact(notice.title)}</Text>
          <ErrorDetails error={notice.error} width={width} showNextStep={false} />
          <Text color={theme.color('info')}>→ {revokeAdvice(notice.error)}</Text>
        </Box>
      )}
    </Box>
  );
}
