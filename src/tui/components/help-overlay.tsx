import { Box, Text } from 'ink';
import { GLOBAL_COMMANDS, KEYS, type Command } from '../keys.js';
import { useTheme } from '../theme.js';

/** The `?` overlay: every key of the current screen, then the global ones. */
export function HelpOverlay({ commands, width }: { commands: readonly Command[]; width: number }) {
  const theme = useTheme();
  const rows = [...new Set([...commands, ...GLOBAL_COMMANDS])];
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.color('accent')} paddingX={1}>
      <Text bold>Keys</Text>
      {rows.map((command) => (
        <Text key={command} wrap="truncate-end">
          <Text color={theme.color('accent')}>{KEYS[command].label.padEnd(8)}</Text> {KEYS[command].help}
        </Text>
      ))}
      <Text color={theme.color('muted')}>any key closes this help</Text>
    </Box>
  );
}
