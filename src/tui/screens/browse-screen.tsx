import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useMemo, useReducer, useState } from 'react';
import { ApiError } from '../../api/errors.js';
import { ErrorDetails } from '../components/error-details.js';
import { Loading } from '../components/loading.js';
import { useInvitations } from '../hooks/use-invitations.js';
import { commandFor, type Command } from '../keys.js';
import { useClient, useDisplay } from '../services.js';
import { useTextFocus } from '../text-focus.js';
import { useTheme } from '../theme.js';
import { useListKeys } from '../widgets/use-list-keys.js';
import { browseReducer, clampCursor, initialBrowseState, visibleInvitations } from './browse-state.js';
import { InvitationDetails, InvitationTable } from './invitation-table.js';

export const BROWSE_COMMANDS: Command[] = [
  'up',
  'down',
  'filter',
  'cycleStatus',
  'cycleSort',
  'details',
  'revoke',
  'refresh',
  'back',
  'switchView',
  'help',
  'quit',
];

interface BrowseScreenProps {
  org: string;
  canRevoke: boolean;
  focus: string | undefined;
  onBack: () => void;
  width: number;
  height: number;
}

type Notice = { tone: 'success'; text: string } | { tone: 'error'; error: ApiError } | undefined;

/** The org's invitations: filter, sort, details, revoke. Only the visible window is rendered. */
export function BrowseScreen({ org, canRevoke, focus, onBack, width, height }: BrowseScreenProps) {
  const theme = useTheme();
  const show = useDisplay();
  const client = useClient();
  const [invitations, reload] = useInvitations(org);
  const [state, dispatch] = useReducer(browseReducer, focus, initialBrowseState);
  const [notice, setNotice] = useState<Notice>();
  const all = useMemo(() => (invitations.status === 'ready' ? invitations.data : []), [invitations]);
  const rows = useMemo(() => visibleInvitations(all, state), [all, state.text, state.status, state.sort]); // eslint-disable-line react-hooks/exhaustive-deps
  const detailsHeight = state.details ? 6 : 0;
  const noticeHeight = notice ? (notice.tone === 'error' ? 4 : 1) : 0;
  const tableHeight = Math.max(1, height - 4 - detailsHeight - noticeHeight - (state.confirmingRevoke ? 1 : 0));
  // A revoke or refresh may shorten the list under the cursor.
  const { cursor } = clampCursor(state, rows.length, tableHeight);
  const selected = rows[cursor.index];
  useTextFocus(state.filtering);

  const revoke = async (id: string) => {
    dispatch({ type: 'revokeSettled' });
    try {
      await client.revokeInvitation(org, id);
      setNotice({ tone: 'success', text: `Revoked ${id}.` });
      reload();
    } catch (error) {
      if (error instanceof ApiError) setNotice({ tone: 'error', error });
    }
  };

  const listening = !state.filtering && !state.confirmingRevoke;
  useListKeys(
    (how) => dispatch({ type: 'move', how, count: rows.length, height: tableHeight }),
    !state.confirmingRevoke,
    !state.filtering,
  );
  useInput(
    (input, key) => {
      const command = commandFor(
        ['filter', 'cycleStatus', 'cycleSort', 'details', 'revoke', 'refresh', 'back'],
        input,
        key,
      );
      if (command) setNotice(undefined);
      if (command === 'filter') dispatch({ type: 'filterStarted' });
      if (command === 'cycleStatus') dispatch({ type: 'statusCycled' });
      if (command === 'cycleSort') dispatch({ type: 'sortCycled' });
      if (command === 'details') dispatch({ type: 'detailsToggled' });
      if (command === 'refresh') reload();
      if (command === 'revoke' && selected?.id && selected.status === 'pending' && canRevoke)
        dispatch({ type: 'revokeAsked', id: selected.id });
      if (command === 'revoke' && selected && (selected.status !== 'pending' || !canRevoke)) {
        setNotice({
          tone: 'error',
          error: new ApiError({
            kind: 'refused',
            detail: canRevoke ? 'Only pending invitations can be revoked.' : 'Only owners can revoke invitations.',
          }),
        });
      }
      if (command === 'back' && state.text) dispatch({ type: 'filterEnded', clear: true });
      else if (command === 'back') onBack();
    },
    { isActive: listening },
  );
  useInput(
    (input, key) => {
      const command = commandFor(['confirm', 'deny'], input, key);
      if (command === 'confirm' && state.confirmingRevoke) void revoke(state.confirmingRevoke);
      if (command === 'deny') dispatch({ type: 'revokeSettled' });
    },
    { isActive: state.confirmingRevoke !== undefined },
  );
  useInput((_input, key) => key.escape && dispatch({ type: 'filterEnded', clear: true }), {
    isActive: state.filtering,
  });

  if (invitations.status === 'loading') return <Loading label="Loading invitations…" />;
  if (invitations.status === 'missing') {
    return (
      <Text wrap="wrap">
        This server does not list invitations, so there is nothing to browse. Sending still works: press Tab.
      </Text>
    );
  }
  if (invitations.status === 'error') {
    return (
      <Box flexDirection="column" width={width}>
        <Text>Could not load the invitations:</Text>
        <ErrorDetails error={invitations.error} width={width} showNextStep={false} />
        <Text>Press r to try again.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text color={theme.color(state.filtering ? 'accent' : 'muted')}>/ </Text>
        {state.filtering ? (
          <TextInput
            value={state.text}
            onChange={(text) => dispatch({ type: 'filterChanged', text })}
            onSubmit={() => dispatch({ type: 'filterEnded', clear: false })}
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
          Revoke the invitation to {show(selected?.email ?? state.confirmingRevoke)}? y to revoke, n to keep it
        </Text>
      )}
      {notice?.tone === 'success' && <Text color={theme.color('success')}>{notice.text}</Text>}
      {notice?.tone === 'error' && <ErrorDetails error={notice.error} width={width} />}
    </Box>
  );
}
