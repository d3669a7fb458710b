import { createContext, useContext, useEffect } from 'react';

/** Lets a screen say a text field has focus, so single-letter global keys (q, ?) type instead. */
export const TextFocusContext = createContext<(focused: boolean) => void>(() => undefined);

export function useTextFocus(focused: boolean): void {
  const setFocused = useContext(TextFocusContext);
  useEffect(() => {
    setFocused(focused);
    return () => setFocused(false);
  }, [focused, setFocused]);
}
