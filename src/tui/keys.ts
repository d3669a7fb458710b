// One key map, as data: which keys run which command, and the words for it. The handlers, the
// footer, the `?` overlay and the prose on screen all read it, so none can drift from another.
import type { Key } from 'ink';
import type { NextStepKeys } from '../invites/next-step.js';

type SpecialKey = 'up' | 'down' | 'pageUp' | 'pageDown' | 'return' | 'escape' | 'tab';

/** One way to run a command: a special key, a character, Ctrl plus a letter, or any key at all. */
export type Chord = { special: SpecialKey } | { char: string } | { ctrl: string } | { any: true };

export interface KeyBinding {
  keys: readonly Chord[];
  help: string;
  /** A shorter help text for the footer. */
  hint?: string;
  /** Shown after the others in the footer, so the first to go when it is narrow. */
  minor?: boolean;
}

const INK_FLAG: Record<SpecialKey, keyof Key> = {
  up: 'upArrow',
  down: 'downArrow',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  return: 'return',
  escape: 'escape',
  tab: 'tab',
};
const SPECIAL_LABEL: Record<SpecialKey, string> = {
  up: '↑',
  down: '↓',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  return: 'enter',
  escape: 'esc',
  tab: 'tab',
};
const SPECIAL_NAME: Record<SpecialKey, string> = { ...SPECIAL_LABEL, return: 'Enter', escape: 'Esc', tab: 'Tab' };

const special = (name: SpecialKey): Chord => ({ special: name });
const char = (c: string): Chord => ({ char: c });

export const KEYS = {
  up: { keys: [special('up'), char('k')], help: 'move up' },
  down: { keys: [special('down'), char('j')], help: 'move down' },
  pageUp: { keys: [special('pageUp')], help: 'page up', minor: true },
  pageDown: { keys: [special('pageDown')], help: 'page down', minor: true },
  select: { keys: [special('return')], help: 'select / confirm', hint: 'select' },
  submit: { keys: [special('return')], help: 'done, go on', hint: 'next' },
  send: { keys: [special('return')], help: 'send the invitations', hint: 'send' },
  endFilter: { keys: [special('return')], help: 'keep the filter', hint: 'done' },
  back: { keys: [special('escape')], help: 'go back', hint: 'back' },
  clearFilter: { keys: [special('escape')], help: 'clear the filter', hint: 'clear' },
  switchView: { keys: [special('tab')], help: 'switch Send ↔ Browse', hint: 'send/browse' },
  filter: { keys: [char('/')], help: 'filter' },
  help: { keys: [char('?')], help: 'help' },
  closeHelp: { keys: [{ any: true }], help: 'close this help', hint: 'closes help' },
  quit: { keys: [char('q')], help: 'quit' },
  interrupt: { keys: [{ ctrl: 'c' }], help: 'quit from anywhere', hint: 'quit' },
  stop: { keys: [{ ctrl: 'c' }], help: 'stop sending after the requests in flight', hint: 'stop' },
  toggleEmail: { keys: [char('e')], help: 'toggle "send invitation email"', hint: 'email on/off' },
  retry: { keys: [char('r')], help: 'retry failed (same Idempotency-Key)', hint: 'retry' },
  refresh: { keys: [char('r')], help: 'load again', hint: 'reload' },
  openBrowse: { keys: [char('b')], help: 'open in Browse', hint: 'browse' },
  fixField: { keys: [char('f')], help: 'fix the field the server named', hint: 'fix' },
  newInvite: { keys: [char('n')], help: 'new invitation', hint: 'new' },
  pickOrg: { keys: [special('escape')], help: 'pick another organization', hint: 'other org' },
  cycleStatus: { keys: [char('s')], help: 'cycle status filter', hint: 'status' },
  cycleSort: { keys: [char('o')], help: 'cycle sort order', hint: 'sort' },
  details: { keys: [char('d')], help: 'show / hide details', hint: 'details' },
  revoke: { keys: [char('x')], help: 'revoke (asks first)', hint: 'revoke' },
  confirm: { keys: [char('y')], help: 'yes' },
  deny: { keys: [char('n'), special('escape')], help: 'no' },
} satisfies Record<string, KeyBinding>;

export type Command = keyof typeof KEYS;

/** Whether a key is text a focused field would take (a text field's scope lets those through). */
export function isTyping(input: string, key: Key): boolean {
  const first = input.codePointAt(0);
  return first !== undefined && first >= 0x20 && first !== 0x7f && !key.ctrl && !key.meta && !key.return && !key.tab;
}

function chordMatches(chord: Chord, input: string, key: Key): boolean {
  if ('any' in chord) return true;
  if ('special' in chord) return key[INK_FLAG[chord.special]] === true;
  if ('ctrl' in chord) return key.ctrl && input === chord.ctrl;
  return input === chord.char && !key.ctrl && !key.meta;
}

/**
 * Whether `command` runs for this key. While a text field has the keys (`typing`), characters
 * are text, so only the special keys and Ctrl chords of a command count.
 */
export function matches(command: Command, input: string, key: Key, typing = false): boolean {
  const { keys } = KEYS[command] as KeyBinding;
  return keys.some((chord) => (!typing || !('char' in chord)) && chordMatches(chord, input, key));
}

/** Whether any key of `command` still works while a text field has the keys. */
export function worksWhileTyping(command: Command): boolean {
  return (KEYS[command] as KeyBinding).keys.some((chord) => !('char' in chord));
}

function chordLabel(chord: Chord, names: Record<SpecialKey, string>): string {
  if ('any' in chord) return 'any key';
  if ('special' in chord) return names[chord.special];
  if ('ctrl' in chord) return `ctrl-${chord.ctrl}`;
  return chord.char;
}

/** How the keys are written in the footer and the overlay, e.g. "↑/k". */
export function keyLabel(command: Command, typing = false): string {
  const { keys } = KEYS[command] as KeyBinding;
  return keys
    .filter((chord) => !typing || !('char' in chord))
    .map((chord) => chordLabel(chord, SPECIAL_LABEL))
    .join('/');
}

/** The key for `command` as prose names it: "Enter", "Esc", "r". */
export function keyName(command: Command): string {
  const first = (KEYS[command] as KeyBinding).keys[0];
  if (first && 'ctrl' in first) return `Ctrl-${first.ctrl.toUpperCase()}`;
  return first ? chordLabel(first, SPECIAL_NAME) : '';
}

export function isMinor(command: Command): boolean {
  return (KEYS[command] as KeyBinding).minor === true;
}

export function hintText(command: Command): string {
  const binding: KeyBinding = KEYS[command];
  return binding.hint ?? binding.help;
}

/** The keys the advice under an error names, from this key map. */
export function nextStepKeys(): NextStepKeys {
  return {
    retry: keyName('retry'),
    browse: keyName('openBrowse'),
    fix: keyName('fixField'),
    pickOrg: keyName('pickOrg'),
  };
}
