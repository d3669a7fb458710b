import { Box, Text } from 'ink';
import type { FlowState, Step } from '../flow/flow-reducer.js';
import { useSanitizeAndRedact, useServices } from '../services.js';
import { useTheme } from '../theme.js';

const STEPS: { step: Step; label: string }[] = [
  { step: 'org', label: 'Org' },
  { step: 'emails', label: 'Addresses' },
  { step: 'role', label: 'Role' },
  { step: 'review', label: 'Review' },
  { step: 'sending', label: 'Send' },
];

/** Two lines: where you are (target, org) and the steps of the flow, or "Browse". */
export function Header({ flow, width }: { flow: FlowState; width: number }) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const { target } = useServices();
  const current = flow.step === 'result' ? 'sending' : flow.step;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.color('accent')}>
          invite-tui
        </Text>
        <Text color={theme.color('muted')}> · {target}</Text>
        {flow.org ? (
          <Text> · {sanitizeAndRedact(flow.org.name ?? flow.org.key, { singleLine: true, maxLength: 40 })}</Text>
        ) : null}
      </Text>
      <Text wrap="truncate-end">
        {flow.step === 'browse' ? (
          <Text color={theme.color('accent')} bold>
            Browse invitations
          </Text>
        ) : (
          STEPS.map(({ step, label }, index) => (
            <Text key={step}>
              {index > 0 ? <Text color={theme.color('muted')}> › </Text> : null}
              <Text
                color={step === current ? theme.color('accent') : theme.color('muted')}
                bold={step === current}
                underline={step === current && !theme.colors}
              >
                {label}
              </Text>
            </Text>
          ))
        )}
      </Text>
    </Box>
  );
}
