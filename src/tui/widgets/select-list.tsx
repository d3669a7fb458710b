import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { visibleRows, type ListCursor } from './list-cursor.js';

export interface SelectItem {
  id: string;
  label: string;
  /** Shown dimmed after the label. */
  hint?: string;
  /** Shown after the hint, in a warning tone (e.g. "browse only"). */
  mark?: string;
}

interface SelectListProps {
  items: readonly SelectItem[];
  cursor: ListCursor;
  height: number;
  width: number;
}

/** A list that renders only its visible window, with a pointer on the highlighted row. */
export function SelectList({ items, cursor, height, width }: SelectListProps) {
  const theme = useTheme();
  const rows = visibleRows(items, cursor, height);
  const more = items.length - cursor.offset - rows.length;
  return (
    <Box flexDirection="column" width={width}>
      {cursor.offset > 0 && (
        <Text color={theme.color('muted')}>
          {'  '}↑ {cursor.offset} more
        </Text>
      )}
      {rows.map((item, i) => {
        const selected = cursor.offset + i === cursor.index;
        return (
          <Text key={item.id} wrap="truncate-end">
            <Text color={selected ? theme.color('selected') : undefined} bold={selected}>
              {selected ? '❯ ' : '  '}
              {item.label}
            </Text>
            {item.hint ? (
              <Text color={theme.color('muted')}>
                {'  '}
                {item.hint}
              </Text>
            ) : null}
            {item.mark ? (
              <Text color={theme.color('warning')}>
                {'  '}
                {item.mark}
              </Text>
            ) : null}
          </Text>
        );
      })}
      {more > 0 && (
        <Text color={theme.color('muted')}>
          {'  '}↓ {more} more
        </Text>
      )}
    </Box>
  );
}
