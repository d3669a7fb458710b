import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Role } from '../../api/schemas.js';
import { ROLE_DESCRIPTIONS } from '../../api/constants.js';
import type { AddressTriage } from '../hooks/use-address-triage.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';

interface ReviewStepProps {
  orgLabel: string;
  triage: AddressTriage;
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
  triage,
  role,
  sendEmail,
  onToggleEmail,
  onSend,
  onBack,
  width,
  height,
}: ReviewStepProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  useKeyScope({ send: onSend, toggleEmail: onToggleEmail, back: onBack });
  const addresses = triage.sendable;
  const orgText = sanitizeAndRedact(orgLabel, { singleLine: true, maxLength: 60 });
  const roleText = `${role} · ${ROLE_DESCRIPTIONS[role]}`;
  const emailText = `[${sendEmail ? 'x' : ' '}] send invitation email (${keyName('toggleEmail')} toggles)`;
  const already = [
    triage.alreadyMembers.length > 0 &&
      `${triage.alreadyMembers.length} already ${triage.alreadyMembers.length === 1 ? 'a member' : 'members'}`,
    triage.alreadyPending.length > 0 && `${triage.alreadyPending.length} already pending`,
  ].filter(Boolean);
  const pendingText = already.length > 0 ? ` · ${already.join(', ')}, skipped` : '';
  // An address the addresses step marked invalid is not sent: Review says so rather than drop it.
  const invalidCount = triage.list.invalid.length;
  const invalidText = invalidCount > 0 ? ` · ${invalidCount} invalid, not sent` : '';
  const notCheckedText =
    triage.notChecked.length > 0
      ? `Not checked before sending: ${triage.notChecked.join(', ')} (the server decides).`
      : '';
  // Every value wraps in its own column rather than being cut; the addresses get what is left.
  const lines = (text: string, columns: number) => Math.max(1, Math.ceil(text.length / Math.max(1, columns)));
  const valueColumns = width - LABEL_WIDTH;
  const fieldLines = [orgText, roleText, emailText, `${addresses.length}${pendingText}${invalidText}`].reduce(
    (sum, text) => sum + lines(text, valueColumns),
    0,
  );
  const addressText = (address: (typeof addresses)[number]) =>
    sanitizeAndRedact(address.display) + (address.display !== address.email ? ` (${address.email})` : '');
  let budget = Math.max(1, height - 3 - fieldLines - (notCheckedText ? lines(notCheckedText, width) : 0));
  const shown: typeof addresses = [];
  for (const address of addresses) {
    const cost = lines(addressText(address), width - 2);
    if (cost > budget - (shown.length + 1 < addresses.length ? 1 : 0)) break;
    shown.push(address);
    budget -= cost;
  }
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Review</Text>
      <Field label="Organization">
        <Text wrap="wrap">{orgText}</Text>
      </Field>
      <Field label="Role">
        <Text wrap="wrap">
          <Text bold={role === 'owner'} color={role === 'owner' ? theme.color('warning') : undefined}>
            {role}
          </Text>
          <Text color={theme.color('muted')}> · {ROLE_DESCRIPTIONS[role]}</Text>
        </Text>
      </Field>
      <Field label="Email">
        <Text wrap="wrap">
          [{sendEmail ? 'x' : ' '}] send invitation email{' '}
          <Text color={theme.color('muted')}>({keyName('toggleEmail')} toggles)</Text>
        </Text>
      </Field>
      <Field label="Addresses">
        <Text wrap="wrap">
          {addresses.length}
          {pendingText && <Text color={theme.color('warning')}>{pendingText}</Text>}
          {invalidText && <Text color={theme.color('error')}>{invalidText}</Text>}
        </Text>
      </Field>
      {shown.map((address) => (
        <Box key={address.email} paddingLeft={2}>
          <Text wrap="wrap">
            {sanitizeAndRedact(address.display)}
            {address.display !== address.email && <Text color={theme.color('muted')}> ({address.email})</Text>}
          </Text>
        </Box>
      ))}
      {addresses.length > shown.length && (
        <Text color={theme.color('muted')}>
          {'  '}… and {addresses.length - shown.length} more
        </Text>
      )}
      {notCheckedText && (
        <Text color={theme.color('muted')} wrap="wrap">
          {notCheckedText}
        </Text>
      )}
      <Text color={theme.color('accent')} bold>
        {keyName('send')} sends {addresses.length === 1 ? 'the invitation' : `${addresses.length} invitations`} ·{' '}
        {keyName('back')} goes back
      </Text>
    </Box>
  );
}

const LABEL_WIDTH = 14;

/** A label and its value as two columns: the value wraps within its own. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  const theme = useTheme();
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text color={theme.color('muted')}>{label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {children}
      </Box>
    </Box>
  );
}
