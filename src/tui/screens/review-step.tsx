import { Box, Text } from 'ink';
import type { Role } from '../../api/schemas.js';
import { ROLE_DESCRIPTIONS } from '../../api/constants.js';
import type { SendPlan } from '../hooks/use-send-plan.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useDisplay } from '../services.js';
import { useTheme } from '../theme.js';

interface ReviewStepProps {
  orgLabel: string;
  plan: SendPlan;
  role: Role;
  sendEmail: boolean;
  onToggleEmail: () => void;
  onSend: () => void;
  onBack: () => void;
  width: number;
  height: number;
}

/** Step 4: everything that will be sent, once more, before it is. */
export function ReviewStep({
  orgLabel,
  plan,
  role,
  sendEmail,
  onToggleEmail,
  onSend,
  onBack,
  width,
  height,
}: ReviewStepProps) {
  const theme = useTheme();
  const show = useDisplay();
  useKeyScope({ send: onSend, toggleEmail: onToggleEmail, back: onBack });
  const room = Math.max(1, height - 8);
  const addresses = plan.sendable;
  const label = (text: string) => <Text color={theme.color('muted')}>{text.padEnd(14)}</Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Review</Text>
      <Text wrap="truncate-end">
        {label('Organization')}
        {show(orgLabel, { singleLine: true, maxLength: 60 })}
      </Text>
      <Text wrap="truncate-end">
        {label('Role')}
        <Text bold={role === 'owner'} color={role === 'owner' ? theme.color('warning') : undefined}>
          {role}
        </Text>
        <Text color={theme.color('muted')}> · {ROLE_DESCRIPTIONS[role]}</Text>
      </Text>
      <Text wrap="truncate-end">
        {label('Email')}[{sendEmail ? 'x' : ' '}] send invitation email{' '}
        <Text color={theme.color('muted')}>({keyName('toggleEmail')} toggles)</Text>
      </Text>
      <Text wrap="truncate-end">
        {label('Addresses')}
        {addresses.length}
        {plan.alreadyPending.length > 0 && (
          <Text color={theme.color('warning')}> · {plan.alreadyPending.length} already pending, skipped</Text>
        )}
      </Text>
      {addresses.slice(0, room).map((address) => (
        <Text key={address.email} wrap="truncate-end">
          {'  '}
          {show(address.display)}
          {address.display !== address.email && <Text color={theme.color('muted')}> ({address.email})</Text>}
        </Text>
      ))}
      {addresses.length > room && (
        <Text color={theme.color('muted')}>
          {'  '}… and {addresses.length - room} more
        </Text>
      )}
      <Text color={theme.color('accent')} bold>
        {keyName('send')} sends {addresses.length === 1 ? 'the invitation' : `${addresses.length} invitations`} ·{' '}
        {keyName('back')} goes back
      </Text>
    </Box>
  );
}
