import { Box, Text } from 'ink';
import { KEYS, keyLabel, type KeyBinding } from '../keys.js';
import { useActiveCommands, useKeyScope } from '../keymap.js';
import { useTheme } from '../theme.js';

/** The `?` overlay: every key that works on the screen beneath, which keeps its state meanwhile. */
export function HelpOverlay({ width, onClose, onQuit }: { width: number; onClose: () => void; onQuit: () => void }) {
  const theme = useTheme();
  const beneath = useActiveCommands({ underModal: true });
  useKeyScope({ interrupt: onQuit, closeHelp: onClose }, { layer: 'modal', exclusive: true, quiet: ['interrupt'] });
  const labelWidth = Math.max(8, ...beneath.map(({ command, typing }) => keyLabel(command, typing).length + 1));
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.color('accent')} paddingX={1}>
      <Text bold>Keys</Text>
      {beneath.map(({ command, typing }) => (
        <Text key={command} wrap="truncate-end">
          <Text color={theme.color('accent')}>{keyLabel(command, typing).padEnd(labelWidth)}</Text>{' '}
          {(KEYS[command] as KeyBinding).help}
        </Text>
      ))}
      <Text color={theme.color('muted')}>any key closes this help</Text>
    </Box>
  );
}
