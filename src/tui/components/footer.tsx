import { Text } from 'ink';
import { hintText, isMinor, keyLabel, type Command } from '../keys.js';
import { useActiveCommands, type ActiveCommand } from '../keymap.js';
import { useTheme } from '../theme.js';

const SEPARATOR = ' · ';
/** Pairs that read as one hint; the `?` overlay lists them apart. */
const PAIRS: [Command, Command, string][] = [
  ['up', 'down', '↑↓ move'],
  ['pageUp', 'pageDown', 'PgUp/PgDn page'],
];

/** One line of the keys that work now, most important first, fitted to the width; "? help" always shows. */
export function Footer({ width }: { width: number }) {
  const theme = useTheme();
  const active = useActiveCommands({ footer: true });
  const ordered = [
    ...active.filter(({ command }) => !isMinor(command)),
    ...active.filter(({ command }) => isMinor(command)),
  ];
  return (
    <Text color={theme.color('muted')} wrap="truncate-end">
      {fitHints(hints(ordered), width)}
    </Text>
  );
}

export function hints(active: readonly ActiveCommand[]): { command: Command; text: string }[] {
  const commands = active.map(({ command }) => command);
  const out: { command: Command; text: string }[] = [];
  for (const { command, typing } of active) {
    const pair = PAIRS.find(([first, second]) => command === first || command === second);
    if (pair && commands.includes(pair[0]) && commands.includes(pair[1])) {
      if (command === pair[0]) out.push({ command, text: pair[2] });
      continue;
    }
    out.push({ command, text: `${keyLabel(command, typing)} ${hintText(command)}` });
  }
  return out;
}

/** The hints that fit, in order, dropping the least important first; help is kept last. */
function fitHints(all: readonly { command: Command; text: string }[], width: number): string {
  const help = all.find((hint) => hint.command === 'help');
  const rest = all.filter((hint) => hint !== help);
  const room = width - (help ? help.text.length + SEPARATOR.length : 0);
  const kept: string[] = [];
  let used = 0;
  for (const hint of rest) {
    const cost = hint.text.length + (kept.length > 0 ? SEPARATOR.length : 0);
    if (used + cost > room) break;
    kept.push(hint.text);
    used += cost;
  }
  return [...kept, ...(help ? [help.text] : [])].join(SEPARATOR);
}
