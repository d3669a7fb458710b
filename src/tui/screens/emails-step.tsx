import { Box, Text } from 'ink';
import { useState } from 'react';
import type { FieldMessage } from '../flow/flow-reducer.js';
import type { AddressTriage } from '../hooks/use-address-triage.js';
import type { OrgCheck } from '../hooks/use-org-check.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';
import { TextField } from '../widgets/text-field.js';

interface EmailsStepProps {
  orgName: string;
  text: string;
  triage: AddressTriage;
  fieldMessage: FieldMessage | undefined;
  /** For a typed org key: what its check found. */
  orgCheck: OrgCheck | undefined;
  onChange: (text: string) => void;
  onConfirm: () => void;
  onBack: () => void;
  width: number;
  height: number;
}

/** Step 2: one or many addresses, checked as they are typed. */
export function EmailsStep({
  orgName,
  text,
  triage,
  fieldMessage,
  orgCheck,
  onChange,
  onConfirm,
  onBack,
  width,
  height,
}: EmailsStepProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const [hint, setHint] = useState<string | undefined>();
  const submit = () => {
    if (triage.sendable.length > 0) return onConfirm();
    setHint(
      triage.list.valid.length > 0
        ? 'Every address already has a pending invitation.'
        : 'Type at least one valid address.',
    );
  };
  useKeyScope({ submit, back: onBack }, { capturesText: true });
  const { list, alreadyPending } = triage;
  const problems = [
    ...list.invalid.map((entry) => ({
      tone: 'error' as const,
      text: `✗ ${sanitizeAndRedact(entry.input, { singleLine: true, maxLength: 60 })}: ${entry.reason}`,
    })),
    ...alreadyPending.map((entry) => ({
      tone: 'warning' as const,
      text: `! ${sanitizeAndRedact(entry.display)}: already has a pending invitation (skipped)`,
    })),
  ];
  // The field wraps as it grows; what is left of the height lists the problems.
  const inputLines = Math.ceil((text.length + 1) / Math.max(1, width - 11));
  const noteLines = orgCheck?.status === 'unconfirmed' ? Math.ceil((2 + orgCheck.note.length) / Math.max(1, width)) : 0;
  const room = Math.max(1, height - 4 - inputLines - noteLines - (fieldMessage ? 1 : 0) - (hint ? 1 : 0));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        Who should be invited to {sanitizeAndRedact(orgName, { singleLine: true, maxLength: 40 })}?
      </Text>
      {orgCheck?.status === 'unconfirmed' && (
        <Text color={theme.color('warning')} wrap="wrap">
          ! {sanitizeAndRedact(orgCheck.note)}
        </Text>
      )}
      <Text color={theme.color('muted')} wrap="truncate-end">
        Paste one or many: commas, spaces or new lines; “Name &lt;addr&gt;” works.
      </Text>
      {/* Label and value as columns: a long value wraps inside its own column. */}
      <Box>
        <Box flexShrink={0}>
          <Text color={theme.color('accent')}>Addresses: </Text>
        </Box>
        <Box flexGrow={1} flexShrink={1}>
          <TextField
            value={text}
            onChange={(value) => onChange(value.replace(/[\r\n]+/g, ', '))}
            placeholder="ada@example.com"
          />
        </Box>
      </Box>
      {fieldMessage && (
        <Text color={theme.color('error')}>
          {'  '}↳ server: {sanitizeAndRedact(fieldMessage.message)}
        </Text>
      )}
      <Text wrap="truncate-end">
        <Text color={theme.color('success')}>{triage.sendable.length} to send</Text>
        {list.invalid.length > 0 && <Text color={theme.color('error')}> · {list.invalid.length} invalid</Text>}
        {alreadyPending.length > 0 && (
          <Text color={theme.color('warning')}> · {alreadyPending.length} already pending</Text>
        )}
        {list.duplicates > 0 && (
          <Text color={theme.color('muted')}>
            {' '}
            · {list.duplicates} duplicate{list.duplicates > 1 ? 's' : ''} collapsed
          </Text>
        )}
      </Text>
      {problems.slice(0, room).map((problem, index) => (
        <Text key={index} color={theme.color(problem.tone)} wrap="truncate-end">
          {'  '}
          {problem.text}
        </Text>
      ))}
      {problems.length > room && (
        <Text color={theme.color('muted')}>
          {'  '}… and {problems.length - room} more
        </Text>
      )}
      {hint && <Text color={theme.color('warning')}>{hint}</Text>}
    </Box>
  );
}
