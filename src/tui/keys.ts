// One key map: it drives the input handlers, the footer hints and the `?` overlay alike.
import type { Key } from 'ink';

export interface KeyBinding {
  /** How the keys are written in hints, e.g. "↑/k". */
  label: string;
  help: string;
  /** A shorter help text for the footer. */
  hint?: string;
  matches(input: string, key: Key): boolean;
}

const char = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;

export const KEYS = {
  up: { label: '↑/k', help: 'move up', matches: (input, key) => key.upArrow || char('k')(input, key) },
  down: { label: '↓/j', help: 'move down', matches: (input, key) => key.downArrow || char('j')(input, key) },
  pageUp: { label: 'PgUp', help: 'page up', matches: (_input, key) => key.pageUp },
  pageDown: { label: 'PgDn', help: 'page down', matches: (_input, key) => key.pageDown },
  select: { label: 'enter', help: 'select / confirm', hint: 'select', matches: (_input, key) => key.return },
  back: { label: 'esc', help: 'go back', hint: 'back', matches: (_input, key) => key.escape },
  switchView: { label: 'tab', help: 'switch Send ↔ Browse', hint: 'send/browse', matches: (_input, key) => key.tab },
  filter: { label: '/', help: 'filter', matches: char('/') },
  help: { label: '?', help: 'help', matches: char('?') },
  quit: { label: 'q', help: 'quit', matches: char('q') },
  interrupt: {
    label: 'ctrl-c',
    help: 'quit from anywhere',
    hint: 'stop',
    matches: (input, key) => key.ctrl && input === 'c',
  },
  toggleEmail: { label: 'e', help: 'toggle "send invitation email"', hint: 'email on/off', matches: char('e') },
  retry: { label: 'r', help: 'retry failed (same Idempotency-Key)', hint: 'retry', matches: char('r') },
  refresh: { label: 'r', help: 'refresh', matches: char('r') },
  openBrowse: { label: 'b', help: 'open in Browse', hint: 'browse', matches: char('b') },
  fixField: { label: 'f', help: 'fix the field the server named', hint: 'fix', matches: char('f') },
  newInvite: { label: 'n', help: 'new invitation', hint: 'new', matches: char('n') },
  cycleStatus: { label: 's', help: 'cycle status filter', hint: 'status', matches: char('s') },
  cycleSort: { label: 'o', help: 'cycle sort order', hint: 'sort', matches: char('o') },
  details: { label: 'd', help: 'show / hide details', hint: 'details', matches: char('d') },
  revoke: { label: 'x', help: 'revoke (asks first)', hint: 'revoke', matches: char('x') },
  confirm: { label: 'y', help: 'yes', matches: char('y') },
  deny: { label: 'n', help: 'no', matches: (input, key) => char('n')(input, key) || key.escape },
} satisfies Record<string, KeyBinding>;

export type Command = keyof typeof KEYS;

/** The first command in `commands` whose keys match, or undefined. */
export function commandFor<C extends Command>(commands: readonly C[], input: string, key: Key): C | undefined {
  return commands.find((command) => KEYS[command].matches(input, key));
}

export const GLOBAL_COMMANDS: Command[] = ['switchView', 'help', 'quit', 'interrupt'];
