// A one-line text field. The caret and the placeholder are marked by shape as well as by
// colour, so with NO_COLOR (where even inverse video is off) the caret still shows and a
// placeholder never looks like typed text.
import { Text, useInput } from 'ink';
import { useState } from 'react';
import { useTheme } from '../theme.js';

const CARET = '▌';

interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Whether the field takes keys; Enter, Esc and Tab are the key scope's, never the field's. */
  focus?: boolean;
}

export function TextField({ value, onChange, placeholder = '', focus = true }: TextFieldProps) {
  const theme = useTheme();
  const chars = Array.from(value);
  // Counted from the end: the value may change from outside (line breaks of a paste made into
  // commas, a fix-field step), and a caret at the end stays there.
  const [fromEnd, setFromEnd] = useState(0);
  const caret = Math.max(0, chars.length - fromEnd);
  const setCaretAt = (at: number, length = chars.length) => setFromEnd(length - at);

  useInput(
    (input, key) => {
      if (key.leftArrow) return setCaretAt(Math.max(0, caret - 1));
      if (key.rightArrow) return setCaretAt(Math.min(chars.length, caret + 1));
      if (key.home) return setCaretAt(0);
      if (key.end) return setCaretAt(chars.length);
      if (key.backspace || key.delete) {
        if (caret === 0) return;
        onChange([...chars.slice(0, caret - 1), ...chars.slice(caret)].join(''));
        return;
      }
      if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.ctrl || input === '') return;
      if (key.meta && input.length === 1) return; // Alt+key is a shortcut, not text
      const typed = Array.from(input);
      onChange([...chars.slice(0, caret), ...typed, ...chars.slice(caret)].join(''));
    },
    { isActive: focus },
  );

  if (!focus) return <Text>{value || <Text color={theme.color('muted')}>{placeholder}</Text>}</Text>;
  if (value === '') {
    if (!theme.colors) return <Text>{`${CARET}(${placeholder})`}</Text>;
    return (
      <Text>
        <Text inverse>{placeholder[0] ?? ' '}</Text>
        <Text color={theme.color('muted')}>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const before = chars.slice(0, caret).join('');
  const under = chars[caret];
  const after = chars.slice(caret + 1).join('');
  if (!theme.colors) return <Text>{`${before}${CARET}${under ?? ''}${after}`}</Text>;
  return (
    <Text>
      {before}
      <Text inverse>{under ?? ' '}</Text>
      {after}
    </Text>
  );
}
