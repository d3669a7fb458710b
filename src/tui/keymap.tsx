// Key scopes: each component declares the commands that work in it right now (a handler per
// command, in order of importance), whether it is active, and whether a text field in it takes
// typed characters. One input handler runs the first matching command of the active scopes, and
// the footer and the `?` overlay list exactly those commands: what is shown is what works.
import { useInput, type Key } from 'ink';
import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useKeyStream } from './input/input-context.js';
import { isTyping, matches, worksWhileTyping, type Command } from './keys.js';

export type Handlers = Partial<Record<Command, (() => void) | undefined | false>>;

/** Global scopes (Tab, ?, q) come after a screen's; a modal (the help overlay) before everything. */
export type Layer = 'global' | 'screen' | 'modal';
const LAYER_ORDER: Record<Layer, number> = { modal: 0, screen: 1, global: 2 };

export interface ScopeOptions {
  isActive?: boolean;
  /** A text field in this scope takes typed characters: letter keys type instead of commanding. */
  capturesText?: boolean;
  layer?: Layer;
  /** Commands that work but are left out of the footer (still in the overlay). */
  quiet?: readonly Command[];
  /** While active, only this scope's keys work (and Ctrl-C): a question that wants an answer. */
  exclusive?: boolean;
}

interface Scope {
  id: number;
  layer: Layer;
  handlers: Handlers;
  active: boolean;
  suspended: boolean;
  capturesText: boolean;
  quiet: readonly Command[];
  exclusive: boolean;
}

export interface ActiveCommand {
  command: Command;
  /** A text field has the keys, so only the command's non-character keys work. */
  typing: boolean;
}

export class KeymapStore {
  private scopes = new Map<number, Scope>();
  private listeners = new Set<() => void>();
  private nextId = 0;
  private signature = '';
  version = 0;

  register(): number {
    return this.nextId++;
  }

  set(scope: Scope): void {
    this.scopes.set(scope.id, scope);
    this.changed();
  }

  remove(id: number): void {
    this.scopes.delete(id);
    this.changed();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  /** Scopes that take keys now, first to match first. */
  private live(includeSuspended = false): Scope[] {
    const scopes = [...this.scopes.values()]
      .filter((scope) => scope.active && (includeSuspended || !scope.suspended))
      .sort((a, b) => LAYER_ORDER[a.layer] - LAYER_ORDER[b.layer] || a.id - b.id);
    if (includeSuspended || !scopes.some((scope) => scope.exclusive)) return scopes;
    // A question is open: its keys, and Ctrl-C from the global scope, nothing else.
    return scopes
      .filter((scope) => scope.exclusive || scope.layer === 'global')
      .map((scope) => (scope.exclusive ? scope : { ...scope, handlers: { interrupt: scope.handlers.interrupt } }));
  }

  capturesText(): boolean {
    return this.live().some((scope) => scope.capturesText);
  }

  /** Runs the first command of the live scopes that this key matches. */
  dispatch(input: string, key: Key): void {
    const typing = this.capturesText() && isTyping(input, key);
    for (const scope of this.live()) {
      for (const [command, handler] of entries(scope.handlers)) {
        if (matches(command, input, key, typing)) return handler();
      }
    }
  }

  /** What works now, in order of importance, each command once; `footer` leaves out quiet ones. */
  commands({ footer = false, underModal = false } = {}): ActiveCommand[] {
    const scopes = underModal ? this.live(true).filter((scope) => scope.layer !== 'modal') : this.live();
    const typing = scopes.some((scope) => scope.capturesText);
    const seen = new Set<Command>();
    const out: ActiveCommand[] = [];
    for (const scope of scopes) {
      for (const [command] of entries(scope.handlers)) {
        if (seen.has(command) || (typing && !worksWhileTyping(command))) continue;
        seen.add(command);
        if (!footer || !scope.quiet.includes(command)) out.push({ command, typing });
      }
    }
    return out;
  }

  private changed(): void {
    const signature = JSON.stringify(
      this.live(true).map((scope) => [
        scope.layer,
        scope.suspended,
        scope.capturesText,
        scope.exclusive,
        entries(scope.handlers).map(([command]) => command),
      ]),
    );
    if (signature === this.signature) return;
    this.signature = signature;
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function entries(handlers: Handlers): [Command, () => void][] {
  return Object.entries(handlers).filter((entry): entry is [Command, () => void] => typeof entry[1] === 'function');
}

const KeymapContext = createContext<KeymapStore | undefined>(undefined);
/** True under an open `?` overlay: the screen beneath keeps its state but takes no keys. */
const SuspendedContext = createContext(false);

/** Holds the scopes and the one input handler; tells the key stream when a text field has the keys. */
export function KeymapProvider({ children, store }: { children: ReactNode; store?: KeymapStore }) {
  const keymap = useMemo(() => store ?? new KeymapStore(), [store]);
  const keyStream = useKeyStream();
  useEffect(() => keyStream?.setTextMode(() => keymap.capturesText()), [keyStream, keymap]);
  useInput((input, key) => keymap.dispatch(input, key));
  return <KeymapContext.Provider value={keymap}>{children}</KeymapContext.Provider>;
}

export function SuspendKeys({ suspended, children }: { suspended: boolean; children: ReactNode }) {
  return <SuspendedContext.Provider value={suspended}>{children}</SuspendedContext.Provider>;
}

function useKeymap(): KeymapStore {
  const keymap = useContext(KeymapContext);
  if (!keymap) throw new Error('key scopes need a <KeymapProvider>');
  return keymap;
}

/**
 * Declares the commands that work in this component now: `handlers` in order of importance
 * (a command whose handler is undefined or false is not offered).
 */
export function useKeyScope(handlers: Handlers, options: ScopeOptions = {}): void {
  const keymap = useKeymap();
  const suspended = useContext(SuspendedContext);
  const id = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const scopeId = keymap.register();
    id.current = scopeId;
    return () => keymap.remove(scopeId);
  }, [keymap]);
  // Every commit: the handlers close over this render's state, so the next key meets it.
  useLayoutEffect(() => {
    if (id.current === undefined) return;
    keymap.set({
      id: id.current,
      layer: options.layer ?? 'screen',
      handlers,
      active: options.isActive ?? true,
      suspended,
      capturesText: options.capturesText ?? false,
      quiet: options.quiet ?? [],
      exclusive: options.exclusive ?? false,
    });
  });
}

/** The commands that work now, re-rendering when they change. */
export function useActiveCommands(options: { footer?: boolean; underModal?: boolean } = {}): ActiveCommand[] {
  const keymap = useKeymap();
  const version = useSyncExternalStore(keymap.subscribe, keymap.getVersion);
  const { footer, underModal } = options;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => keymap.commands({ footer, underModal }), [keymap, version, footer, underModal]);
}
