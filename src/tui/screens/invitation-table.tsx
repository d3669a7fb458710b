import { Box, Text } from 'ink';
import type { Invitation } from '../../api/schemas.js';
import { describeAge, describeExpiry } from '../../invites/format.js';
import { useShownTime } from '../hooks/use-shown-time.js';
import { useSanitizeAndRedact } from '../services.js';
import { statusTone, useTheme } from '../theme.js';
import { visibleRows, type ListCursor } from '../widgets/list-cursor.js';

const ROLE_WIDTH = 12;
const STATUS_WIDTH = 10;
const CREATED_WIDTH = 9;
const EXPIRY_WIDTH = 16;
const EMAIL_MIN = 12;

/**
 * Column widths for `width`: the address takes what the others leave; below that, every column
 * gives up the same share of its width (down to a few characters) rather than the last ones
 * being cut off the edge.
 */
export function tableColumns(width: number) {
  const showExpiry = width >= 76;
  const fixed = [ROLE_WIDTH, STATUS_WIDTH, CREATED_WIDTH];
  const room = width - 2 - (showExpiry ? EXPIRY_WIDTH : 0);
  const wanted = EMAIL_MIN + fixed.reduce((sum, size) => sum + size, 0);
  const scale = Math.min(1, room / wanted);
  const [role, status, created] = fixed.map((size) => Math.max(4, Math.floor(size * scale))) as [
    number,
    number,
    number,
  ];
  return { showExpiry, role, status, created, email: Math.max(4, room - role - status - created) };
}

interface InvitationTableProps {
  invitations: readonly Invitation[];
  cursor: ListCursor;
  height: number;
  width: number;
}

/** Address, role, status badge, age and expiry, for the visible window only. */
export function InvitationTable({ invitations, cursor, height, width }: InvitationTableProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const time = useShownTime();
  // The expiry column goes first when the terminal is narrow; then every column shrinks alike.
  const columns = tableColumns(width);
  const { showExpiry, email: emailWidth } = columns;
  const cell = (text: string, size: number) =>
    text.length > size - 1 ? `${text.slice(0, size - 2)}… ` : text.padEnd(size);
  return (
    <Box flexDirection="column" width={width}>
      <Text color={theme.color('muted')} wrap="truncate-end">
        {'  '}
        {cell('ADDRESS', emailWidth)}
        {cell('ROLE', columns.role)}
        {cell('STATUS', columns.status)}
        {cell('CREATED', columns.created)}
        {showExpiry ? 'EXPIRY' : ''}
      </Text>
      {visibleRows(invitations, cursor, height).map((invitation, i) => {
        const selected = cursor.offset + i === cursor.index;
        const status = sanitizeAndRedact(invitation.status ?? 'unknown', { singleLine: true, maxLength: 20 });
        return (
          // Keyed by screen slot, not by invitation: scrolling updates the same few nodes instead of
          // creating and freeing layout nodes for every row that enters or leaves the window.
          <Text key={i} wrap="truncate-end" bold={selected}>
            <Text color={selected ? theme.color('selected') : undefined}>{selected ? '❯ ' : '  '}</Text>
            {cell(sanitizeAndRedact(invitation.email ?? '', { singleLine: true, maxLength: 254 }), emailWidth)}
            {cell(sanitizeAndRedact(invitation.role, { singleLine: true, maxLength: 20 }), columns.role)}
            <Text color={theme.color(statusTone(invitation.status))}>{cell(status, columns.status)}</Text>
            {cell(describeAge(invitation.created_at, time), columns.created)}
            {showExpiry && invitation.status === 'pending' ? describeExpiry(invitation.expires_at, time) : ''}
          </Text>
        );
      })}
      <Text color={theme.color('muted')}>
        {'  '}
        {invitations.length === 0 ? 0 : cursor.index + 1}/{invitations.length}
      </Text>
    </Box>
  );
}

/** Every field of one invitation. */
export function InvitationDetails({ invitation, width }: { invitation: Invitation; width: number }) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const time = useShownTime();
  const field = (label: string, value: unknown) => (
    <Text wrap="truncate-end">
      <Text color={theme.color('muted')}>{label.padEnd(12)}</Text>
      {sanitizeAndRedact(value ?? '—', { singleLine: true, maxLength: 200 })}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width} borderStyle="single" borderColor={theme.color('muted')} paddingX={1}>
      {field('id', invitation.id)}
      {field('invited by', invitation.invited_by)}
      {field('created', `${invitation.created_at ?? '—'} (${describeAge(invitation.created_at, time)})`)}
      {field('expires', `${invitation.expires_at ?? '—'} (${describeExpiry(invitation.expires_at, time)})`)}
    </Box>
  );
}
