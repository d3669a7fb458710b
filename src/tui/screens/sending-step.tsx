import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { tally, type FlowState } from '../flow/flow-reducer.js';
import { useNow } from '../hooks/use-now.js';
import { keyName } from '../keys.js';
import { useKeyScope } from '../keymap.js';
import { useSanitizeAndRedact } from '../services.js';
import { useTheme } from '../theme.js';

/** Step 5: a spinner for one address, a progress bar for many; a countdown while rate limited. */
interface SendingStepProps {
  flow: FlowState;
  /** The first Ctrl-C: start no new requests, let those in flight finish. */
  onStop: () => void;
  /** The second: quit now. */
  onQuit: () => void;
  width: number;
}

export function SendingStep({ flow, onStop, onQuit, width }: SendingStepProps) {
  const theme = useTheme();
  const sanitizeAndRedact = useSanitizeAndRedact();
  const now = useNow(250);
  const counts = tally(flow.rows);
  const waitSeconds = flow.rateLimitedUntil ? Math.ceil((flow.rateLimitedUntil - now) / 1000) : 0;
  const elapsed = Math.max(0.001, (now - (flow.sendingStartedAt ?? now)) / 1000);
  const single = flow.rows.length === 1 ? flow.rows[0] : undefined;
  useKeyScope(flow.cancelling ? { interrupt: onQuit } : { stop: onStop });
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text color={theme.color('accent')}>
          <Spinner type="dots" />
        </Text>{' '}
        {single
          ? `Sending the invitation to ${sanitizeAndRedact(single.display)}…`
          : `Sending ${counts.total} invitations…`}
      </Text>
      {!single && (
        <>
          <ProgressBar done={counts.done} total={counts.total} width={Math.min(40, width - 20)} />
          <Text wrap="truncate-end">
            {counts.done}/{counts.total} done
            {counts.failed > 0 && <Text color={theme.color('error')}> · {counts.failed} failed</Text>}
            <Text color={theme.color('muted')}> · {(counts.done / elapsed).toFixed(1)}/s</Text>
          </Text>
        </>
      )}
      {waitSeconds > 0 && (
        <Text color={theme.color('warning')} wrap="truncate-end">
          Rate limited by the server: sending paused, resuming in {waitSeconds}s
        </Text>
      )}
      {flow.cancelling ? (
        <Text color={theme.color('warning')}>
          Stopping: letting requests in flight finish… ({keyName('interrupt')} again quits now)
        </Text>
      ) : (
        <Text color={theme.color('muted')}>{keyName('stop')} stops after the requests in flight</Text>
      )}
    </Box>
  );
}

function ProgressBar({ done, total, width }: { done: number; total: number; width: number }) {
  const theme = useTheme();
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return (
    <Text>
      <Text color={theme.color('success')}>{'█'.repeat(filled)}</Text>
      <Text color={theme.color('muted')}>{'░'.repeat(Math.max(0, width - filled))}</Text>{' '}
      {total === 0 ? 0 : Math.floor((done / total) * 100)}%
    </Text>
  );
}
