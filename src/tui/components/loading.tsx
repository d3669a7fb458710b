import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useTheme } from '../theme.js';

/** A spinner and what is being waited for. */
export function Loading({ label }: { label: string }) {
  const theme = useTheme();
  return (
    <Text>
      <Text color={theme.color('accent')}>
        <Spinner type="dots" />
      </Text>{' '}
      {label}
    </Text>
  );
}
