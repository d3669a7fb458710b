import { Text } from 'ink';
import { KEYS, type Command, type KeyBinding } from '../keys.js';
import { useTheme } from '../theme.js';

/** One line of key hints, from the same key map that drives the handlers. */
export function Footer({ commands, width }: { commands: readonly Command[]; width: number }) {
  const theme = useTheme();
  // ↑ and ↓ read as one hint; the `?` overlay lists them apart.
  const shown = commands.filter((command) => command !== 'down');
  const hints = shown.map((command) => {
    const binding: KeyBinding = KEYS[command];
    return command === 'up' && commands.includes('down')
      ? '↑↓ move'
      : `${binding.label} ${binding.hint ?? binding.help}`;
  });
  return (
    <Text color={theme.color('muted')} wrap="truncate-end">
      {truncateToWidth(hints.join(' · '), width)}
    </Text>
  );
}

function truncateToWidth(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
