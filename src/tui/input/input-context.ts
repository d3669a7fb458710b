import { createContext, useContext } from 'react';
import type { KeyStream } from './key-stream.js';

/** The key stream in front of Ink's stdin, so the keymap can tell it when a text field has the keys. */
export const KeyStreamContext = createContext<KeyStream | undefined>(undefined);

export function useKeyStream(): KeyStream | undefined {
  return useContext(KeyStreamContext);
}
